"""The processes scripts/bench starts (attache serve, nginx, wrk) and how it talks to them.

Every process is started through Processes, which remembers it and stops it by its own pid:
Processes.stop_all() runs at the end of the bench, also after a failure or Ctrl+C.
Ports come from 18200-18299 on 127.0.0.1 only.
"""
import http.client
import json
import os
import re
import shlex
import signal
import socket
import subprocess
import time

PORTS = range(18200, 18300)


class BenchError(Exception):
    """Something the bench needs did not work; the message says what."""


class Processes:
    """The processes this bench started; not thread-safe (the bench runs one thing at a time)."""

    def __init__(self):
        self._running = []

    def start(self, cmd, log_path, **kwargs):
        log = open(log_path, "ab")
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, **kwargs)
        log.close()  # the child has its own copy of the descriptor
        self._running.append(proc)
        return proc

    def stop(self, proc, sig=signal.SIGTERM, timeout=60):
        """Signals one process started here and waits for it (SIGKILL after `timeout` s)."""
        if proc.poll() is None:
            proc.send_signal(sig)
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if proc in self._running:
            self._running.remove(proc)
        return proc.returncode

    def stop_all(self):
        for proc in list(self._running):
            self.stop(proc, timeout=15)


def free_port(taken):
    """The first port of PORTS that is not in `taken` and can be bound now."""
    for port in PORTS:
        if port in taken:
            continue
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
        taken.add(port)
        return port
    raise BenchError("no free port in 18200-18299")


def http_request(port, method, path, body=None, headers=None, timeout=30):
    """One request to 127.0.0.1:port; returns (status, headers as a dict, body bytes)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        data = json.dumps(body).encode() if body is not None else None
        hdrs = dict(headers or {})
        if data is not None:
            hdrs.setdefault("Content-Type", "application/json")
        conn.request(method, path, body=data, headers=hdrs)
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def wait_until_ok(port, path, proc, log_path, timeout=180, interval=0.002):
    """Polls GET path every `interval` s until it answers 200; returns when it did (monotonic)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise BenchError(f"process exited with {proc.returncode} before {path} answered; "
                             f"see {log_path}:\n{tail(log_path)}")
        try:
            status, _, _ = http_request(port, "GET", path, timeout=5)
            if status == 200:
                return time.monotonic()
        except OSError:
            pass
        time.sleep(interval)
    raise BenchError(f"{path} did not answer 200 within {timeout} s; see {log_path}")


def tail(path, lines=20):
    try:
        with open(path, "rb") as f:
            return b"".join(f.readlines()[-lines:]).decode(errors="replace")
    except OSError:
        return ""


class Attache:
    """One `attache serve` on a data folder; its request log (stderr) goes to a file."""

    def __init__(self, processes, binary, root, data, port, log_path):
        self.processes, self.binary, self.root = processes, binary, root
        self.data, self.port, self.log_path = data, port, log_path
        self.proc = None

    def start(self):
        """Starts the server; returns the seconds from exec to the first 200 of /readyz."""
        # Reminders off: a first sweep over a seeded million would raise hundreds of thousands
        # of them in the background and skew every figure measured beside it.
        cmd = [self.binary, "serve", "--data", self.data, "--listen", f"127.0.0.1:{self.port}",
               "--scheduler-interval-ms", "0",
               "--web", os.path.join(self.root, "web"), "--schema", os.path.join(self.root, "schema")]
        started = time.monotonic()
        self.proc = self.processes.start(cmd, self.log_path)
        ready = wait_until_ok(self.port, "/readyz", self.proc, self.log_path)
        return ready - started

    def stop(self):
        if self.proc:
            code = self.processes.stop(self.proc)
            self.proc = None
            if code not in (0, -signal.SIGTERM):
                raise BenchError(f"attache exited with {code}; see {self.log_path}")

    def login(self, username, password):
        """Logs in; returns (cookie header value, CSRF token)."""
        status, headers, body = http_request(
            self.port, "POST", "/api/session", {"username": username, "password": password})
        if status != 200:
            raise BenchError(f"login as {username} answered {status}: {body[:200]!r}")
        cookie = headers["set-cookie"].split(";", 1)[0]
        return cookie, json.loads(body)["csrf_token"]

    def get_json(self, path, cookie):
        status, _, body = http_request(self.port, "GET", path, headers={"Cookie": cookie})
        if status != 200:
            raise BenchError(f"GET {path} answered {status}: {body[:200]!r}")
        return json.loads(body)

    def peak_rss_kb(self):
        """VmHWM of the running server: the most resident memory it has had, in KiB."""
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        raise BenchError("no VmHWM in /proc/PID/status")


NGINX_CONF = """# Written by scripts/bench: Debian's nginx with one worker, serving one folder.
worker_processes 1;
daemon off;
pid {run}/nginx.pid;
error_log {run}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  gzip off;
  gzip_static on;
  client_body_temp_path {run}/client_body;
  proxy_temp_path {run}/proxy;
  fastcgi_temp_path {run}/fastcgi;
  uwsgi_temp_path {run}/uwsgi;
  scgi_temp_path {run}/scgi;
  server {{
    listen 127.0.0.1:{port};
    root {root};
  }}
}}
"""


class Nginx:
    """Debian's nginx on a loopback port with a temporary prefix and configuration."""

    def __init__(self, processes, run_dir, root, port):
        self.processes, self.run_dir, self.root, self.port = processes, run_dir, root, port
        self.proc = None

    def start(self, probe_path):
        os.makedirs(self.run_dir, exist_ok=True)
        conf = os.path.join(self.run_dir, "nginx.conf")
        with open(conf, "w") as f:
            f.write(NGINX_CONF.format(run=self.run_dir, root=self.root, port=self.port))
        log = os.path.join(self.run_dir, "nginx.out")
        self.proc = self.processes.start(
            ["nginx", "-p", self.run_dir, "-e", os.path.join(self.run_dir, "nginx-error.log"),
             "-c", conf], log)
        wait_until_ok(self.port, probe_path, self.proc, log, timeout=30)

    def stop(self):
        if self.proc:
            self.processes.stop(self.proc, sig=signal.SIGQUIT)  # graceful: workers finish
            self.proc = None


def nginx_version():
    out = subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr
    return out.strip().split("/")[-1] if out else "?"


def run_wrk(url, script, args, duration, connections=64, threads=2, headers=()):
    """Runs wrk with a script of bench/wrk/ and returns the numbers of its BENCH line, with
    "command" (the session cookie left out) added."""
    cmd = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s",
           "--timeout", "10s", "--latency", "-s", script]
    for h in headers:
        cmd += ["-H", h]
    cmd += [url, "--", *[str(a) for a in args]]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 120)
    match = re.search(r"^BENCH (\{.*\})$", out.stdout, re.M)
    if out.returncode != 0 or not match:
        raise BenchError(f"wrk failed ({out.returncode}): {' '.join(cmd)}\n{out.stdout}\n{out.stderr}")
    result = json.loads(match.group(1))
    shown = [re.sub(r"^(Cookie: [^=]+=).*", r"\1…", c) for c in cmd]
    result["command"] = shlex.join(shown)
    return result
