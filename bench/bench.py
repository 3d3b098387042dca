#!/usr/bin/env python3
"""scripts/bench's orchestrator (issue 7): measures Attaché against the limits in one run and
prints a table, also written to bench/RESULTS.md.

Order: seed (or reuse) the small and the large data folders; start the server on the large one
(time to ready), read runs, peak memory; the server on the small one: the same list, and the
static file beside nginx; writes on a copy of the large folder through HTTP, the audit chain
verified, then the naive SQLite loop on that copy with the same plan. Every process started
here is stopped at the end, also on failure or Ctrl+C; the run folder (logs, the copy) is
removed unless --keep.
"""
import argparse
import gzip
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

import datasets
import results
from servers import Attache, BenchError, Nginx, Processes, free_port, http_request, run_wrk

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
WRK_DIR = os.path.join(ROOT, "bench", "wrk")
READ_USER = "mai"  # the ICD officer: sees every proposal, so lists are never narrowed by unit
LIST_PATH = "/api/proposals?kind=agreement&state=in_force&limit=50"
STATIC_TARGET_BYTES = 20 * 1024
SECTIONS = ("seed", "reads", "scale", "static", "writes", "backup")
SEED_COUNT = 200_000  # proposals the "seed" section loads into a fresh demo folder
BACKUP_COUNT = 100_000  # proposals in the folder the "backup" section backs up and restores


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="scripts/bench",
        description="Measures Attaché against the limits of issue 7 in one run (wrk, nginx and a "
                    "naive SQLite loop on the same machine) and writes bench/RESULTS.md.")
    p.add_argument("--quick", action="store_true",
                   help="short runs for development: 3 s of load per run, one start-up timing")
    p.add_argument("--duration", type=int, help="whole seconds of load per run (default 10; 3 with --quick)")
    p.add_argument("--large", type=int, default=1_000_000, metavar="N",
                   help="proposals in the large data folder (default 1,000,000)")
    p.add_argument("--small", type=int, default=10_000, metavar="N",
                   help="proposals in the small data folder (default 10,000)")
    p.add_argument("--connections", type=int, default=64, help="wrk connections (default 64)")
    p.add_argument("--only", default=",".join(SECTIONS),
                   help="comma-separated sections to run: " + ", ".join(SECTIONS))
    p.add_argument("--build-dir", default=os.path.join(ROOT, "build"),
                   help="where the Release build is (default build/)")
    p.add_argument("--results", default=os.path.join(ROOT, "bench", "RESULTS.md"),
                   help="the Markdown file to write (default bench/RESULTS.md)")
    p.add_argument("--keep", action="store_true", help="keep the run folder (server logs, write copy)")
    args = p.parse_args(argv)
    args.duration = args.duration or (3 if args.quick else 10)
    if args.duration < 1:
        p.error("--duration must be at least 1 second")
    args.only = [s.strip() for s in args.only.split(",") if s.strip()]
    if unknown := set(args.only) - set(SECTIONS):
        p.error("unknown section(s): " + ", ".join(sorted(unknown)))
    return args


def write_lines(path, lines):
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


def closest_static_file(web):
    """The file under web/ (not node_modules) whose size is closest to 20 KiB."""
    best = None
    for dirpath, dirnames, filenames in os.walk(web):
        dirnames[:] = sorted(d for d in dirnames if d != "node_modules")
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            score = abs(os.path.getsize(path) - STATIC_TARGET_BYTES)
            if best is None or score < best[0]:
                best = (score, path)
    return os.path.relpath(best[1], web)


