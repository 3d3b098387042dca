#include "attache/cli/config.h"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <optional>
#include <thread>
#include <tuple>

#include "attache/core/text.h"
#include "attache/http/forwarded.h"
#include "attache/mail/mime.h"

namespace attache::cli {
namespace {

namespace fs = std::filesystem;

template <typename T>
bool ParseNumber(std::string_view s, T* out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

// "127.0.0.1:8080", "[::1]:8080", "0.0.0.0:80". The address itself is checked when binding.
Status ParseListen(std::string_view value, Config* config) {
  size_t colon = value.rfind(':');
  if (colon == std::string_view::npos || colon == 0)
    return Status::InvalidArgument("--listen must be ADDRESS:PORT, e.g. 127.0.0.1:8080; got '" +
                                   std::string(value) + "'");
  std::string_view host = value.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  unsigned port = 0;
  if (!ParseNumber(value.substr(colon + 1), &port) || port > 65535)
    return Status::InvalidArgument("--listen port must be a number from 0 to 65535; got '" +
                                   std::string(value.substr(colon + 1)) + "'");
  config->listen_host = std::string(host);
  config->port = static_cast<uint16_t>(port);
  return Status::Ok();
}

Status ParseMillis(std::string_view name, std::string_view value, std::chrono::milliseconds* out) {
  long ms = 0;
  if (!ParseNumber(value, &ms) || ms < 1 || ms > 3'600'000)
    return Status::InvalidArgument(std::string(name) + " must be milliseconds from 1 to 3600000");
  *out = std::chrono::milliseconds(ms);
  return Status::Ok();
}

Status ParseYesNo(std::string_view name, std::string_view value, bool* out) {
  if (value != "yes" && value != "no")
    return Status::InvalidArgument(std::string(name) + " must be yes or no; got '" + std::string(value) + "'");
  *out = value == "yes";
  return Status::Ok();
}

// A one-line printable value without spaces (a host name, a file name part).
bool IsToken(std::string_view v, size_t max) {
  if (v.empty() || v.size() > max) return false;
  for (unsigned char c : v)
    if (c <= 0x20 || c == 0x7F) return false;
  return true;
}

// The password of --smtp-password-file: the file's first line without its line ending.
Status ReadPasswordFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::InvalidArgument("--smtp-password-file: cannot read " + path);
  std::getline(in, *out);
  if (!out->empty() && out->back() == '\r') out->pop_back();
  if (out->empty()) return Status::InvalidArgument("--smtp-password-file: " + path + " is empty");
  return Status::Ok();
}

// The e-mail settings (see Config); `value` reads a flag or its environment variable.
Status ResolveMail(const std::function<std::optional<std::string>(const std::string&, const char*)>& value,
                   const std::function<const char*(const char*)>& getenv, Config* config) {
  if (auto v = value("public-url", "ATTACHE_PUBLIC_URL")) {
    std::string_view u = *v;
    bool web = u.starts_with("http://") || u.starts_with("https://");
    if (!web || !IsToken(u, 200) || u.find_first_of("\"<>\\") != std::string_view::npos)
      return Status::InvalidArgument("--public-url must be an http:// or https:// URL of at most 200 characters; got '" + *v + "'");
    config->public_url = *v;
    if (config->public_url.back() != '/') config->public_url += '/';
  }
  if (auto v = value("smtp-host", "ATTACHE_SMTP_HOST")) {
    if (!IsToken(*v, 253)) return Status::InvalidArgument("--smtp-host must be a host name or address");
    config->smtp_host = *v;
  }
  if (auto v = value("smtp-port", "ATTACHE_SMTP_PORT")) {
    unsigned port = 0;
    if (!ParseNumber(*v, &port) || port < 1 || port > 65535)
      return Status::InvalidArgument("--smtp-port must be a number from 1 to 65535; got '" + *v + "'");
    config->smtp_port = static_cast<uint16_t>(port);
  }
  if (auto v = value("smtp-starttls", "ATTACHE_SMTP_STARTTLS"))
    if (Status s = ParseYesNo("--smtp-starttls", *v, &config->smtp_starttls); !s.ok()) return s;
  if (auto v = value("smtp-auth-without-tls", "ATTACHE_SMTP_AUTH_WITHOUT_TLS"))
    if (Status s = ParseYesNo("--smtp-auth-without-tls", *v, &config->smtp_auth_without_tls); !s.ok()) return s;
  if (auto v = value("smtp-ca-file", "ATTACHE_SMTP_CA_FILE")) {
    std::error_code ec;
    if (!fs::is_regular_file(*v, ec)) return Status::InvalidArgument("--smtp-ca-file: no such file " + *v);
    config->smtp_ca_file = *v;
  }
  if (auto v = value("smtp-user", "ATTACHE_SMTP_USER")) {
    if (!IsToken(*v, 200)) return Status::InvalidArgument("--smtp-user must be one word of at most 200 characters");
    config->smtp_user = *v;
  }
  // The password never comes from a flag's value, which any user can read in ps.
  if (auto v = value("smtp-password-file", "ATTACHE_SMTP_PASSWORD_FILE")) {
    if (Status s = ReadPasswordFile(*v, &config->smtp_password); !s.ok()) return s;
  } else if (const char* p = getenv("ATTACHE_SMTP_PASSWORD"); p && *p) {
    config->smtp_password = p;
  }
  if (!config->smtp_user.empty() && config->smtp_password.empty())
    return Status::InvalidArgument("--smtp-user needs a password: --smtp-password-file FILE or ATTACHE_SMTP_PASSWORD");
  if (config->smtp_user.empty() && !config->smtp_password.empty())
    return Status::InvalidArgument("an SMTP password is given without --smtp-user");
  if (auto v = value("mail-from", "ATTACHE_MAIL_FROM")) {
    if (Status s = mail::CheckAddress(*v); !s.ok()) return Status::InvalidArgument("--mail-from: " + s.message());
    config->mail_from = *v;
  }
  if (auto v = value("mail-from-name", "ATTACHE_MAIL_FROM_NAME")) {
    if (!IsValidUtf8(*v) || HasControlCharacter(*v) || CodePointCount(*v) > 100)
      return Status::InvalidArgument("--mail-from-name must be one line of at most 100 characters");
    config->mail_from_name = *v;
  }
  if (auto v = value("mail-retry-base-ms", "ATTACHE_MAIL_RETRY_BASE_MS"))
    if (Status s = ParseMillis("--mail-retry-base-ms", *v, &config->mail_retry_base); !s.ok()) return s;
  if (!config->smtp_host.empty() && config->mail_from.empty())
    return Status::InvalidArgument("--smtp-host needs --mail-from ADDRESS, the sender of the messages");
  return Status::Ok();
}

}  // namespace

Status ParseFlags(const std::vector<std::string>& args, const FlagSpec& spec, Flags* out) {
  out->clear();
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (!a.starts_with("--") || a.size() == 2)
      return Status::InvalidArgument("unexpected argument '" + a + "'");
    std::string name = a.substr(2);
    std::optional<std::string> value;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    }
    auto it = spec.find(name);
    if (it == spec.end()) return Status::InvalidArgument("unknown option --" + name);
    if (it->second && !value) {
      if (i + 1 >= args.size()) return Status::InvalidArgument("option --" + name + " needs a value");
      value = args[++i];
    }
    if (!it->second && value) return Status::InvalidArgument("option --" + name + " takes no value");
    (*out)[name].push_back(value.value_or(""));
  }
  return Status::Ok();
}

