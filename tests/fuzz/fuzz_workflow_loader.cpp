// Fuzz target: the workflow definition loader (core/workflow_loader.cpp), fed the text of a
// definition file. Seeds: the real definitions of schema/workflows/ and the refused ones of
// tests/fixtures/workflows/broken/.
//
// Properties, beyond "no crash, no sanitizer report" (an exception escaping LoadDefinition
// would stop the server at start, so it is a crash here too):
//  - a refusal is InvalidArgument and its message starts with the file name;
//  - an accepted definition's canonical text (what names a version) loads again, to the same
//    canonical text, kind, states, transitions and fields.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "attache/core/workflow.h"

namespace {

using attache::Status;

[[noreturn]] void Fail(const std::string& why) {
  std::fprintf(stderr, "fuzz_workflow_loader: %s\n", why.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  attache::workflow::Definition def;
  Status s = attache::workflow::LoadDefinition(text, "fuzz.json", &def);
  if (!s.ok()) {
    if (s.code() != Status::Code::kInvalidArgument || !s.message().starts_with("fuzz.json: "))
      Fail("unexpected refusal: " + s.message());
    return 0;
  }
  attache::workflow::Definition again;
  s = attache::workflow::LoadDefinition(def.canonical, "canonical.json", &again);
  if (!s.ok()) Fail("its canonical text is refused: " + s.message());
  if (again.canonical != def.canonical || again.kind != def.kind ||
      again.states.size() != def.states.size() ||
      again.transitions.size() != def.transitions.size() ||
      again.fields.size() != def.fields.size() || again.initial_state != def.initial_state)
    Fail("its canonical text loads as another definition");
  return 0;
}
