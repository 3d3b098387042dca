#include "attache/mail/smtp.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>
#include <vector>

#include "attache/mail/mime.h"

namespace attache::mail {
namespace {

using Clock = std::chrono::steady_clock;

constexpr size_t kMaxReplyLine = 2048;  // RFC 5321 says 512; some servers say more
constexpr size_t kMaxReplyLines = 200;
constexpr auto kCancelCheck = std::chrono::milliseconds(250);

struct Reply {
  int code = 0;
  std::vector<std::string> lines;  // the text after "NNN-" / "NNN "

  // "550 5.1.1 no such user" (the lines joined, control characters removed, shortened).
  std::string Quote() const {
    std::string out = std::to_string(code);
    for (const auto& l : lines) out += " " + l;
    for (char& c : out)
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
    if (out.size() > 300) out = out.substr(0, 300) + "…";
    return out;
  }
};

std::string OpenSslError() {
  unsigned long e = ERR_get_error();
  if (e == 0) return "no detail";
  char buf[256];
  ERR_error_string_n(e, buf, sizeof buf);
  ERR_clear_error();
  return buf;
}

// One connection to the relay: a socket, later wrapped in TLS. Non-blocking underneath so
// every wait can have a deadline and can be cancelled.
class Connection {
 public:
  Connection(const SmtpOptions& options, const std::atomic<bool>* cancel)
      : options_(options), cancel_(cancel) {}
  ~Connection() {
    if (ssl_) SSL_free(ssl_);
    if (ctx_) SSL_CTX_free(ctx_);
    if (fd_ >= 0) ::close(fd_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  bool tls() const { return ssl_ != nullptr; }

  Status Connect() {
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    std::string port = std::to_string(options_.port);
    if (int rc = ::getaddrinfo(options_.host.c_str(), port.c_str(), &hints, &found); rc != 0)
      return Status::Unavailable("SMTP: cannot resolve " + options_.host + ": " + gai_strerror(rc));
    const auto deadline = Clock::now() + options_.connect_timeout;
    std::string last = "no address";
    for (addrinfo* a = found; a && fd_ < 0; a = a->ai_next) {
      int fd =
          ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
      if (fd < 0) {
        last = std::strerror(errno);
        continue;
      }
      int rc = ::connect(fd, a->ai_addr, a->ai_addrlen);
      if (rc != 0 && errno == EINPROGRESS) {
        Status s = Wait(fd, POLLOUT, deadline, "connecting");
        int err = 0;
        socklen_t len = sizeof err;
        if (!s.ok()) {
          ::close(fd);
          ::freeaddrinfo(found);
          return s;
        }
        ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
        rc = err == 0 ? 0 : -1;
        errno = err;
      }
      if (rc == 0) {
        fd_ = fd;
      } else {
        last = std::strerror(errno);
        ::close(fd);
      }
    }
    ::freeaddrinfo(found);
    if (fd_ < 0)
      return Status::Unavailable("SMTP: cannot connect to " + options_.host + ":" + port + ": " +
                                 last);
    return Status::Ok();
  }

  Status StartTls() {
    ctx_ = SSL_CTX_new(TLS_client_method());
    if (!ctx_) return Status::Unavailable("SMTP: TLS: " + OpenSslError());
    SSL_CTX_set_min_proto_version(ctx_, TLS1_2_VERSION);
    SSL_CTX_set_verify(ctx_, SSL_VERIFY_PEER, nullptr);
    if (SSL_CTX_set_default_verify_paths(ctx_) != 1)
      return Status::Unavailable("SMTP: TLS: cannot load the system's certificates: " +
                                 OpenSslError());
    if (!options_.ca_file.empty() &&
        SSL_CTX_load_verify_locations(ctx_, options_.ca_file.c_str(), nullptr) != 1)
      return Status::Unavailable("SMTP: TLS: cannot load --smtp-ca-file " + options_.ca_file +
                                 ": " + OpenSslError());
    ssl_ = SSL_new(ctx_);
    if (!ssl_ || SSL_set_fd(ssl_, fd_) != 1)
      return Status::Unavailable("SMTP: TLS: " + OpenSslError());
    // The certificate must name the host we were told to reach: its IP address or its name.
    in6_addr ip{};
    bool is_ip = ::inet_pton(AF_INET, options_.host.c_str(), &ip) == 1 ||
                 ::inet_pton(AF_INET6, options_.host.c_str(), &ip) == 1;
    if (is_ip) {
      if (X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl_), options_.host.c_str()) != 1)
        return Status::Unavailable("SMTP: TLS: " + OpenSslError());
    } else {
      SSL_set_tlsext_host_name(ssl_, options_.host.c_str());
      if (SSL_set1_host(ssl_, options_.host.c_str()) != 1)
        return Status::Unavailable("SMTP: TLS: " + OpenSslError());
    }
    const auto deadline = Clock::now() + options_.reply_timeout;
    while (true) {
      ERR_clear_error();
      int rc = SSL_connect(ssl_);
      if (rc == 1) break;
      int err = SSL_get_error(ssl_, rc);
      if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) {
        if (Status s = Wait(fd_, err == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT, deadline,
                            "the TLS handshake");
            !s.ok())
          return s;
        continue;
      }
      long verify = SSL_get_verify_result(ssl_);
      if (verify != X509_V_OK)
        return Status::Unavailable(
            std::string("SMTP: TLS: the server's certificate is not trusted: ") +
            X509_verify_cert_error_string(verify));
      return Status::Unavailable("SMTP: TLS handshake failed: " + OpenSslError());
    }
    buffer_.clear();  // nothing read before the handshake may be taken as encrypted (RFC 3207)
    return Status::Ok();
  }

