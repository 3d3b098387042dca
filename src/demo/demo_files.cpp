// Reading the demo data of schema/demo/ (demo/demo_files.h) with the typed JSON reading of
// core/json_reader.h, checking it as it is read: the keys and types of every object, duplicate
// codes, usernames and partners, every reference (to a unit, a user, a partner, a plan item, a
// kind, a field of the kind) and the shape of every route step, so that a fault is named by
// its file and JSON pointer here rather than half-way through a seed.
#include "attache/demo/demo_files.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>

#include "attache/core/fields.h"
#include "attache/core/json_reader.h"
#include "attache/store/partners.h"
#include "attache/store/users.h"

namespace attache::demo {
namespace {

namespace fs = std::filesystem;
using json_reader::Array;
using json_reader::CheckKeys;
using json_reader::Fail;
using json_reader::Integer;
using json_reader::Join;
using json_reader::Number;
using json_reader::OptionalString;
using json_reader::Quote;
using json_reader::String;
using nlohmann::json;

// Far above the shipped files (the largest is under 50 KiB); a larger one is not read at all.
constexpr std::uintmax_t kMaxFileBytes = 4 << 20;
constexpr int kMaxDays = 3650;  // how far back a proposal may be drafted, or a step wait

Status ReadDocument(const fs::path& file, json* out) {
  const std::string name = file.string();
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(file, ec);
  if (ec) return Status::InvalidArgument(name + ": cannot read: " + ec.message());
  if (size > kMaxFileBytes) return Status::InvalidArgument(name + ": larger than 4 MiB");
  std::string text(static_cast<size_t>(size), '\0');
  std::ifstream in(file, std::ios::binary);
  if (!in.read(text.data(), static_cast<std::streamsize>(size)))
    return Status::InvalidArgument(name + ": cannot read");
  return json_reader::Parse(text, name, out);
}

// ---- References

const DemoUnit* FindUnit(const DemoData& d, const std::string& code) {
  for (const DemoUnit& u : d.units)
    if (u.code == code) return &u;
  return nullptr;
}

const DemoUser* FindUser(const DemoData& d, const std::string& username) {
  for (const DemoUser& u : d.users)
    if (u.username == username) return &u;
  return nullptr;
}

bool KnownPartner(const DemoData& d, const std::string& key) {
  return std::any_of(d.partners.begin(), d.partners.end(),
                     [&](const DemoPartner& p) { return p.key() == key; });
}

std::string Unit(const DemoData& d, const json& obj, const std::string& path,
                 std::string_view key) {
  std::string code = String(obj, path, key);
  if (!FindUnit(d, code)) Fail(Join(path, key), "unknown unit " + Quote(code));
  return code;
}

// A user; with `role`, one holding it.
const DemoUser& User(const DemoData& d, const json& obj, const std::string& path,
                     std::string_view key, std::string_view role = {}) {
  std::string name = String(obj, path, key);
  const DemoUser* u = FindUser(d, name);
  if (!u) Fail(Join(path, key), "unknown user " + Quote(name));
  if (!role.empty() && u->role != role)
    Fail(Join(path, key), "user " + Quote(name) + " does not have the role " + Quote(role));
  return *u;
}

std::string Partner(const DemoData& d, const json& obj, const std::string& path,
                    std::string_view key) {
  std::string name = String(obj, path, key);
  if (!KnownPartner(d, name)) Fail(Join(path, key), "unknown partner " + Quote(name));
  return name;
}

std::string Kind(const service::Workflows& workflows, const json& obj, const std::string& path) {
  std::string kind = String(obj, path, "kind");
  if (!workflows.Current(kind)) Fail(Join(path, "kind"), "unknown kind " + Quote(kind));
  return kind;
}

// One of a fixed list (roles, partner types).
template <class List>
std::string OneOf(const json& obj, const std::string& path, std::string_view key, const List& list,
                  std::string_view what) {
  std::string value = String(obj, path, key);
  if (std::find(std::begin(list), std::end(list), value) == std::end(list))
    Fail(Join(path, key), "unknown " + std::string(what) + " " + Quote(value));
  return value;
}

std::optional<std::string> OptionalCountry(const json& obj, const std::string& path,
                                           std::string_view key) {
  if (!obj.contains(key)) return std::nullopt;
  std::string code = String(obj, path, key);
  if (!workflow::IsCountryCode(code))
    Fail(Join(path, key), Quote(code) + " is not a country code (ISO 3166-1 alpha-2)");
  return code;
}

// ---- organisation.json

void ReadUnits(const json& root, DemoData* d) {
  Array(root, "", "units", true, [&](const json& j, const std::string& at) {
    CheckKeys(j, at, {"code", "name_vi", "name_en"}, {"parent"});
    DemoUnit u{String(j, at, "code"), String(j, at, "name_vi"), String(j, at, "name_en"),
               OptionalString(j, at, "parent")};
    if (FindUnit(*d, u.code)) Fail(Join(at, "code"), "duplicate unit " + Quote(u.code));
    if (!u.parent.empty() && !FindUnit(*d, u.parent))
      Fail(Join(at, "parent"),
           "unknown unit " + Quote(u.parent) + " (a parent is listed before its units)");
    d->units.push_back(std::move(u));
  });
}

void ReadUsers(const json& root, DemoData* d) {
  Array(root, "", "users", true, [&](const json& j, const std::string& at) {
    CheckKeys(j, at, {"username", "display_name", "unit", "role"}, {"about"});
    DemoUser u{String(j, at, "username"), String(j, at, "display_name"), Unit(*d, j, at, "unit"),
               OneOf(j, at, "role", store::kRoles, "role"), OptionalString(j, at, "about")};
    if (FindUser(*d, u.username))
      Fail(Join(at, "username"), "duplicate username " + Quote(u.username));
    d->users.push_back(std::move(u));
  });
  // ICD enters the partners and gathers the opinions of the bodies consulted.
  if (!d->FirstWith("icd_officer")) Fail("/users", "no user has the role \"icd_officer\"");
}

void ReadPartners(const json& root, DemoData* d) {
  Array(root, "", "partners", false, [&](const json& j, const std::string& at) {
    CheckKeys(j, at, {"type", "name_vi", "name_en"}, {"acronym", "country", "notes"});
    DemoPartner p{OneOf(j, at, "type", store::kPartnerTypes, "partner type"),
                  OptionalString(j, at, "acronym"),
                  String(j, at, "name_vi"),
                  String(j, at, "name_en"),
                  OptionalCountry(j, at, "country"),
                  OptionalString(j, at, "notes")};
    if (KnownPartner(*d, p.key()))
      Fail(Join(at, p.acronym.empty() ? "name_en" : "acronym"),
           "duplicate partner " + Quote(p.key()) +
               " (partners are named by acronym, or by English name when they have none)");
    d->partners.push_back(std::move(p));
  });
}

store::Money Budget(const json& j, const std::string& path) {
  CheckKeys(j, path, {"amount", "currency"});
  store::Money m{Number(j, path, "amount"), String(j, path, "currency")};
  if (!std::isfinite(m.amount) || m.amount < 0) Fail(Join(path, "amount"), "must not be negative");
  if (!workflow::IsCurrencyCode(m.currency))
    Fail(Join(path, "currency"), Quote(m.currency) + " is not a currency code (ISO 4217)");
  return m;
}

void ReadPlanItems(const json& root, const service::Workflows& workflows, DemoData* d) {
  Array(root, "", "plan_items", false, [&](const json& j, const std::string& at) {
    CheckKeys(j, at, {"unit", "years_ago", "kind", "title", "partner", "entered_by"},
              {"country", "quarter", "budget"});
    DemoPlanItem item;
    item.unit = Unit(*d, j, at, "unit");
    item.years_ago = Integer(j, at, "years_ago", 0, 10);
    item.kind = Kind(workflows, j, at);
    item.title = String(j, at, "title");
    item.partner = Partner(*d, j, at, "partner");
    item.country = OptionalCountry(j, at, "country");
    if (j.contains("quarter")) item.quarter = Integer(j, at, "quarter", 1, 4);
    if (j.contains("budget")) item.budget = Budget(j.at("budget"), Join(at, "budget"));
    item.entered_by = User(*d, j, at, "entered_by").username;
    d->plan_items.push_back(std::move(item));
  });
}

void ReadOrganisation(const json& root, const service::Workflows& workflows, DemoData* d) {
  CheckKeys(root, "", {"password", "units", "users"}, {"partners", "plan_items"});
  d->password = String(root, "", "password");
  ReadUnits(root, d);
  ReadUsers(root, d);
  ReadPartners(root, d);
  ReadPlanItems(root, workflows, d);
}

// ---- proposals/*.json

std::optional<int> ParseInt(std::string_view text) {
  int v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size()) return std::nullopt;
  return v;
}

// `name[:user][+days][@field[+|-days]]`, each part checked against the kind and the users.
DemoStep ReadStep(const json& j, const std::string& path, const workflow::Definition& def,
                  const DemoData& d) {
  if (!j.is_string() || j.get_ref<const std::string&>().empty())
    Fail(path, "must be a non-empty string");
  const std::string text = j.get<std::string>();
  auto malformed = [&] {
    Fail(path, "malformed step " + Quote(text) + ": write name[:user][+days][@field[+|-days]]");
  };
  DemoStep step;
  std::string rest = text;
  if (size_t at = rest.find('@'); at != std::string::npos) {
    std::string anchor = rest.substr(at + 1);
    rest.resize(at);
    size_t sign = anchor.find_first_of("+-");
    step.anchor = anchor.substr(0, sign);
    if (sign != std::string::npos) {
      auto shift = ParseInt(anchor.substr(anchor[sign] == '+' ? sign + 1 : sign));
      if (!shift) malformed();
      step.anchor_shift = *shift;
    }
  }
  if (size_t plus = rest.find('+'); plus != std::string::npos) {
    step.days = ParseInt(rest.substr(plus + 1));
    if (!step.days) malformed();
    rest.resize(plus);
  }
  if (size_t colon = rest.find(':'); colon != std::string::npos) {
    step.user = rest.substr(colon + 1);
    rest.resize(colon);
  }
  step.name = rest;
  const bool known =
      step.name == "ask" || step.name == "answer" || step.name == "object" ||
      std::any_of(def.transitions.begin(), def.transitions.end(),
                  [&](const workflow::TransitionDef& t) { return t.action == step.name; });
  if (!known)
    Fail(path, "unknown step " + Quote(step.name) + ": not an action of " + def.kind +
                   ", nor ask, answer or object");
  if (!step.user.empty() && !FindUser(d, step.user)) Fail(path, "unknown user " + Quote(step.user));
  if (step.days && (*step.days < 0 || *step.days > kMaxDays))
    Fail(path, "days must be from 0 to " + std::to_string(kMaxDays));
  const workflow::FieldDef* anchor = step.anchor.empty() ? nullptr : def.Field(step.anchor);
  if (!step.anchor.empty() && (!anchor || anchor->type != workflow::FieldType::kDate))
    Fail(path, "unknown date field " + Quote(step.anchor) + " of " + def.kind);
  return step;
}

json ReadFields(const json& j, const std::string& path, const workflow::Definition& def,
                const DemoData& d) {
  if (!j.is_object()) Fail(path, "must be an object");
  for (auto it = j.begin(); it != j.end(); ++it) {
    const workflow::FieldDef* f = def.Field(it.key());
    if (!f) Fail(Join(path, it.key()), "unknown field " + Quote(it.key()) + " of " + def.kind);
    if (f->type == workflow::FieldType::kPartner) Partner(d, j, path, it.key());
  }
  return j;
}

void ReadProposals(const json& root, const service::Workflows& workflows, DemoData* d) {
  CheckKeys(root, "", {"kind", "proposals"});
  const std::string kind = Kind(workflows, root, "");
  const workflow::Definition& def = *workflows.Current(kind);
  Array(root, "", "proposals", true, [&](const json& j, const std::string& at) {
    CheckKeys(j, at, {"title", "creator", "leader", "drafted_days_ago", "route", "fields"},
              {"plan_item", "note"});
    DemoProposal p;
    p.kind = kind;
    p.title = String(j, at, "title");
    const DemoUser& creator = User(*d, j, at, "creator", "staff");
    p.creator = creator.username;
    p.leader = User(*d, j, at, "leader", "leader").username;
    p.drafted_days_ago = Integer(j, at, "drafted_days_ago", 0, kMaxDays);
    p.plan_item = OptionalString(j, at, "plan_item");
    if (!p.plan_item.empty() &&
        std::none_of(d->plan_items.begin(), d->plan_items.end(), [&](const DemoPlanItem& i) {
          return i.title == p.plan_item && i.unit == creator.unit;
        }))
      Fail(Join(at, "plan_item"),
           "no plan item " + Quote(p.plan_item) + " of unit " + Quote(creator.unit));
    OptionalString(j, at, "note");  // for whoever writes the file; not seeded
    Array(j, at, "route", false, [&](const json& s, const std::string& step_at) {
      p.route.push_back(ReadStep(s, step_at, def, *d));
    });
    p.fields = ReadFields(j.at("fields"), Join(at, "fields"), def, *d);
    d->proposals.push_back(std::move(p));
  });
}

// Reads `file` with `read`, naming the file in a refusal.
template <class Read>
Status ReadFile(const fs::path& file, Read read) {
  json root;
  if (Status s = ReadDocument(file, &root); !s.ok()) return s;
  try {
    read(root);
  } catch (const json_reader::Fault& f) {
    return Status::InvalidArgument(file.string() + ": " + f.message);
  }
  return Status::Ok();
}

}  // namespace

std::optional<int> RelativeDays(std::string_view text) {
  if (text.empty() || (text[0] != '+' && text[0] != '-')) return std::nullopt;
  const size_t end = text.find('T');
  return ParseInt(text.substr(text[0] == '+' ? 1 : 0, end - (text[0] == '+')));
}

const DemoUser* DemoData::FirstWith(std::string_view role) const {
  for (const DemoUser& u : users)
    if (u.role == role) return &u;
  return nullptr;
}

Status LoadDemoData(const fs::path& dir, const service::Workflows& workflows, DemoData* out) {
  DemoData d;
  if (Status s = ReadFile(dir / "organisation.json",
                          [&](const json& root) { ReadOrganisation(root, workflows, &d); });
      !s.ok())
    return s;
  // The proposal files in the order of their names (none: a demo without proposals).
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::directory_iterator it(dir / "proposals", ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".json") files.push_back(it->path());
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files)
    if (Status s = ReadFile(file, [&](const json& root) { ReadProposals(root, workflows, &d); });
        !s.ok())
      return s;
  *out = std::move(d);
  return Status::Ok();
}

}  // namespace attache::demo