class Bench:
    def __init__(self, args, run_dir, procs):
        self.args, self.run_dir, self.procs = args, run_dir, procs
        self.binary = os.path.join(args.build_dir, "attache")
        self.naive = os.path.join(args.build_dir, "bench", "attache_naive_sqlite")
        self.cache = os.path.join(args.build_dir, "bench-data")
        self.ports = set()
        self.password = datasets.demo_password(ROOT)
        self.runs = []      # (name, wrk result) in the order run
        self.figures = {}   # what the table is made of
        self.notes = []

    def wrk(self, name, port, script, script_args, headers=()):
        log(f"wrk: {name} ({self.args.duration:g} s, {self.args.connections} connections)")
        r = run_wrk(f"http://127.0.0.1:{port}", os.path.join(WRK_DIR, script), script_args,
                    self.args.duration, connections=self.args.connections, headers=headers)
        self.runs.append((name, r))
        return r

    def server(self, data, name):
        port = free_port(self.ports)
        return Attache(self.procs, self.binary, ROOT, data, port, os.path.join(self.run_dir, f"{name}.log"))

    def paths_file(self, name, paths):
        return write_lines(os.path.join(self.run_dir, f"paths-{name}.txt"), paths)

    def get_runs(self, server, label, cookie, paths_by_name):
        """One wrk run per {name: [paths]}, after checking the first path answers 200."""
        out = {}
        for name, paths in paths_by_name.items():
            status, _, body = http_request(server.port, "GET", paths[0], headers={"Cookie": cookie})
            if status != 200:
                raise BenchError(f"GET {paths[0]} answered {status}: {body[:200]!r}")
            out[name] = self.wrk(f"{name} ({label})", server.port, "get.lua",
                                 [self.paths_file(name, paths)], headers=[f"Cookie: {cookie}"])
        return out

    # --- reads at the large size, start-up and memory -------------------------------------------

    def reads(self, large):
        stats = datasets.table_stats(os.path.join(large, "attache.db"))
        server = self.server(large, "attache-large")
        starts = 1 if self.args.quick else 3
        ready = []
        for i in range(starts):
            ready.append(server.start())
            log(f"ready in {ready[-1] * 1000:.0f} ms ({stats['proposals']:,} proposals)")
            if i + 1 < starts:
                server.stop()
        self.figures["ready_ms"] = statistics.median(ready) * 1000
        self.figures["ready_all_ms"] = [round(r * 1000) for r in ready]
        cookie, _ = server.login(READ_USER, self.password)
        ids = random.Random(11).sample(range(stats["min_id"], stats["max_id"] + 1),
                                       min(10_000, stats["max_id"] - stats["min_id"] + 1))
        agreement = datasets.workflows(ROOT)["agreement"]
        pending = [f"/api/proposals?kind=agreement&state={s}&sort=due&limit=30"
                   for s in datasets.pending_states(agreement)]
        self.figures["large"] = self.get_runs(server, f"{stats['proposals']:,}", cookie, {
            "healthz": ["/healthz"],
            "list": [LIST_PATH],
            "by_id": [f"/api/proposals/{i}" for i in ids],
            "pending_agreements": pending,
        })
        self.figures["peak_rss_kb"] = server.peak_rss_kb()
        self.figures["large_stats"] = stats
        server.stop()

    # --- the small size: the same list, and the static file beside nginx ------------------------

    def small_and_static(self, small, do_scale, do_static):
        stats = datasets.table_stats(os.path.join(small, "attache.db"))
        server = self.server(small, "attache-small")
        self.figures["small_ready_ms"] = server.start() * 1000
        if do_scale:
            cookie, _ = server.login(READ_USER, self.password)
            self.figures["small"] = self.get_runs(server, f"{stats['proposals']:,}", cookie,
                                                  {"list": [LIST_PATH]})
            self.figures["small_stats"] = stats
        if do_static:
            self.static(server)
        server.stop()

    def static(self, server):
        rel = closest_static_file(os.path.join(ROOT, "web"))
        url_path = "/" + rel
        root = os.path.join(self.run_dir, "nginx-root")
        copy = os.path.join(root, rel)
        os.makedirs(os.path.dirname(copy))
        shutil.copyfile(os.path.join(ROOT, "web", rel), copy)
        with open(copy, "rb") as src, open(copy + ".gz", "wb") as dst:
            dst.write(gzip.compress(src.read(), compresslevel=9, mtime=0))
        for d, _, files in os.walk(self.run_dir):  # nginx's worker runs as an unprivileged user
            os.chmod(d, 0o755)
            for f in files:
                os.chmod(os.path.join(d, f), 0o644)
        nginx = Nginx(self.procs, os.path.join(self.run_dir, "nginx"), root, free_port(self.ports))
        nginx.start(url_path)
        try:
            sent = {}
            for who, port in (("attache", server.port), ("nginx", nginx.port)):
                for enc in ("identity", "gzip"):
                    hdrs = {"Accept-Encoding": "gzip"} if enc == "gzip" else {}
                    status, h, body = http_request(port, "GET", url_path, headers=hdrs)
                    if status != 200:
                        raise BenchError(f"{who} answered {status} for {url_path}")
                    sent[(who, enc)] = f"{h.get('content-encoding', 'identity')} {len(body):,} B"
            paths = self.paths_file("static", [url_path])
            runs = {}
            for enc, headers in (("identity", []), ("gzip", ["Accept-Encoding: gzip"])):
                for who, port in (("attache", server.port), ("nginx", nginx.port)):
                    runs[(who, enc)] = self.wrk(f"static {rel} {who} {enc}", port, "get.lua", [paths],
                                                headers=headers)
        finally:
            nginx.stop()
        self.figures["static"] = {"file": rel, "bytes": os.path.getsize(copy), "runs": runs, "sent": sent}

    # --- writes through HTTP and the naive SQLite limit, on one copy of the large folder ---------

    def writes(self, large):
        copy = os.path.join(self.run_dir, "writes")
        started = time.monotonic()
        datasets.copy_dataset(large, copy)
        log(f"copied the data folder for the writes in {time.monotonic() - started:.1f} s")
        db_path = os.path.join(copy, "attache.db")
        users = datasets.step_users(db_path)
        server = self.server(copy, "attache-writes")
        server.start()
        sessions = {}
        for i, name in enumerate(sorted(users)):
            cookie, csrf = server.login(name, self.password)
            sessions[name] = (i, cookie, csrf)
        sessions_file = write_lines(os.path.join(self.run_dir, "sessions.tsv"),
                                    [f"{c}\t{t}" for _, c, t in sorted(sessions.values())])
        plan = os.path.join(self.run_dir, "plan.tsv")
        steps, chosen = datasets.build_plan(server, db_path, datasets.workflows(ROOT), sessions,
                                            users, plan, log)
        r = self.wrk("approval actions (HTTP)", server.port, "actions.lua", [plan, sessions_file, 2])
        r["non2xx"] = sum(int(n) for code, n in r["statuses"].items() if not 200 <= int(code) < 300)
        server.stop()
        started = time.monotonic()
        verify = subprocess.run([self.binary, "verify", "--data", copy], capture_output=True, text=True)
        verify_s = time.monotonic() - started
        log(f"attache verify: exit {verify.returncode} in {verify_s:.1f} s")
        log(f"naive SQLite loop ({self.args.duration:g} s)")
        naive = subprocess.run([self.naive, "--db", db_path, "--seconds", str(self.args.duration),
                                "--plan", plan], capture_output=True, text=True)
        if naive.returncode != 0:
            raise BenchError(f"naive_sqlite failed: {naive.stderr}")
        self.figures["writes"] = {
            "http": r, "naive": json.loads(naive.stdout), "plan_steps": steps, "chosen": chosen,
            "users": sorted(users), "verify_ok": verify.returncode == 0,
            "verify_out": (verify.stdout + verify.stderr).strip().splitlines()[-1:] or [""],
            "verify_s": verify_s,
        }
        shutil.rmtree(copy)

    # --- bulk seeding, timed on a fresh demo folder ----------------------------------------------

    def seed(self):
        folder = os.path.join(self.run_dir, "seed")
        for args in (["migrate"], ["seed-demo"]):
            out = subprocess.run([self.binary, *args, "--data", folder], capture_output=True, text=True)
            if out.returncode != 0:
                raise BenchError(f"attache {' '.join(args)} failed: {out.stderr}")
        log(f"attache seed --proposals {SEED_COUNT:,} into a fresh demo folder")
        started = time.monotonic()
        out = subprocess.run([self.binary, "seed", "--proposals", str(SEED_COUNT), "--seed", "2",
                              "--data", folder], capture_output=True, text=True)
        seconds = time.monotonic() - started
        if out.returncode != 0:
            raise BenchError(f"attache seed failed: {out.stderr}")
        audit = re.match(r"\d+ proposals, (\d+) audit entries", out.stdout)
        self.figures["seed"] = {"proposals": SEED_COUNT, "seconds": seconds,
                                "audit_entries": int(audit.group(1)) if audit else 0}
        shutil.rmtree(folder)

    # --- backup and restore of a seeded folder --------------------------------------------------

    def backup(self):
        folder, self.figures["backup_seed_s"] = datasets.ensure_dataset(
            self.binary, ROOT, self.cache, BACKUP_COUNT, log)
        archive = os.path.join(self.run_dir, "backup.tar")
        restored = os.path.join(self.run_dir, "restored")
        seconds = {}
        for name, args in (("backup", ["backup", archive, "--data", folder]),
                           ("restore", ["restore", archive, "--data", restored])):
            log(f"attache {name} ({BACKUP_COUNT:,} proposals)")
            started = time.monotonic()
            out = subprocess.run([self.binary, *args], capture_output=True, text=True)
            seconds[name] = time.monotonic() - started
            if out.returncode != 0:
                raise BenchError(f"attache {name} failed: {out.stdout}{out.stderr}")
        stats = datasets.table_stats(os.path.join(restored, "attache.db"))
        self.figures["backup"] = {
            "proposals": stats["proposals"], "audit_entries": stats["audit_entries"],
            "database_bytes": os.path.getsize(os.path.join(folder, "attache.db")),
            "file_bytes": os.path.getsize(archive), **seconds}
        shutil.rmtree(restored)
        os.remove(archive)

    def run(self):
        only = self.args.only
        os.makedirs(self.cache, exist_ok=True)
        if "seed" in only:
            self.seed()
        large = small = None
        if {"reads", "writes", "scale"} & set(only):
            large, self.figures["large_seed_s"] = datasets.ensure_dataset(
                self.binary, ROOT, self.cache, self.args.large, log)
        if {"scale", "static"} & set(only):
            small, self.figures["small_seed_s"] = datasets.ensure_dataset(
                self.binary, ROOT, self.cache, self.args.small, log)
        if {"reads", "scale"} & set(only):
            self.reads(large)
        if {"scale", "static"} & set(only):
            self.small_and_static(small, "scale" in only, "static" in only)
        if "writes" in only:
            self.writes(large)
        if "backup" in only:
            self.backup()


def main(argv):
    args = parse_args(argv)
    from report import report  # the table; imported here so that --help needs nothing else
    for path in (os.path.join(args.build_dir, "attache"),
                 os.path.join(args.build_dir, "bench", "attache_naive_sqlite")):
        if not os.access(path, os.X_OK):
            raise BenchError(f"{path} is missing: build first (scripts/bench builds it)")
    os.makedirs(os.path.join(args.build_dir, "bench-data"), exist_ok=True)
    run_dir = tempfile.mkdtemp(prefix="run-", dir=os.path.join(args.build_dir, "bench-data"))
    procs = Processes()
    # SIGTERM and SIGHUP end the run like Ctrl+C does: through the finally below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGHUP, lambda *_: sys.exit(129))
    started = time.monotonic()
    try:
        bench = Bench(args, run_dir, procs)
        bench.run()
        report(bench, args, argv, run_dir, time.monotonic() - started, ROOT)
    finally:
        procs.stop_all()
        if args.keep:
            log(f"kept the run folder {run_dir}")
        else:
            shutil.rmtree(run_dir, ignore_errors=True)


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except BenchError as e:
        print(f"scripts/bench: {e}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        print("scripts/bench: interrupted", file=sys.stderr)
        sys.exit(130)
