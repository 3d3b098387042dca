// The SMTP client against a scripted server on loopback: the replies are the test's, so each
// case is one behaviour (multi-line replies, permanent and temporary refusals, timeouts,
// cancellation, AUTH rules, dot-stuffing on the wire). STARTTLS against a real server with a
// certificate is tests/integration/test_mail.py's.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <mutex>
#include <thread>

#include "attache/mail/smtp.h"

using namespace attache::mail;
using attache::Status;
using namespace std::chrono_literals;

namespace {

// Accepts one connection, sends replies[0] as the greeting, then answers each line the client
// sends with the next reply; after a "354" reply it takes the message up to "\r\n.\r\n" as one
// line. When the replies run out it says nothing more and waits for the client to go.
class ScriptedServer {
 public:
  explicit ScriptedServer(std::vector<std::string> replies) : replies_(std::move(replies)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::listen(listener_, 1) == 0);
    socklen_t len = sizeof addr;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~ScriptedServer() {
    if (thread_.joinable()) thread_.join();
    ::close(listener_);
  }
  uint16_t port() const { return port_; }
  // Everything the client sent, once it is gone.
  std::string received() {
    if (thread_.joinable()) thread_.join();
    return received_;
  }

 private:
  void Serve() {
    pollfd p{listener_, POLLIN, 0};
    if (::poll(&p, 1, 5000) != 1) return;
    int fd = ::accept(listener_, nullptr, nullptr);
    size_t next = 0;
    bool data = false;
    std::string buffer;
    auto reply = [&] {
      if (next >= replies_.size()) return;
      const std::string& r = replies_[next++];
      data = r.starts_with("354");
      ::send(fd, r.data(), r.size(), MSG_NOSIGNAL);
    };
    reply();  // the greeting
    while (true) {
      pollfd c{fd, POLLIN, 0};
      if (::poll(&c, 1, 5000) != 1) break;
      char chunk[4096];
      ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
      if (n <= 0) break;
      received_.append(chunk, static_cast<size_t>(n));
      buffer.append(chunk, static_cast<size_t>(n));
      while (true) {
        size_t end = data ? buffer.find("\r\n.\r\n") : buffer.find("\r\n");
        if (end == std::string::npos) break;
        buffer.erase(0, end + (data ? 5 : 2));
        data = false;
        reply();
      }
    }
    ::close(fd);
  }

  std::vector<std::string> replies_;
  int listener_ = -1;
  uint16_t port_ = 0;
  std::string received_;
  std::thread thread_;
};

SmtpOptions Options(uint16_t port) {
  SmtpOptions o;
  o.host = "127.0.0.1";
  o.port = port;
  o.starttls = false;
  o.helo_name = "attache.test";
  o.connect_timeout = 2s;
  o.reply_timeout = 2s;
  return o;
}

const std::vector<std::string> kHappy = {
    "220 sink ESMTP\r\n", "250-sink\r\n250-SIZE 1000000\r\n250 HELP\r\n",
    "250 2.1.0 ok\r\n",   "250 2.1.5 ok\r\n",
    "354 go ahead\r\n",   "250 2.0.0 queued\r\n",
    "221 bye\r\n"};

const std::string kMessage = "Subject: x\r\n\r\nline\r\n.\r\n.leading dot\r\nend\r\n";

}  // namespace

TEST_CASE("SMTP: a message goes through, dot-stuffed, after multi-line replies") {
  ScriptedServer server(kHappy);
  REQUIRE(SendMail(Options(server.port()), "attache@molisa.gov.vn", "lan@molisa.gov.vn", kMessage)
              .ok());
  CHECK(server.received() ==
        "EHLO attache.test\r\nMAIL FROM:<attache@molisa.gov.vn>\r\nRCPT TO:<lan@molisa.gov.vn>\r\n"
        "DATA\r\nSubject: x\r\n\r\nline\r\n..\r\n..leading dot\r\nend\r\n.\r\nQUIT\r\n");
}