  Status WriteAll(std::string_view data, std::string_view step) {
    const auto deadline = Clock::now() + options_.reply_timeout;
    while (!data.empty()) {
      ssize_t n;
      short want = POLLOUT;
      if (ssl_) {
        ERR_clear_error();
        int chunk = static_cast<int>(std::min<size_t>(data.size(), 1 << 20));
        int rc = SSL_write(ssl_, data.data(), chunk);
        n = rc;
        if (rc <= 0) {
          int err = SSL_get_error(ssl_, rc);
          if (err != SSL_ERROR_WANT_READ && err != SSL_ERROR_WANT_WRITE)
            return Status::Unavailable("SMTP: connection lost while sending " + std::string(step));
          want = err == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT;
        }
      } else {
        n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
          return Status::Unavailable("SMTP: connection lost while sending " + std::string(step) +
                                     ": " + std::strerror(errno));
      }
      if (n > 0) {
        data.remove_prefix(static_cast<size_t>(n));
        continue;
      }
      if (Status s = Wait(fd_, want, deadline, "sending " + std::string(step)); !s.ok()) return s;
    }
    return Status::Ok();
  }

  // Reads one reply, all its lines ("250-..." up to "250 ...").
  Status ReadReply(Reply* reply, std::string_view step) {
    const auto deadline = Clock::now() + options_.reply_timeout;
    *reply = Reply{};
    while (true) {
      std::string line;
      if (Status s = ReadLine(&line, deadline, step); !s.ok()) return s;
      auto digit = [&](size_t i) { return line.size() > i && line[i] >= '0' && line[i] <= '9'; };
      if (!digit(0) || !digit(1) || !digit(2) ||
          (line.size() > 3 && line[3] != ' ' && line[3] != '-'))
        return Status::Unavailable("SMTP: not an SMTP reply " + std::string(step) + ": " +
                                   line.substr(0, 80));
      int code = std::stoi(line.substr(0, 3));
      if (reply->code != 0 && code != reply->code)
        return Status::Unavailable("SMTP: a reply " + std::string(step) + " changed its code");
      reply->code = code;
      reply->lines.push_back(line.size() > 4 ? line.substr(4) : "");
      if (line.size() <= 3 || line[3] == ' ') return Status::Ok();
      if (reply->lines.size() > kMaxReplyLines)
        return Status::Unavailable("SMTP: a reply " + std::string(step) + " is too long");
    }
  }

