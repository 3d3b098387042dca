"""Turns a finished Bench's figures into the table of issue 7's targets, prints it and writes
bench/RESULTS.md. A target whose figures were not measured (a section left out) shows "—"."""
import os
import subprocess

import results
from servers import nginx_version

def verdict(ok, detail):
    return f"**{'pass' if ok else 'miss'}** ({detail})"


def rate(r):
    return r.get("ok_per_s", r["rps"])


def load_figure(r):
    return f"{rate(r):,.0f} req/s, p50 {r['p50_ms']:.2f} ms, p99 {r['p99_ms']:.2f} ms"


def size_label(n):
    return f"{n:,}"


def rows_of(bench, args):
    f = bench.figures
    rows = []
    large = size_label(args.large)
    small = size_label(args.small)
    if "seed" in f:
        s = f["seed"]
        per_s = s["proposals"] / s["seconds"] if s["seconds"] else 0
        seeded_now = f.get("large_seed_s")
        rows.append({
            "area": "seed", "measure": f"`attache seed --proposals {s['proposals']:,}` on a fresh demo folder",
            "figure": f"{per_s:,.0f} proposals/s ({s['seconds']:.1f} s, {s['audit_entries']:,} audit entries)",
            "reference": (f"{args.large:,} proposals in {seeded_now:.0f} s in this run" if seeded_now
                          else ""),
            "target": "≥ 100,000 proposals/s", "result": verdict(per_s >= 100_000, f"{per_s / 100_000:.2f}×")})
    if "writes" in f:
        w = f["writes"]
        http, naive = w["http"], w["naive"]
        ratio = rate(http) / naive["steps_per_s"] if naive["steps_per_s"] else 0
        extra = f"; {http['non2xx']:,} non-2xx" + (
            f"; plan ran out in {int(http['exhausted_threads'])} thread(s): a lower bound"
            if http.get("exhausted_threads") else "")
        rows.append({
            "area": "writes", "measure": f"approval actions through HTTP, {large} proposals",
            "figure": f"{rate(http):,.0f} actions/s, p50 {http['p50_ms']:.1f} ms, p99 {http['p99_ms']:.1f} ms{extra}",
            "reference": f"naive SQLite {naive['steps_per_s']:,.0f} steps/s",
            "target": "≥ 2× naive", "result": verdict(ratio >= 2, f"{ratio:.2f}×")})
        rows.append({
            "area": "writes", "measure": "audit chain after the HTTP writes (`attache verify`)",
            "figure": "verified" if w["verify_ok"] else "FAILED: " + w["verify_out"][0],
            "reference": "", "target": "verifies", "result": verdict(w["verify_ok"], f"{w['verify_s']:.1f} s")})
    if "large" in f:
        runs = f["large"]
        ceiling = rate(runs["healthz"])
        rows.append({"area": "reads", "measure": f"`GET /healthz` (the ceiling), {large}",
                     "figure": load_figure(runs["healthz"]), "reference": "", "target": "", "result": ""})
        lst = runs["list"]
        share = rate(lst) / ceiling if ceiling else 0
        ok = share >= 0.30 and lst["p99_ms"] <= 10
        rows.append({"area": "reads", "measure": f"filtered list of 50, {large}",
                     "figure": load_figure(lst), "reference": f"/healthz {ceiling:,.0f} req/s",
                     "target": "≥ 30% of /healthz, p99 ≤ 10 ms",
                     "result": verdict(ok, f"{share:.0%}, p99 {lst['p99_ms']:.1f} ms")})
        for name, label in (("by_id", "`GET /api/proposals/{id}`, ids spread over the table"),
                            ("pending_agreements", "pending-agreements board's lists")):
            share = rate(runs[name]) / ceiling if ceiling else 0
            rows.append({"area": "reads", "measure": f"{label}, {large}", "figure": load_figure(runs[name]),
                         "reference": f"{share:.0%} of /healthz", "target": "", "result": ""})
    if "static" in f:
        s = f["static"]
        ours, theirs = s["runs"][("attache", "identity")], s["runs"][("nginx", "identity")]
        share = rate(ours) / rate(theirs) if rate(theirs) else 0
        rows.append({"area": "static", "measure": f"`{s['file']}` ({s['bytes']:,} B), no Accept-Encoding",
                     "figure": load_figure(ours), "reference": f"nginx {rate(theirs):,.0f} req/s",
                     "target": "≥ 90% of nginx", "result": verdict(share >= 0.9, f"{share:.0%}")})
        gz_ours, gz_theirs = s["runs"][("attache", "gzip")], s["runs"][("nginx", "gzip")]
        share = rate(gz_ours) / rate(gz_theirs) if rate(gz_theirs) else 0
        rows.append({"area": "static", "measure": "the same with `Accept-Encoding: gzip`",
                     "figure": f"{load_figure(gz_ours)}; sent {s['sent'][('attache', 'gzip')]}",
                     "reference": f"nginx (gzip_static) {rate(gz_theirs):,.0f} req/s; sent {s['sent'][('nginx', 'gzip')]}",
                     "target": "", "result": f"{share:.0%} of nginx"})
    if "large" in f and "small" in f:
        p_large, p_small = f["large"]["list"]["p50_ms"], f["small"]["list"]["p50_ms"]
        ratio = p_large / p_small if p_small else 0
        rows.append({"area": "scale", "measure": f"list p50 at {large} vs {small}",
                     "figure": f"{p_large:.2f} ms (p99 {f['large']['list']['p99_ms']:.2f})",
                     "reference": f"{p_small:.2f} ms (p99 {f['small']['list']['p99_ms']:.2f}) at {small}",
                     "target": "≤ 1.5×", "result": verdict(ratio <= 1.5, f"{ratio:.2f}×")})
    if "ready_ms" in f:
        rows.append({"area": "scale", "measure": f"start-up to ready (`/readyz` 200), {large}",
                     "figure": f"{f['ready_ms']:.0f} ms (median of {len(f['ready_all_ms'])}: "
                               f"{', '.join(map(str, f['ready_all_ms']))})",
                     "reference": "", "target": "≤ 300 ms",
                     "result": verdict(f["ready_ms"] <= 300, f"{f['ready_ms']:.0f} ms")})
    if "peak_rss_kb" in f:
        mb = f["peak_rss_kb"] * 1024 / 1e6
        rows.append({"area": "scale", "measure": f"peak resident memory (VmHWM) after the reads, {large}",
                     "figure": f"{mb:.0f} MB", "reference": "", "target": "≤ 150 MB",
                     "result": verdict(mb <= 150, f"{mb:.0f} MB")})
    if "backup" in f:
        b = f["backup"]
        rows.append({
            "area": "backup", "measure": f"`attache backup` then `attache restore` (checked), "
                                         f"{b['proposals']:,} proposals, {b['audit_entries']:,} audit entries",
            "figure": f"backup {b['backup']:.1f} s, restore {b['restore']:.1f} s; "
                      f"file {b['file_bytes'] / 1e6:,.0f} MB",
            "reference": f"database {b['database_bytes'] / 1e6:,.0f} MB",
            "target": "", "result": f"round trip {b['backup'] + b['restore']:.1f} s"})
    return rows


