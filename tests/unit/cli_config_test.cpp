#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>

#include "attache/cli/config.h"
#include "attache/core/rfc3339.h"

using namespace attache::cli;
using namespace std::chrono_literals;
using attache::Status;

namespace {

Status Resolve(const std::vector<std::string>& args, std::map<std::string, std::string> env,
               Config* config) {
  Flags flags;
  if (Status s = ParseFlags(args, ServeFlags(), &flags); !s.ok()) return s;
  return ResolveConfig(flags, [&env](const char* name) -> const char* {
    auto it = env.find(name);
    return it == env.end() ? nullptr : it->second.c_str();
  }, config);
}

}  // namespace

TEST_CASE("Configuration: flags over environment over defaults") {
  Config c;
  REQUIRE(Resolve({}, {}, &c).ok());
  CHECK(c.data_dir == "data");
  CHECK(c.listen_host == "127.0.0.1");
  CHECK(c.port == 8080);
  CHECK(c.threads >= 1);

  REQUIRE(Resolve({}, {{"ATTACHE_DATA", "/srv/a"}, {"ATTACHE_LISTEN", "0.0.0.0:9000"},
                       {"ATTACHE_THREADS", "3"}}, &c).ok());
  CHECK(c.data_dir == "/srv/a");
  CHECK(c.listen_host == "0.0.0.0");
  CHECK(c.port == 9000);
  CHECK(c.threads == 3);

  REQUIRE(Resolve({"--data", "/x", "--listen=[::1]:81", "--threads", "2"},
                  {{"ATTACHE_DATA", "/srv/a"}, {"ATTACHE_THREADS", "3"}}, &c).ok());
  CHECK(c.data_dir == "/x");
  CHECK(c.listen_host == "::1");
  CHECK(c.port == 81);
  CHECK(c.threads == 2);
  CHECK(c.max_connections == 10'000);

  REQUIRE(Resolve({"--max-connections", "64"}, {{"ATTACHE_MAX_CONNECTIONS", "7"}}, &c).ok());
  CHECK(c.max_connections == 64);
  REQUIRE(Resolve({}, {{"ATTACHE_MAX_CONNECTIONS", "7"}}, &c).ok());
  CHECK(c.max_connections == 7);

  CHECK(c.min_body_rate == 8 * 1024);
  REQUIRE(Resolve({"--min-body-rate-kib", "0"}, {{"ATTACHE_MIN_BODY_RATE_KIB", "2"}}, &c).ok());
  CHECK(c.min_body_rate == 0);
  REQUIRE(Resolve({}, {{"ATTACHE_MIN_BODY_RATE_KIB", "2"}}, &c).ok());
  CHECK(c.min_body_rate == 2048);
}

TEST_CASE("Configuration: bad values are refused with a clear message") {
  struct Case {
    std::vector<std::string> args;
    const char* message;
  };
  std::vector<Case> cases = {
      {{"--listen", "127.0.0.1:99999"}, "port"},
      {{"--listen", "127.0.0.1:http"}, "port"},
      {{"--listen", "127.0.0.1"}, "ADDRESS:PORT"},
      {{"--listen", ":80"}, "ADDRESS:PORT"},
      {{"--threads", "0"}, "--threads"},
      {{"--threads", "many"}, "--threads"},
      {{"--read-timeout-ms", "-5"}, "--read-timeout-ms"},
      {{"--max-connections", "0"}, "--max-connections"},
      {{"--max-connections", "2000000"}, "--max-connections"},
      {{"--min-body-rate-kib", "-1"}, "--min-body-rate-kib"},
      {{"--min-body-rate-kib", "2000000"}, "--min-body-rate-kib"},
      {{"--bogus"}, "unknown option --bogus"},
      {{"--data"}, "needs a value"},
      {{"stray"}, "unexpected argument"},
  };
  for (const auto& c : cases) {
    INFO(c.args[0]);
    Config config;
    Status s = Resolve(c.args, {}, &config);
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK_THAT(s.message(), Catch::Contains(c.message));
  }
}

TEST_CASE("PrepareDataDir creates the folder and refuses a file in its place") {
  namespace fs = std::filesystem;
  fs::path base = fs::temp_directory_path() / ("attache-cfg-" + std::to_string(::getpid()));
  fs::remove_all(base);
  CHECK(PrepareDataDir(base / "nested" / "data").ok());
  CHECK(fs::is_directory(base / "nested" / "data"));
  std::ofstream(base / "file") << "x";
  Status s = PrepareDataDir(base / "file");
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK_THAT(s.message(), Catch::Contains("is a file"));
  CHECK_FALSE(PrepareDataDir("/proc/attache-cannot-exist").ok());
  fs::remove_all(base);
}

TEST_CASE("RFC 3339 times read back what is written, and nothing else") {
  using namespace std::chrono;
  auto t = sys_days(year_month_day(year(2026), month(2), day(13))) + hours(23) + minutes(5) + seconds(9) +
           milliseconds(120);
  system_clock::time_point back;
  REQUIRE(attache::ParseRfc3339(attache::FormatRfc3339Millis(t), &back));
  CHECK(back == t);
  REQUIRE(attache::ParseRfc3339(attache::FormatRfc3339(t), &back));
  CHECK(back == floor<seconds>(t));
  for (const char* bad : {"", "2026-02-13", "2026-02-13T23:05:09", "2026-02-30T23:05:09Z",
                          "2026-02-13T24:05:09Z", "2026-02-13T23:05:09+07:00", "2026-02-13T23:05:09.12Z"})
    CHECK_FALSE(attache::ParseRfc3339(bad, &back));
}

TEST_CASE("Configuration: the largest upload, in MiB") {
  Config c;
  REQUIRE(Resolve({}, {}, &c).ok());
  CHECK(c.max_upload_bytes == 25u * 1024 * 1024);
  REQUIRE(Resolve({}, {{"ATTACHE_MAX_UPLOAD_MB", "5"}}, &c).ok());
  CHECK(c.max_upload_bytes == 5u * 1024 * 1024);
  REQUIRE(Resolve({"--max-upload-mb", "1"}, {{"ATTACHE_MAX_UPLOAD_MB", "5"}}, &c).ok());
  CHECK(c.max_upload_bytes == 1024u * 1024);
  for (const char* bad : {"0", "-1", "1025", "2.5", "abc", "25MB"}) {
    INFO(bad);
    Status s = Resolve({"--max-upload-mb", bad}, {}, &c);
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK_THAT(s.message(), Catch::Contains("--max-upload-mb"));
  }
}

TEST_CASE("Configuration: e-mail is off without --smtp-host, and its settings are checked") {
  namespace fs = std::filesystem;
  Config c;
  REQUIRE(Resolve({}, {}, &c).ok());
  CHECK(c.smtp_host.empty());
  CHECK(c.public_url == "http://127.0.0.1:8080/");
  CHECK(c.smtp_port == 587);
  CHECK(c.smtp_starttls);

  fs::path password = fs::temp_directory_path() / ("attache-smtp-pw-" + std::to_string(::getpid()));
  std::ofstream(password) << "mật khẩu thư\r\n";
  REQUIRE(Resolve({"--smtp-host", "mail.molisa.gov.vn", "--smtp-port", "25", "--smtp-starttls", "no",
                   "--smtp-user", "attache", "--smtp-password-file", password.string(),
                   "--mail-from", "attache@molisa.gov.vn", "--mail-from-name", "Attaché – Vụ HTQT",
                   "--public-url", "https://attache.molisa.gov.vn", "--mail-retry-base-ms", "100"},
                  {{"ATTACHE_SMTP_PASSWORD", "from the environment"}}, &c).ok());
  CHECK(c.smtp_host == "mail.molisa.gov.vn");
  CHECK(c.smtp_port == 25);
  CHECK_FALSE(c.smtp_starttls);
  CHECK(c.smtp_user == "attache");
  CHECK(c.smtp_password == "mật khẩu thư");  // the file wins, its line end dropped
  CHECK(c.mail_from_name == "Attaché – Vụ HTQT");
  CHECK(c.public_url == "https://attache.molisa.gov.vn/");
  CHECK(c.mail_retry_base == std::chrono::milliseconds(100));

  Config e;
  REQUIRE(Resolve({}, {{"ATTACHE_SMTP_HOST", "127.0.0.1"}, {"ATTACHE_MAIL_FROM", "a@b.c"},
                       {"ATTACHE_SMTP_USER", "u"}, {"ATTACHE_SMTP_PASSWORD", "p"}}, &e).ok());
  CHECK(e.smtp_host == "127.0.0.1");
  CHECK(e.smtp_password == "p");

  struct Case {
    std::vector<std::string> args;
    const char* message;
  };
  const std::vector<Case> cases = {
      {{"--smtp-host", "mail.example"}, "--mail-from"},
      {{"--smtp-host", "mail.example", "--mail-from", "a@b.c\r\nX: y"}, "--mail-from"},
      {{"--smtp-port", "0"}, "--smtp-port"},
      {{"--smtp-port", "70000"}, "--smtp-port"},
      {{"--smtp-starttls", "maybe"}, "--smtp-starttls"},
      {{"--smtp-auth-without-tls", "1"}, "--smtp-auth-without-tls"},
      {{"--smtp-user", "u"}, "needs a password"},
      {{"--smtp-password-file", "/nonexistent/attache"}, "--smtp-password-file"},
      {{"--smtp-ca-file", "/nonexistent/ca.pem"}, "--smtp-ca-file"},
      {{"--smtp-host", "two words"}, "--smtp-host"},
      {{"--public-url", "ftp://x"}, "--public-url"},
      {{"--public-url", "http://x/\"><script>"}, "--public-url"},
      {{"--mail-from-name", "a\nb"}, "--mail-from-name"},
      {{"--mail-retry-base-ms", "0"}, "--mail-retry-base-ms"},
      {{"--smtp-password", "x"}, "unknown option --smtp-password"},  // never a flag's value
  };
  for (const auto& c2 : cases) {
    INFO(c2.args[0]);
    Config config;
    Status s = Resolve(c2.args, {}, &config);
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK_THAT(s.message(), Catch::Contains(c2.message));
  }
  fs::remove(password);
}

TEST_CASE("Config: e-mail settings from the configuration; none without --smtp-host") {
  Config c;
  CHECK(!MailSettingsFromConfig(c));
  c.smtp_host = "mail.molisa.gov.vn";
  c.mail_from = "attache@molisa.gov.vn";
  c.public_url = "https://attache.molisa.gov.vn:8443/";
  c.mail_retry_base = 100ms;
  auto s = MailSettingsFromConfig(c);
  REQUIRE(s);
  CHECK(s->smtp.host == "mail.molisa.gov.vn");
  CHECK(s->smtp.helo_name == "attache.molisa.gov.vn");
  CHECK(s->from.name == "Attaché");
  CHECK(s->retry_unit == 100ms);
  CHECK(s->poll_interval == 100ms);  // polled as often as a shortened retry may fall due
  c.public_url = "http://127.0.0.1:8080/";
  CHECK(MailSettingsFromConfig(c)->smtp.helo_name == "[127.0.0.1]");
  CHECK(MailSettingsFromConfig(c)->poll_interval == 100ms);
  c.mail_retry_base = 60s;
  CHECK(MailSettingsFromConfig(c)->poll_interval == 5s);
}

TEST_CASE("Configuration: trusted proxies, each an IP address") {
  Config none;
  REQUIRE(Resolve({}, {}, &none).ok());
  CHECK(none.trusted_proxies.empty());
  Config c;
  REQUIRE(Resolve({"--trusted-proxy", "127.0.0.1", "--trusted-proxy", "10.0.0.2,::FFFF:10.0.0.3"},
                  {{"ATTACHE_TRUSTED_PROXY", "192.0.2.1"}}, &c)
              .ok());
  CHECK(c.trusted_proxies == std::vector<std::string>{"127.0.0.1", "10.0.0.2", "10.0.0.3"});
  Config e;
  REQUIRE(Resolve({}, {{"ATTACHE_TRUSTED_PROXY", "192.0.2.1,::1"}}, &e).ok());
  CHECK(e.trusted_proxies == std::vector<std::string>{"192.0.2.1", "::1"});
  for (const char* bad : {"", "proxy.local", "10.0.0.0/8", "127.0.0.1,", "1.2.3.4.5"}) {
    INFO(bad);
    Config b;
    Status s = Resolve({"--trusted-proxy", bad}, {}, &b);
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK_THAT(s.message(), Catch::Contains("--trusted-proxy"));
  }
}
