// Configuration of the attache program: command-line flags over environment variables over
// defaults. Configuration is data: nothing here starts anything.
// Thread-safety: plain values.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "attache/core/status.h"
#include "attache/jobs/mail_sender.h"

namespace attache::cli {

struct Config {
  std::filesystem::path data_dir = "data";
  std::filesystem::path web_dir;     // default: the source tree's web/
  std::filesystem::path schema_dir;  // default: the source tree's schema/
  std::string listen_host = "127.0.0.1";
  uint16_t port = 8080;
  int threads = 0;  // 0: the number of cores
  int write_threads = 64;  // see http::ServerOptions::write_threads
  int max_connections = 10'000;  // see http::ServerOptions::max_connections
  std::chrono::milliseconds scheduler_interval{60'000};  // how often reminders are looked for
  int escalate_after_days = 2;  // working days overdue before a step goes to the heads
  std::chrono::milliseconds read_timeout{30'000};
  size_t min_body_rate = 8 * 1024;  // bytes a second a request body must average (0: any)
  std::chrono::milliseconds shutdown_grace{10'000};
  // Reverse proxies whose X-Forwarded-For/-Proto are believed (http/forwarded.h), canonical.
  std::vector<std::string> trusted_proxies;
  std::chrono::seconds session_idle{30 * 60};
  std::chrono::seconds session_absolute{12 * 60 * 60};
  uint64_t max_upload_bytes = 25ull * 1024 * 1024;  // largest document accepted (MiB in flags)
  // E-mail (issue 9): off while smtp_host is empty; then nothing is queued.
  std::string smtp_host;
  uint16_t smtp_port = 587;
  bool smtp_starttls = true;
  std::string smtp_ca_file;   // CA certificates trusted besides the system's (PEM)
  std::string smtp_user;
  std::string smtp_password;  // from --smtp-password-file or ATTACHE_SMTP_PASSWORD, never a flag
  bool smtp_auth_without_tls = false;
  std::string mail_from;      // required with smtp_host
  std::string mail_from_name = "Attaché";
  std::string public_url = "http://127.0.0.1:8080/";  // ends in "/"
  std::chrono::milliseconds mail_retry_base{60'000};  // tests shorten the back-off
  // Test hook, from ATTACHE_TEST_CRASH_AFTER_COMMITS only (no flag): the server kills itself
  // right after its Nth durable commit, before answering the writes in it (0: never).
  uint64_t test_crash_after_commits = 0;
};

// Flags a command accepts: name (without "--") -> whether it takes a value.
using FlagSpec = std::map<std::string, bool>;
// Parsed flags: name -> values in order (a flag without value has one empty value).
using Flags = std::map<std::string, std::vector<std::string>>;

// Parses "--name value", "--name=value" and "--flag". InvalidArgument names an unknown flag,
// a missing value, or a stray positional argument.
Status ParseFlags(const std::vector<std::string>& args, const FlagSpec& spec, Flags* out);

// The flags every command accepts (--data, --schema) and those of `serve`.
FlagSpec CommonFlags();
FlagSpec ServeFlags();

// Fills `config` from the environment (read through `getenv`) and then from `flags`.
// InvalidArgument with one clear line for a bad port, address form, thread count or timeout.
Status ResolveConfig(const Flags& flags, const std::function<const char*(const char*)>& getenv,
                     Config* config);

// Creates the data folder when missing and checks that a file can be written in it.
// InvalidArgument when it is a file, cannot be created, or is not writable.
Status PrepareDataDir(const std::filesystem::path& dir);

// The e-mail settings the configuration gives; none when e-mail is off (no --smtp-host).
std::optional<jobs::MailSettings> MailSettingsFromConfig(const Config& config);

}  // namespace attache::cli