 private:
  Status ReadLine(std::string* line, Clock::time_point deadline, std::string_view step) {
    while (true) {
      size_t end = buffer_.find('\n');
      if (end != std::string::npos) {
        *line = buffer_.substr(0, end);
        buffer_.erase(0, end + 1);
        if (!line->empty() && line->back() == '\r') line->pop_back();
        return Status::Ok();
      }
      if (buffer_.size() > kMaxReplyLine)
        return Status::Unavailable("SMTP: a reply line " + std::string(step) + " is too long");
      char chunk[4096];
      ssize_t n;
      short want = POLLIN;
      if (ssl_) {
        ERR_clear_error();
        int rc = SSL_read(ssl_, chunk, sizeof chunk);
        n = rc;
        if (rc <= 0) {
          int err = SSL_get_error(ssl_, rc);
          bool again = err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE;
          n = again ? -1 : 0;  // 0: closed, cleanly (ZERO_RETURN) or not
          want = err == SSL_ERROR_WANT_WRITE ? POLLOUT : POLLIN;
        }
      } else {
        n = ::recv(fd_, chunk, sizeof chunk, 0);
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) n = 0;
      }
      if (n == 0)
        return Status::Unavailable("SMTP: the server closed the connection " + std::string(step));
      if (n > 0) {
        buffer_.append(chunk, static_cast<size_t>(n));
        continue;
      }
      if (Status s = Wait(fd_, want, deadline, std::string(step)); !s.ok()) return s;
    }
  }

  // Waits until the socket is ready for `events`, the deadline passes or cancel is set.
  Status Wait(int fd, short events, Clock::time_point deadline, const std::string& step) {
    while (true) {
      if (cancel_ && cancel_->load())
        return Status::Unavailable("SMTP: stopped while " + step +
                                   " (the server is shutting down)");
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0)
        return Status::Unavailable("SMTP: no answer from " + options_.host + " in time (" + step +
                                   ")");
      pollfd p{fd, events, 0};
      int rc = ::poll(
          &p, 1, static_cast<int>(std::min(left, std::chrono::milliseconds(kCancelCheck)).count()));
      if (rc > 0) return Status::Ok();  // ready, or an error the next read or write reports
      if (rc < 0 && errno != EINTR)
        return Status::Unavailable(std::string("SMTP: poll: ") + std::strerror(errno));
    }
  }

  const SmtpOptions& options_;
  const std::atomic<bool>* cancel_;
  int fd_ = -1;
  SSL_CTX* ctx_ = nullptr;
  SSL* ssl_ = nullptr;
  std::string buffer_;
};

// One SMTP conversation; Send runs it from greeting to QUIT.
class Session {
 public:
  Session(const SmtpOptions& options, const std::atomic<bool>* cancel)
      : options_(options), conn_(options, cancel) {}

  Status Send(std::string_view from, std::string_view to, std::string_view data) {
    if (Status s = conn_.Connect(); !s.ok()) return s;
    Reply r;
    if (Status s = conn_.ReadReply(&r, "in the greeting"); !s.ok()) return s;
    if (r.code != 220) return Status::Unavailable("SMTP: the server refused us: " + r.Quote());
    if (Status s = Hello(); !s.ok()) return s;
    if (options_.starttls) {
      if (!extensions_.count("STARTTLS"))
        return Status::Unavailable("SMTP: " + options_.host +
                                   " does not offer STARTTLS (required by --smtp-starttls yes)");
      if (Status s = Command("STARTTLS", "to STARTTLS", &r); !s.ok()) return s;
      if (r.code != 220) return Status::Unavailable("SMTP: STARTTLS refused: " + r.Quote());
      if (Status s = conn_.StartTls(); !s.ok()) return s;
      if (Status s = Hello(); !s.ok()) return s;  // RFC 3207: forget what was said in clear
    }
    if (!options_.user.empty())
      if (Status s = Authenticate(); !s.ok()) return s;
    if (Status s = Expect("MAIL FROM:<" + std::string(from) + ">", "to MAIL FROM", {250}); !s.ok())
      return s;
    if (Status s = Expect("RCPT TO:<" + std::string(to) + ">", "to RCPT TO", {250, 251}); !s.ok())
      return s;
    if (Status s = Expect("DATA", "to DATA", {354}); !s.ok()) return s;
    std::string body = DotStuff(data);
    body += ".\r\n";
    if (Status s = conn_.WriteAll(body, "the message"); !s.ok()) return s;
    if (Status s = conn_.ReadReply(&r, "after the message"); !s.ok()) return s;
    if (r.code != 250) return Refusal("the message", r, true);
    // The message is accepted; how QUIT goes does not change that.
    if (conn_.WriteAll("QUIT\r\n", "QUIT").ok()) conn_.ReadReply(&r, "to QUIT");
    return Status::Ok();
  }