FlagSpec CommonFlags() { return {{"data", true}, {"schema", true}}; }

FlagSpec ServeFlags() {
  FlagSpec spec = CommonFlags();
  spec.insert({{"listen", true}, {"threads", true}, {"write-threads", true}, {"max-connections", true},
               {"scheduler-interval-ms", true}, {"escalate-after-days", true}, {"web", true}, {"read-timeout-ms", true},
               {"min-body-rate-kib", true}, {"shutdown-grace-ms", true}, {"session-idle-s", true}, {"session-absolute-s", true},
               {"max-upload-mb", true}, {"smtp-host", true}, {"smtp-port", true},
               {"smtp-starttls", true}, {"smtp-ca-file", true}, {"smtp-user", true},
               {"smtp-password-file", true}, {"smtp-auth-without-tls", true}, {"mail-from", true},
               {"mail-from-name", true}, {"public-url", true}, {"mail-retry-base-ms", true},
               {"trusted-proxy", true}});
  return spec;
}

Status ResolveConfig(const Flags& flags, const std::function<const char*(const char*)>& getenv,
                     Config* config) {
  config->web_dir = fs::path(ATTACHE_SOURCE_DIR) / "web";
  config->schema_dir = fs::path(ATTACHE_SOURCE_DIR) / "schema";
  config->threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

  // The value of a setting: the last flag given, else the environment variable, else none.
  auto value = [&](const std::string& flag, const char* env) -> std::optional<std::string> {
    if (auto it = flags.find(flag); it != flags.end() && !it->second.empty()) return it->second.back();
    if (const char* v = getenv(env); v && *v) return std::string(v);
    return std::nullopt;
  };
  if (auto v = value("data", "ATTACHE_DATA")) config->data_dir = *v;
  if (auto v = value("web", "ATTACHE_WEB")) config->web_dir = *v;
  if (auto v = value("schema", "ATTACHE_SCHEMA")) config->schema_dir = *v;
  if (auto v = value("listen", "ATTACHE_LISTEN"))
    if (Status s = ParseListen(*v, config); !s.ok()) return s;
  if (auto v = value("threads", "ATTACHE_THREADS")) {
    int n = 0;
    if (!ParseNumber(*v, &n) || n < 1 || n > 256)
      return Status::InvalidArgument("--threads must be a number from 1 to 256; got '" + *v + "'");
    config->threads = n;
  }
  if (auto v = value("write-threads", "ATTACHE_WRITE_THREADS")) {
    int n = 0;
    if (!ParseNumber(*v, &n) || n < 1 || n > 1024)
      return Status::InvalidArgument("--write-threads must be a number from 1 to 1024; got '" +
                                     *v + "'");
    config->write_threads = n;
  }
  if (auto v = value("max-connections", "ATTACHE_MAX_CONNECTIONS")) {
    int n = 0;
    if (!ParseNumber(*v, &n) || n < 1 || n > 1'000'000)
      return Status::InvalidArgument("--max-connections must be a number from 1 to 1000000; got '" +
                                     *v + "'");
    config->max_connections = n;
  }
  if (auto v = value("scheduler-interval-ms", "ATTACHE_SCHEDULER_INTERVAL_MS")) {
    if (*v == "0") {
      config->scheduler_interval = std::chrono::milliseconds(0);  // reminders off
    } else if (Status s = ParseMillis("--scheduler-interval-ms", *v, &config->scheduler_interval);
               !s.ok()) {
      return s;
    }
  }
  if (auto v = value("escalate-after-days", "ATTACHE_ESCALATE_AFTER_DAYS")) {
    int n = 0;
    if (!ParseNumber(*v, &n) || n < 1 || n > 60)
      return Status::InvalidArgument("--escalate-after-days must be working days from 1 to 60; got '" +
                                     *v + "'");
    config->escalate_after_days = n;
  }
  if (auto v = value("read-timeout-ms", "ATTACHE_READ_TIMEOUT_MS"))
    if (Status s = ParseMillis("--read-timeout-ms", *v, &config->read_timeout); !s.ok()) return s;
  if (auto v = value("min-body-rate-kib", "ATTACHE_MIN_BODY_RATE_KIB")) {
    unsigned kib = 0;
    if (!ParseNumber(*v, &kib) || kib > 1024 * 1024)
      return Status::InvalidArgument(
          "--min-body-rate-kib must be KiB a second from 0 to 1048576; got '" + *v + "'");
    config->min_body_rate = size_t{kib} * 1024;
  }
  // Trusted proxies: every --trusted-proxy given (each may be a comma-separated list), else
  // ATTACHE_TRUSTED_PROXY.
  std::vector<std::string> proxies;
  if (auto it = flags.find("trusted-proxy"); it != flags.end()) proxies = it->second;
  else if (const char* v = getenv("ATTACHE_TRUSTED_PROXY"); v && *v) proxies = {v};
  for (const std::string& list : proxies) {
    std::string_view rest = list;
    while (true) {
      size_t comma = rest.find(',');
      std::string_view item = rest.substr(0, comma);
      std::string address = http::CanonicalAddress(item);
      if (address.empty())
        return Status::InvalidArgument("--trusted-proxy must be IP addresses (a proxy's, such as 127.0.0.1); got '" +
                                       std::string(item) + "'");
      config->trusted_proxies.push_back(address);
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  if (auto v = value("shutdown-grace-ms", "ATTACHE_SHUTDOWN_GRACE_MS"))
    if (Status s = ParseMillis("--shutdown-grace-ms", *v, &config->shutdown_grace); !s.ok()) return s;
  for (auto [flag, env, target] :
       {std::tuple{"session-idle-s", "ATTACHE_SESSION_IDLE_S", &config->session_idle},
        std::tuple{"session-absolute-s", "ATTACHE_SESSION_ABSOLUTE_S", &config->session_absolute}}) {
    if (auto v = value(flag, env)) {
      long n = 0;
      if (!ParseNumber(*v, &n) || n < 1 || n > 30L * 24 * 3600)
        return Status::InvalidArgument(std::string("--") + flag + " must be seconds from 1 to 2592000");
      *target = std::chrono::seconds(n);
    }
  }
  if (auto v = value("max-upload-mb", "ATTACHE_MAX_UPLOAD_MB")) {
    unsigned mb = 0;
    if (!ParseNumber(*v, &mb) || mb < 1 || mb > 1024)
      return Status::InvalidArgument(
          "--max-upload-mb must be a number of MiB from 1 to 1024; got '" + *v + "'");
    config->max_upload_bytes = uint64_t{mb} * 1024 * 1024;
  }
  if (Status s = ResolveMail(value, getenv, config); !s.ok()) return s;
  if (const char* v = getenv("ATTACHE_TEST_CRASH_AFTER_COMMITS"); v && *v)
    if (!ParseNumber(std::string(v), &config->test_crash_after_commits))
      return Status::InvalidArgument("ATTACHE_TEST_CRASH_AFTER_COMMITS must be a number");
  if (config->session_idle > config->session_absolute)
    return Status::InvalidArgument("--session-idle-s must not exceed --session-absolute-s");
  return Status::Ok();
}

Status PrepareDataDir(const fs::path& dir) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    return Status::InvalidArgument("data folder " + dir.string() + " is a file, not a folder");
  fs::create_directories(dir, ec);
  if (ec) return Status::InvalidArgument("cannot create data folder " + dir.string() + ": " + ec.message());
  // access(2) says yes to root for any folder; only writing a file tells the truth.
  fs::path probe = dir / ".write-probe";
  {
    std::ofstream out(probe);
    out << "ok";
    if (!out.good()) return Status::InvalidArgument("data folder " + dir.string() + " is not writable");
  }
  fs::remove(probe, ec);
  return Status::Ok();
}

std::optional<jobs::MailSettings> MailSettingsFromConfig(const Config& c) {
  if (c.smtp_host.empty()) return std::nullopt;
  jobs::MailSettings s;
  s.smtp.host = c.smtp_host;
  s.smtp.port = c.smtp_port;
  s.smtp.starttls = c.smtp_starttls;
  s.smtp.ca_file = c.smtp_ca_file;
  s.smtp.user = c.smtp_user;
  s.smtp.password = c.smtp_password;
  s.smtp.allow_auth_without_tls = c.smtp_auth_without_tls;
  // Our name in EHLO: the public URL's host, which the relay's logs can be matched with.
  std::string_view host = c.public_url;
  host.remove_prefix(host.find("//") + 2);
  host = host.substr(0, host.find_first_of(":/"));
  if (host.empty() || host.front() == '[') host = "localhost";
  s.smtp.helo_name = std::string(host);
  // An IPv4 address is written as an address literal in EHLO (RFC 5321 4.1.3).
  if (host.find_first_not_of("0123456789.") == std::string_view::npos)
    s.smtp.helo_name = "[" + s.smtp.helo_name + "]";
  s.from = {c.mail_from, c.mail_from_name};
  s.public_url = c.public_url;
  s.retry_unit = c.mail_retry_base;
  // With a shortened back-off (tests) the outbox is polled as often as a retry may fall due.
  s.poll_interval = std::min(s.poll_interval, c.mail_retry_base);
  return s;
}

}  // namespace attache::cli