def by_step(chosen):
    """{"kind/state": "user:action"} -> [("user:action", ["kind/state", ...]), ...]."""
    out = {}
    for where, step in chosen.items():
        out.setdefault(step, []).append(where)
    return sorted(out.items())


def notes_of(bench, args):
    f = bench.figures
    d = f"{args.duration:g} s"
    notes = [
        f"Load: wrk 4.1 (Debian) with the Lua scripts in bench/wrk/, `-t2 -c{args.connections} -d{d} "
        "--timeout 10s`; wrk, the server and nginx share the machine's cores. Rates count "
        "answers; for the writes only 2xx answers count, and every other status is listed.",
        f"Server: `attache serve` (Release build) with its default threads (one per core, "
        f"{os.cpu_count()} here), its request log (stderr) written to a file in the run folder.",
        f"Data: `attache migrate`, `attache seed-demo`, `attache seed --proposals N --seed 1`; "
        f"folders cached under build/bench-data/ keyed by N and a hash of the seeding code, "
        f"migrations and workflows. Large: {args.large:,} proposals"
        + ("" if args.large == 1_000_000 else " (--large: not the issue's 1,000,000)")
        + f"; small: {args.small:,}. The read runs log in, which adds a session row; nothing "
        "else changes the cached folders.",
        f"Reads: user `{'mai'}` (ICD officer, sees every proposal), session cookie. List: "
        "`GET /api/proposals?kind=agreement&state=in_force&limit=50`. By id: 10,000 ids drawn "
        "at random between the smallest and largest id, in turn. Pending agreements: "
        "`GET /api/proposals?kind=agreement&state=S&sort=due&limit=30` for each pending state S "
        "of the agreement workflow in turn, the lists web/js/pages/agreements.js asks for (without "
        "its one `/api/dashboard` call).",
    ]
    if "writes" in f:
        w = f["writes"]
        notes.append(
            "Writes: on a copy of the large folder (server stopped while copying). Users with a "
            f"role acting on any unit's proposals ({', '.join(w['users'])}) log in, each with its "
            "own session cookie and CSRF token. For each (kind, state), the first step of the "
            "definition that one of them may take without inputs or conditions is checked on three "
            "proposals through `GET /api/proposals/{id}` (allowed_actions, enabled); every proposal in "
            f"those states becomes one step of the plan ({w['plan_steps']:,} steps, shuffled; each "
            "request acts on a different proposal with its current version). Only the approval "
            "process's states count (those before the state `approve` leads to). Chosen: "
            + "; ".join(f"{step} in {', '.join(states)}" for step, states in by_step(w["chosen"]))
            + ". "
            "Then `attache verify` checks the audit chain of the copy.")
        notes.append(
            "Naive SQLite limit: build/bench/attache_naive_sqlite (bench/naive_sqlite.cpp, SQLite "
            "and libsodium only) on the same copy right after the HTTP run, with the same plan "
            f"(from the start again if it runs out), for {d}: per step `BEGIN IMMEDIATE`, read the "
            "chain head, `INSERT INTO audit` (hash: SHA-256 by libsodium of the previous hash and "
            "the entry's fields, chained like the server's but not byte-identical to its canonical "
            "form), `UPDATE proposals SET state, state_entered_at, version, audit_seq, updated_at`, "
            f"`COMMIT`; WAL, synchronous=FULL, foreign_keys=ON, page size {w['naive']['page_size']}.")
    if "static" in f:
        s = f["static"]
        notes.append(
            f"Static: `web/{s['file']}`, the file of web/ closest to 20 KiB, from our server and "
            f"from nginx {nginx_version()} (Debian; `worker_processes 1; access_log off; sendfile on; "
            "keepalive_requests 1000000;`, a temporary prefix and configuration, on a loopback port, "
            "stopped after) serving a copy of it. The target row sends no Accept-Encoding to either "
            "(both send the bytes as they are). The gzip row sends `Accept-Encoding: gzip` to both; "
            "nginx has `gzip_static on` with a .gz made by the bench (level 9) and no on-the-fly "
            "gzip; what each sent is shown.")
    if "large" in f and "small" in f:
        notes.append(
            "Scale: the list's p50 and p99 are those of the 64-connection list runs above, one "
            "at each size, so they include the time a request waits for the server under load.")
    if "ready_ms" in f:
        notes.append(
            "Ready: from exec of `attache serve` to the first 200 of `GET /readyz`, polled every "
            "2 ms; page cache warm (the folder was just seeded, copied or read). Peak memory: "
            "VmHWM of /proc/PID/status after the four read runs (start-up included); MB = 10^6 bytes.")
    if "backup" in f:
        notes.append(
            "Backup: `attache backup FILE` of the cached folder of "
            f"{f['backup']['proposals']:,} proposals (no server running; page cache warm), then "
            "`attache restore FILE` into a new folder on the same disk, which checks every "
            "entry's SHA-256, runs PRAGMA integrity_check and verifies the audit chain before it "
            "succeeds; each timed from exec to exit. MB = 10^6 bytes.")
    return notes