 private:
  Status Command(const std::string& line, std::string_view step, Reply* r) {
    if (Status s = conn_.WriteAll(line + "\r\n", step); !s.ok()) return s;
    return conn_.ReadReply(r, step);
  }

  // Runs a message command; a reply other than `ok` is a refusal of the message.
  Status Expect(const std::string& line, std::string_view step, std::initializer_list<int> ok) {
    Reply r;
    if (Status s = Command(line, step, &r); !s.ok()) return s;
    if (std::find(ok.begin(), ok.end(), r.code) != ok.end()) return Status::Ok();
    return Refusal(step, r, true);
  }

  // A 5xx refusal of the message itself is permanent; anything else may pass later.
  static Status Refusal(std::string_view step, const Reply& r, bool about_message) {
    std::string text = "SMTP: refused " + std::string(step) + ": " + r.Quote();
    if (about_message && r.code >= 500 && r.code < 600) return Status::InvalidArgument(text);
    return Status::Unavailable(text);
  }

  Status Hello() {
    Reply r;
    extensions_.clear();
    auth_.clear();
    if (Status s = Command("EHLO " + options_.helo_name, "to EHLO", &r); !s.ok()) return s;
    if (r.code != 250) {
      // A server that knows no extensions: HELO, and no STARTTLS or AUTH.
      if (Status s = Command("HELO " + options_.helo_name, "to HELO", &r); !s.ok()) return s;
      if (r.code != 250) return Status::Unavailable("SMTP: HELO refused: " + r.Quote());
      return Status::Ok();
    }
    for (size_t i = 1; i < r.lines.size(); ++i) {
      std::string line = r.lines[i];
      std::transform(line.begin(), line.end(), line.begin(),
                     [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      size_t sp = line.find_first_of(" =");
      std::string keyword = line.substr(0, sp);
      extensions_.insert(keyword);
      if (keyword == "AUTH" && sp != std::string::npos) {
        size_t i2 = sp + 1;
        while (i2 < line.size()) {
          size_t j = line.find(' ', i2);
          if (j == std::string::npos) j = line.size();
          if (j > i2) auth_.insert(line.substr(i2, j - i2));
          i2 = j + 1;
        }
      }
    }
    return Status::Ok();
  }

  Status Authenticate() {
    if (!conn_.tls() && !options_.allow_auth_without_tls)
      return Status::Unavailable(
          "SMTP: not sending the password over a connection without TLS (use --smtp-starttls yes, "
          "or --smtp-auth-without-tls for a relay on this machine)");
    Reply r;
    if (auth_.count("PLAIN") || !auth_.count("LOGIN")) {
      std::string token =
          std::string(1, '\0') + options_.user + std::string(1, '\0') + options_.password;
      if (Status s = Command("AUTH PLAIN " + Base64(token), "to AUTH PLAIN", &r); !s.ok()) return s;
    } else {
      if (Status s = Command("AUTH LOGIN", "to AUTH LOGIN", &r); !s.ok()) return s;
      if (r.code == 334) {
        if (Status s = Command(Base64(options_.user), "to the user name", &r); !s.ok()) return s;
        if (r.code == 334)
          if (Status s = Command(Base64(options_.password), "to the password", &r); !s.ok())
            return s;
      }
    }
    if (r.code != 235)
      return Status::Unavailable("SMTP: login as " + options_.user + " refused: " + r.Quote());
    return Status::Ok();
  }

  const SmtpOptions& options_;
  Connection conn_;
  std::set<std::string> extensions_;  // EHLO keywords, upper case
  std::set<std::string> auth_;        // AUTH mechanisms offered
};

}  // namespace

Status SendMail(const SmtpOptions& options, std::string_view from, std::string_view to,
                std::string_view data, const std::atomic<bool>* cancel) {
  if (Status s = CheckAddress(from); !s.ok())
    return Status::InvalidArgument("sender: " + s.message());
  if (Status s = CheckAddress(to); !s.ok())
    return Status::InvalidArgument("recipient: " + s.message());
  Session session(options, cancel);
  return session.Send(from, to, data);
}

}  // namespace attache::mail
