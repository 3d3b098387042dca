// An SMTP client (RFC 5321) that hands one message to a relay: EHLO, STARTTLS when asked
// (the server's certificate and name are verified), AUTH PLAIN or LOGIN when a user is
// configured, MAIL FROM, RCPT TO, DATA, QUIT. Plain POSIX sockets and OpenSSL; every connect,
// TLS handshake, write and reply has a deadline, so a silent server costs at most the timeout.
// Thread-safety: SendMail may be called from several threads at once; each call has its own
// connection.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "attache/core/status.h"

namespace attache::mail {

struct SmtpOptions {
  std::string host;  // name or IP address of the relay
  uint16_t port = 587;
  // Upgrade the connection with STARTTLS before anything else and refuse to go on when the
  // server does not offer it. The certificate must chain to a trusted CA (the system's, or
  // ca_file's) and name `host`.
  bool starttls = true;
  std::string ca_file;  // PEM file of CA certificates trusted besides the system's
  // AUTH when `user` is not empty: PLAIN when the server offers it, else LOGIN. Over a
  // connection that is not encrypted only with allow_auth_without_tls (a relay on loopback).
  std::string user;
  std::string password;
  bool allow_auth_without_tls = false;
  std::string helo_name = "localhost";  // our name in EHLO
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds reply_timeout{60'000};  // for each reply and each write
};

// Sends `data` (a rendered message, see mime.h; it is dot-stuffed here) from envelope sender
// `from` to recipient `to`; both must have passed CheckAddress.
// OK: the server accepted the message (250 after DATA).
// InvalidArgument: the server refused this message for good (a 5xx reply to MAIL, RCPT or
// DATA): sending it again would fail the same way.
// Unavailable: anything that may pass later or after the configuration is fixed: no
// connection, a timeout, a 4xx reply, a refused greeting, STARTTLS missing or a certificate
// not trusted, a refused login, a reply that is not SMTP, or `cancel` set.
// The message of a failed Status names the step and quotes the server's reply; it never holds
// the password.
// `cancel`, when given, is checked at least every 250 ms while waiting on the server.
Status SendMail(const SmtpOptions& options, std::string_view from, std::string_view to,
                std::string_view data, const std::atomic<bool>* cancel = nullptr);

}  // namespace attache::mail