TEST_CASE("SMTP: refusals of the message are permanent for 5xx and temporary for 4xx") {
  struct Case {
    const char* what;
    std::vector<std::string> replies;
    Status::Code code;
    const char* quoted;
  };
  const std::vector<Case> cases = {
      {"RCPT 550",
       {kHappy[0], kHappy[1], kHappy[2], "550 5.1.1 no such mailbox\r\n"},
       Status::Code::kInvalidArgument,
       "550 5.1.1 no such mailbox"},
      {"MAIL 553",
       {kHappy[0], kHappy[1], "553 5.7.1 sender not allowed\r\n"},
       Status::Code::kInvalidArgument,
       "553"},
      {"DATA end 554",
       {kHappy[0], kHappy[1], kHappy[2], kHappy[3], kHappy[4], "554 5.6.0 spam\r\n"},
       Status::Code::kInvalidArgument,
       "554 5.6.0 spam"},
      {"RCPT 451",
       {kHappy[0], kHappy[1], kHappy[2], "451 4.3.0 try later\r\n"},
       Status::Code::kUnavailable,
       "451"},
      {"MAIL 421",
       {kHappy[0], kHappy[1], "421 4.3.2 shutting down\r\n"},
       Status::Code::kUnavailable,
       "421"},
      {"greeting 554", {"554 no service\r\n"}, Status::Code::kUnavailable, "554 no service"},
      {"not SMTP",
       {"HTTP/1.1 400 Bad Request\r\n"},
       Status::Code::kUnavailable,
       "not an SMTP reply"},
      {"multi-line with two codes",
       {"220-a\r\n250 b\r\n"},
       Status::Code::kUnavailable,
       "changed its code"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    ScriptedServer server(c.replies);
    Status s = SendMail(Options(server.port()), "a@b.c", "d@e.f", kMessage);
    CHECK(s.code() == c.code);
    CHECK(s.message().find(c.quoted) != std::string::npos);
  }
}

TEST_CASE("SMTP: STARTTLS required but not offered, and AUTH only over TLS unless allowed") {
  {
    ScriptedServer server(kHappy);
    SmtpOptions o = Options(server.port());
    o.starttls = true;
    Status s = SendMail(o, "a@b.c", "d@e.f", kMessage);
    CHECK(s.code() == Status::Code::kUnavailable);
    CHECK(s.message().find("does not offer STARTTLS") != std::string::npos);
    CHECK(server.received().find("MAIL FROM") == std::string::npos);
  }
  const std::string ehlo_auth = "250-sink\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n";
  {
    ScriptedServer server({kHappy[0], ehlo_auth});
    SmtpOptions o = Options(server.port());
    o.user = "attache";
    o.password = "bí mật";
    Status s = SendMail(o, "a@b.c", "d@e.f", kMessage);
    CHECK(s.code() == Status::Code::kUnavailable);
    CHECK(s.message().find("without TLS") != std::string::npos);
    CHECK(server.received().find("AUTH") == std::string::npos);
  }
  {
    ScriptedServer server({kHappy[0], ehlo_auth, "235 2.7.0 ok\r\n", kHappy[2], kHappy[3],
                           kHappy[4], kHappy[5], kHappy[6]});
    SmtpOptions o = Options(server.port());
    o.user = "attache";
    o.password = "secret";
    o.allow_auth_without_tls = true;
    REQUIRE(SendMail(o, "a@b.c", "d@e.f", kMessage).ok());
    // "\0attache\0secret" in base64
    CHECK(server.received().find("AUTH PLAIN AGF0dGFjaGUAc2VjcmV0\r\n") != std::string::npos);
  }
  {
    ScriptedServer server({kHappy[0], "250-sink\r\n250 AUTH LOGIN\r\n", "334 VXNlcm5hbWU6\r\n",
                           "334 UGFzc3dvcmQ6\r\n", "535 5.7.8 bad credentials\r\n"});
    SmtpOptions o = Options(server.port());
    o.user = "attache";
    o.password = "wrong";
    o.allow_auth_without_tls = true;
    Status s = SendMail(o, "a@b.c", "d@e.f", kMessage);
    CHECK(s.code() == Status::Code::kUnavailable);  // our configuration, not the message
    CHECK(s.message().find("535") != std::string::npos);
    CHECK(s.message().find("wrong") == std::string::npos);
    CHECK(server.received().find("AUTH LOGIN\r\nYXR0YWNoZQ==\r\nd3Jvbmc=\r\n") !=
          std::string::npos);
  }
}

TEST_CASE("SMTP: a silent server times out, a cancelled send stops, a closed port is refused") {
  {
    ScriptedServer server({kHappy[0]});  // greets, then says nothing
    SmtpOptions o = Options(server.port());
    o.reply_timeout = 300ms;
    auto started = std::chrono::steady_clock::now();
    Status s = SendMail(o, "a@b.c", "d@e.f", kMessage);
    CHECK(s.code() == Status::Code::kUnavailable);
    CHECK(s.message().find("no answer") != std::string::npos);
    CHECK(std::chrono::steady_clock::now() - started < 2s);
  }
  {
    ScriptedServer server({kHappy[0]});
    SmtpOptions o = Options(server.port());
    o.reply_timeout = 30s;
    std::atomic<bool> cancel{false};
    std::thread stopper([&] {
      std::this_thread::sleep_for(200ms);
      cancel = true;
    });
    auto started = std::chrono::steady_clock::now();
    Status s = SendMail(o, "a@b.c", "d@e.f", kMessage, &cancel);
    stopper.join();
    CHECK(s.code() == Status::Code::kUnavailable);
    CHECK(s.message().find("stopped") != std::string::npos);
    CHECK(std::chrono::steady_clock::now() - started < 2s);
  }
  {
    uint16_t port;
    {
      ScriptedServer server({});
      port = server.port();
      // Connect once so the server's thread ends; then the port is closed.
      SmtpOptions o = Options(port);
      o.reply_timeout = 100ms;
      SendMail(o, "a@b.c", "d@e.f", kMessage);
    }
    Status s = SendMail(Options(port), "a@b.c", "d@e.f", kMessage);
    CHECK(s.code() == Status::Code::kUnavailable);
    CHECK(s.message().find("cannot connect") != std::string::npos);
  }
  CHECK(SendMail(Options(1), "a@b.c\r\nRSET", "d@e.f", kMessage).code() ==
        Status::Code::kInvalidArgument);
  CHECK(SendMail(Options(1), "a@b.c", "<d@e.f>", kMessage).code() ==
        Status::Code::kInvalidArgument);
}
