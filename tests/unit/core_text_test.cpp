#include <catch2/catch.hpp>
#include <string>

#include "attache/core/text.h"

using namespace attache;

TEST_CASE("FoldForSearch drops Vietnamese diacritics and case") {
  struct Case {
    const char* in;
    const char* folded;
  };
  const Case cases[] = {
      {"Tổ chức Lao động Quốc tế", "to chuc lao dong quoc te"},
      {"TỔ CHỨC LAO ĐỘNG", "to chuc lao dong"},
      {"Đặng Quốc Bình", "dang quoc binh"},
      {"Ngân hàng Phát triển châu Á", "ngan hang phat trien chau a"},
      {"Cao ủy Liên Hợp Quốc về Người tị nạn", "cao uy lien hop quoc ve nguoi ti nan"},
      {"Thụy Sĩ, Hàn Quốc, Nhật Bản", "thuy si, han quoc, nhat ban"},
      {"ỳýỵỷỹ ƯỪỨỰỬỮ ơờớợởỡ", "yyyyy uuuuuu oooooo"},
      {"Zusammenarbeit für Genève, España", "zusammenarbeit fur geneve, espana"},
      // Decomposed input (a base letter and combining marks) folds the same.
      {"To\u0302\u0309 chu\u031b\u0301c", "to chuc"},
      {"ILO / UN Women", "ilo / un women"},
      {"東京 Москва", "東京 Москва"},  // other scripts are kept as they are
      {"", ""},
  };
  for (const Case& c : cases) {
    INFO(c.in);
    CHECK(FoldForSearch(c.in) == c.folded);
  }
  // Malformed bytes are kept, not dropped or crashed on.
  CHECK(FoldForSearch("A\xff\xc3") == "a\xff\xc3");
}

TEST_CASE("IsValidUtf8 refuses overlongs, surrogates, truncations and values past U+10FFFF") {
  CHECK(IsValidUtf8(""));
  CHECK(IsValidUtf8("Hội thảo 東京 \xf0\x9f\x98\x80"));
  CHECK_FALSE(IsValidUtf8("\xff"));
  CHECK_FALSE(IsValidUtf8("\xc3"));              // truncated
  CHECK_FALSE(IsValidUtf8("\xc3\x28"));          // bad continuation
  CHECK_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
  CHECK_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate
  CHECK_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // past U+10FFFF
}

TEST_CASE("Lengths in characters, control characters and trimming") {
  CHECK(CodePointCount("Hội thảo") == 8);
  CHECK(CodePointCount(std::string(300, 'a')) == 300);
  CHECK(HasControlCharacter("a\x07"));
  CHECK(HasControlCharacter("line\nbreak"));
  CHECK_FALSE(HasControlCharacter("line\nbreak\r\n\ttab", true));
  CHECK(HasControlCharacter("del\x7f", true));
  CHECK_FALSE(HasControlCharacter("Tổ chức"));
  CHECK(TrimAscii("  ILO \t\n") == "ILO");
  CHECK(TrimAscii("   ").empty());
  CHECK(TrimAscii("a b") == "a b");
}