def report(bench, args, argv, run_dir, seconds, root):
    """Prints the table and writes args.results."""
    m = results.machine(root, bench.cache)
    rows = rows_of(bench, args)
    if argv[:2] == ["--build-dir", os.path.join(root, "build")]:
        argv = argv[2:]  # what scripts/bench adds, not what was typed
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()[1:2]
    settings = {
        "command": " ".join(["scripts/bench", *argv]),
        "summary": f"{args.duration:g} s per load run, {seconds / 60:.1f} min in all"
                   + (f" (seeding {bench.figures['large_seed_s']:.0f} s of it)"
                      if bench.figures.get("large_seed_s") else ""),
        "tools": f"wrk {wrk_version[0] if wrk_version else '?'}",
    }
    commands = [f"scripts/bench {' '.join(argv)}".rstrip()]
    for name, r in bench.runs:
        commands.append(f"# {name}")
        commands.append(r["command"].replace(run_dir + "/", "$RUN/").replace(root + "/", ""))
    commands.append("# $RUN: the run's temporary folder under build/bench-data/ (paths, plan, sessions, logs)")
    print()
    print(results.table(rows))
    print()
    results.write_markdown(args.results, m, settings, rows, bench.runs, commands, notes_of(bench, args))
    print(f"written to {os.path.relpath(args.results, root)}")
