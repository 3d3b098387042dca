#include "attache/service/passwords.h"

#include <sodium.h>

#include <cstddef>  // before crack.h, which uses size_t without including it
#include <crack.h>

#include <fstream>
#include <mutex>
#include <optional>

#include "attache/core/hash.h"
#include "attache/core/text.h"

namespace attache::service {
namespace {

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

const std::string& DummyHash() {
  static const std::string dummy = [] {
    std::string h;
    HashPassword("attache-dummy-password-for-unknown-users", &h);
    return h;
  }();
  return dummy;
}

// cracklib keeps static state between calls (its dictionary handle, its buffers): one call at a
// time in the whole process.
std::mutex& CracklibMutex() {
  static std::mutex m;
  return m;
}

// cracklib's verdict on `password` (nullopt: none), given the owner's username and name as
// its "user" and "gecos" (a non-null gecos also keeps it from looking the user up in the
// system's password file). The texts are cracklib's English ones: the server never calls
// setlocale, so they are not translated.
std::optional<std::string> CracklibVerdict(const std::string& dictionary, std::string_view password,
                                           const PasswordOwner& owner) {
  const std::string pw(password);
  const std::string gecos = FoldForSearch(owner.display_name);
  std::lock_guard<std::mutex> lock(CracklibMutex());
  const char* verdict =
      FascistCheckUser(pw.c_str(), dictionary.c_str(), owner.username.c_str(), gecos.c_str());
  if (!verdict) return std::nullopt;
  return std::string(verdict);
}

bool Has(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

Status Refuse(const char* vi, const char* en) {
  return Status::InvalidArgument(std::string(vi) + " / " + en);
}

constexpr const char* kNameVi =
    "Mật khẩu không được là tên đăng nhập, họ tên của bạn hay tên của Bộ";
constexpr const char* kNameEn = "the password must not be your username, your name or the ministry's name";

// What cracklib's verdict means for us: OK for the verdicts we do not take (see passwords.h),
// else the refusal in both languages.
Status FromVerdict(const std::string& verdict) {
  if (Has(verdict, "too short") || Has(verdict, "National Insurance")) return Status::Ok();
  if (Has(verdict, "dictionary word"))
    return Refuse("Mật khẩu dựa trên một từ có trong từ điển nên dễ bị dò ra",
                  "the password is based on a dictionary word, so it is easy to guess");
  if (Has(verdict, "DIFFERENT characters"))
    return Refuse("Mật khẩu có quá ít ký tự khác nhau", "the password has too few different characters");
  if (Has(verdict, "simplistic"))
    return Refuse("Mật khẩu quá đơn giản, có quy luật dễ đoán (như abcd, 1234)",
                  "the password is too simple or systematic (such as abcd or 1234)");
  if (Has(verdict, "whitespace"))
    return Refuse("Mật khẩu không được chỉ gồm khoảng trắng", "the password must not be only spaces");
  if (Has(verdict, "username") || Has(verdict, "password entry")) return Refuse(kNameVi, kNameEn);
  if (Has(verdict, "error")) return Status::Internal("cracklib: " + verdict);
  // A verdict of a later cracklib: refused, in its own words.
  return Status::InvalidArgument("Mật khẩu quá dễ đoán / the password is too easy to guess (" +
                                 verdict + ")");
}

bool IsLetter(unsigned char c) {
  return (c >= 'a' && c <= 'z') || c >= 0x80;  // after folding; other scripts kept as they are
}

// The words of `text` folded: lower case, no diacritics, đ as d; split at everything that is
// not a letter. "Nguyễn Thị Lan" → nguyen, thi, lan; "lan.nt2" → lan, nt.
void AddWords(std::string_view text, std::vector<std::string>* words) {
  std::string word;
  for (unsigned char c : FoldForSearch(text)) {
    if (IsLetter(c)) {
      word += static_cast<char>(c);
    } else if (!word.empty()) {
      words->push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words->push_back(std::move(word));
}

// The letters of `password` folded, without digits, spaces or punctuation.
std::string LettersOf(std::string_view password) {
  std::string out;
  for (unsigned char c : FoldForSearch(password))
    if (IsLetter(c)) out += static_cast<char>(c);
  return out;
}

// Whether `letters` is a sequence of `words` (each any number of times), e.g. "lannguyen" of
// {nguyen, thi, lan}.
bool MadeOf(std::string_view letters, const std::vector<std::string>& words) {
  std::vector<bool> reach(letters.size() + 1, false);  // reach[i]: letters[0, i) is made of words
  reach[0] = true;
  for (size_t i = 0; i < letters.size(); ++i) {
    if (!reach[i]) continue;
    for (const std::string& w : words)
      if (letters.compare(i, w.size(), w) == 0) reach[i + w.size()] = true;
  }
  return reach[letters.size()];
}

bool IsOwnName(std::string_view password, const PasswordOwner& owner) {
  std::vector<std::string> words;
  AddWords(owner.username, &words);
  AddWords(owner.display_name, &words);
  for (const std::string& name : owner.ministry_names) AddWords(name, &words);
  std::string letters = LettersOf(password);
  return !letters.empty() && MadeOf(letters, words);
}

}  // namespace

Status CommonPasswords::Load(const std::filesystem::path& list,
                             const std::filesystem::path& dictionary, CommonPasswords* out) {
  std::ifstream in(list);
  if (!in) return Status::InvalidArgument("cannot read the common-password list " + list.string());
  out->words_.clear();
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    out->words_.insert(AsciiLower(line));
  }
  if (out->words_.empty())
    return Status::InvalidArgument("the common-password list " + list.string() + " is empty");
  // cracklib opens its dictionary at every check; one check now tells that it can.
  out->dictionary_ = dictionary.string();
  auto verdict = CracklibVerdict(out->dictionary_, "attache dictionary check", {});
  if (verdict && Has(*verdict, "error"))
    return Status::InvalidArgument("cannot open cracklib's dictionary " + out->dictionary_ +
                                   " (apt-get install cracklib-runtime): " + *verdict);
  return Status::Ok();
}

bool CommonPasswords::Contains(std::string_view password) const {
  return words_.count(AsciiLower(password)) > 0;
}

Status CheckPasswordPolicy(std::string_view password, const CommonPasswords& common,
                           const PasswordOwner& owner) {
  if (!IsValidUtf8(password))
    return Status::InvalidArgument(
        "Mật khẩu không phải văn bản UTF-8 hợp lệ / the password is not valid UTF-8");
  const size_t chars = CodePointCount(password);
  if (chars < kPasswordMinChars)
    return Status::InvalidArgument(
        "Mật khẩu phải có ít nhất 8 ký tự / the password must have at least 8 characters");
  if (chars > kPasswordMaxChars)
    return Status::InvalidArgument(
        "Mật khẩu không được dài quá 128 ký tự / the password must have at most 128 characters");
  if (common.Contains(password))
    return Status::InvalidArgument(
        "Mật khẩu này quá phổ biến, hãy chọn mật khẩu khác / this password is too common: choose "
        "another");
  if (IsOwnName(password, owner)) return Refuse(kNameVi, kNameEn);
  // cracklib reads C strings: a NUL ends the password for it, so what follows is not checked
  // by it (the rules above saw the whole password).
  if (auto verdict = CracklibVerdict(common.dictionary(), password, owner))
    return FromVerdict(*verdict);
  return Status::Ok();
}

Status HashPassword(std::string_view password, std::string* hash) {
  EnsureSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kArgonOpsLimit, kArgonMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    return Status::Internal("out of memory while hashing a password");
  *hash = out;
  return Status::Ok();
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  EnsureSodium();
  bool known = !hash.empty() && hash.size() < crypto_pwhash_STRBYTES;
  std::string stored(known ? hash : std::string_view(DummyHash()));
  bool match = crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
  return known && match;
}

}  // namespace attache::service
