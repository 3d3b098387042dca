"""Starts the real attache binary on a free port with a temporary data folder.

Used by every integration test: nothing here is mocked. The binary comes from ATTACHE_BIN
(set by CTest) and the source tree from ATTACHE_SOURCE.
"""
import json
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request

BIN = os.environ.get("ATTACHE_BIN", os.path.join(os.path.dirname(__file__), "../../build/attache"))
SOURCE = os.environ.get("ATTACHE_SOURCE", os.path.abspath(os.path.join(os.path.dirname(__file__), "../..")))


def mail_to_nowhere():
    """Flags that turn e-mail on towards a loopback port where nothing listens: messages are
    queued and stay pending. For tests of the routes; delivery is test_mail.py's."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return ["--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--smtp-starttls", "no",
            "--mail-from", "attache@molisa.test"]


# The first line of a report by AddressSanitizer (LeakSanitizer included) or
# UndefinedBehaviorSanitizer, when the binary was built with them (ATTACHE_SANITIZE, see
# scripts/test): a test whose server or command printed one fails, whatever else it checked.
SANITIZER_REPORT = re.compile(r"^(==\d+==ERROR: \w+Sanitizer|.*: runtime error: )", re.M)


def check_no_sanitizer_report(text, what):
    """Raises AssertionError with the report when `text` (a process's stderr) holds one."""
    m = SANITIZER_REPORT.search(text)
    if m:
        raise AssertionError("%s printed a sanitizer report:\n%s" % (what, text[m.start():m.start() + 8000]))


def run_cli(*args, data=None, stdin=None, timeout=30):
    """Runs `attache ARGS` and returns the CompletedProcess (text mode)."""
    cmd = [BIN, *args]
    if data is not None:
        cmd += ["--data", str(data)]
    r = subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=timeout)
    check_no_sanitizer_report(r.stderr, "attache " + " ".join(args))
    return r


class Server:
    """One attache process. Use as a context manager or call start()/stop()."""

    def __init__(self, data=None, args=(), env=None):
        self._tmp = None
        if data is None:
            self._tmp = tempfile.mkdtemp(prefix="attache-it-")
            data = os.path.join(self._tmp, "data")
        self.data = data
        self.args = list(args)
        self.env = dict(os.environ, **(env or {}))
        self.proc = None
        self.port = None
        self.stderr_path = os.path.join(self._tmp or tempfile.mkdtemp(prefix="attache-log-"), "stderr.log")

    def start(self, timeout=15):
        self._stderr = open(self.stderr_path, "ab")
        self.proc = subprocess.Popen(
            [BIN, "serve", "--data", self.data, "--listen", "127.0.0.1:0", *self.args],
            stdout=subprocess.PIPE, stderr=self._stderr, env=self.env)
        deadline = time.monotonic() + timeout
        line = b""
        while time.monotonic() < deadline and not line.endswith(b"\n"):
            ready, _, _ = select.select([self.proc.stdout], [], [], 0.1)
            if ready:
                chunk = os.read(self.proc.stdout.fileno(), 1)
                if not chunk:
                    break
                line += chunk
        if b"http://" not in line:
            self.proc.kill()
            raise RuntimeError("server did not start: %r\n%s" % (line, self.stderr()))
        self.port = int(line.decode().rsplit(":", 1)[1].strip().rstrip("/"))
        return self

    def url(self, path="/"):
        return "http://127.0.0.1:%d%s" % (self.port, path)

    def stderr(self):
        with open(self.stderr_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def log_lines(self):
        out = []
        for line in self.stderr().splitlines():
            try:
                out.append(json.loads(line))
            except ValueError:
                pass
        return out

    def send_signal(self, sig):
        self.proc.send_signal(sig)

    def stop(self, sig=signal.SIGTERM, timeout=15):
        """Stops the server and returns its exit code. AssertionError when the server printed a
        sanitizer report (it exits then, so a test may also see it stopped early)."""
        if self.proc is None or self.proc.poll() is not None:
            if self.proc:
                self.check_no_sanitizer_report()
            return self.proc.returncode if self.proc else None
        self.proc.send_signal(sig)
        try:
            code = self.proc.wait(timeout=timeout)
        finally:
            self._stderr.close()
            self.proc.stdout.close()
        self.check_no_sanitizer_report()
        return code

    def check_no_sanitizer_report(self):
        check_no_sanitizer_report(self.stderr(), "the server")

    def cleanup(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if self.proc:
            self.proc.stdout.close()
        if getattr(self, "_stderr", None) and not self._stderr.closed:  # none if never started
            self._stderr.close()
        try:
            if self.proc:
                self.check_no_sanitizer_report()
        finally:
            if self._tmp:
                shutil.rmtree(self._tmp, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        self.cleanup()


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # lower-case name -> value (last one wins)
        self.body = body

    def json(self):
        return json.loads(self.body)


def request(server, method, path, body=None, headers=None, timeout=10):
    """An HTTP request with urllib; returns Response for every status (no exception)."""
    req = urllib.request.Request(server.url(path), data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return Response(r.status, {k.lower(): v for k, v in r.headers.items()}, r.read())
    except urllib.error.HTTPError as e:
        return Response(e.code, {k.lower(): v for k, v in e.headers.items()}, e.read())


def raw(server, data, timeout=5):
    """Sends raw bytes and reads until the server closes or the timeout; returns the bytes."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=timeout) as s:
        s.sendall(data)
        chunks = []
        try:
            while True:
                c = s.recv(65536)
                if not c:
                    break
                chunks.append(c)
        except socket.timeout:
            pass
        return b"".join(chunks)


def parse_status(raw_bytes):
    """The status code of the first response in raw bytes, or None."""
    if not raw_bytes.startswith(b"HTTP/1."):
        return None
    return int(raw_bytes.split(b" ", 2)[1])
