"""A real SMTP server on loopback for the e-mail tests: Debian's aiosmtpd, run as its own
process so a test can stop it (the relay is down) and start it again on the same port.

    python3 smtp_sink.py --port N --out DIR [--tls-cert F --tls-key F] [--auth USER:PASSWORD]

Every message accepted is written to DIR as NNNN.eml (the bytes received, after the SMTP
dot-unstuffing) with NNNN.json beside it ({"mail_from", "rcpt_tos", "tls", "auth"}: the
user logged in, or null). A
recipient whose address starts with "reject" is refused with 550 (permanent), one starting with
"busy" with 451 (temporary). With --tls-cert the server offers STARTTLS and requires it; with
--auth it requires AUTH (PLAIN or LOGIN) with that user and password. "ready" is printed on
stdout once the server listens.
"""
import argparse
import json
import os
import signal
import ssl
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Recorder:
    def __init__(self, out):
        self.out = out
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("reject"):
            return "550 5.1.1 no such mailbox here"
        if address.startswith("busy"):
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            n = len([f for f in os.listdir(self.out) if f.endswith(".eml")]) + 1
            base = os.path.join(self.out, "%04d" % n)
            with open(base + ".tmp", "wb") as f:
                f.write(envelope.original_content)
            with open(base + ".json", "w") as f:
                json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                           "tls": session.ssl is not None,
                           "auth": session.auth_data if session.authenticated else None}, f)
            os.rename(base + ".tmp", base + ".eml")  # whole files only
        return "250 2.0.0 accepted"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--auth")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    options = {}
    if args.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        options.update(tls_context=context, require_starttls=True)
    if args.auth:
        user, password = args.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user
                  and auth_data.password.decode() == password)
            return AuthResult(success=ok, auth_data=user if ok else None)

        options.update(authenticator=authenticator, auth_required=True,
                       auth_require_tls=bool(args.tls_cert))
    controller = Controller(Recorder(args.out), hostname="127.0.0.1", port=args.port,
                            server_hostname="sink.test", **options)
    controller.start()  # returns once the server has answered a first connection
    print("ready", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *a: stop.set())
    signal.signal(signal.SIGINT, lambda *a: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
