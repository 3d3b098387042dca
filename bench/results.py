"""The machine description and the results table of scripts/bench (stdout and bench/RESULTS.md)."""
import datetime
import os
import platform
import sqlite3
import subprocess


def _read(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return ""


def _run(cmd, cwd=None):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd).stdout.strip()
    except OSError:
        return ""


def disk_of(path):
    """File system, device and what the kernel says of the device under `path`."""
    fields = _run(["df", "--output=source,fstype", path]).splitlines()
    if len(fields) < 2:
        return "?"
    source, fstype = fields[1].split()[:2]
    dev = os.path.basename(source)
    block = dev.rstrip("0123456789") if not os.path.exists(f"/sys/block/{dev}") else dev
    if block.startswith("nvme") and "p" in block:
        block = block.rsplit("p", 1)[0]
    rotational = _read(f"/sys/block/{block}/queue/rotational").strip()
    kind = {"0": "non-rotational (SSD/NVMe or virtual)", "1": "rotational as the kernel reports it"}.get(
        rotational, "type unknown")
    model = _read(f"/sys/block/{block}/device/model").strip()
    virtual = " (virtio: a virtual machine's disk)" if block.startswith("vd") else ""
    return f"{fstype} on {source}{virtual}, {kind}{', ' + model if model else ''}"


def machine(root, data_dir):
    cpu = next((line.split(":", 1)[1].strip() for line in _read("/proc/cpuinfo").splitlines()
                if line.startswith("model name")), platform.processor() or "?")
    mem_kb = next((int(line.split()[1]) for line in _read("/proc/meminfo").splitlines()
                   if line.startswith("MemTotal:")), 0)
    commit = _run(["git", "rev-parse", "--short", "HEAD"], cwd=root) or "?"
    # The results file itself does not count: each run rewrites it.
    if _run(["git", "status", "--porcelain", "--untracked-files=no", "--", ".",
             ":!bench/RESULTS.md"], cwd=root):
        commit += " (with uncommitted changes)"
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram": f"{mem_kb / 1024 / 1024:.1f} GiB",
        "kernel": platform.release(),
        "disk": disk_of(data_dir),
        "commit": commit,
        "sqlite": sqlite3.sqlite_version,
    }


def fmt_int(x):
    return f"{x:,.0f}"


def table(rows):
    """Markdown table of rows: dicts with area, measure, figure, reference, target, result."""
    head = ["", "measure", "figure", "reference (same run)", "target", "result"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        lines.append("| " + " | ".join(str(r.get(k, "")) for k in
                                        ("area", "measure", "figure", "reference", "target", "result")) + " |")
    return "\n".join(lines)


def details_table(runs):
    """Every wrk run: requests/s, p50, p99, non-2xx (what the summary rows are made of)."""
    lines = ["| run | requests/s | p50 ms | p99 ms | non-2xx | errors |", "|---|---:|---:|---:|---:|---:|"]
    for name, r in runs:
        errors = sum(int(v) for v in r["errors"].values())
        non2xx = r.get("non2xx", r["status_errors"])
        lines.append(f"| {name} | {fmt_int(r.get('ok_per_s', r['rps']))} | {r['p50_ms']:.2f} | "
                     f"{r['p99_ms']:.2f} | {fmt_int(non2xx)} | {errors} |")
    return "\n".join(lines)


def write_markdown(path, m, settings, rows, runs, commands, notes):
    out = [
        "# Benchmark results (`scripts/bench`)",
        "",
        "Written by `scripts/bench` (bench/bench.py) at the end of each run; the targets are "
        "issue 7's. Each figure is set beside its reference measured in the same run, so that "
        "a noisy machine moves both.",
        "",
        f"- date: {m['date']}",
        f"- machine: {m['cpu']}, {m['cores']} cores, {m['ram']} RAM, Linux {m['kernel']}",
        f"- data folder's disk: {m['disk']}",
        f"- commit: {m['commit']}; SQLite {m['sqlite']}; {settings['tools']}",
        f"- run: `{settings['command']}` — {settings['summary']}",
        "",
        table(rows),
        "",
        "## Every load run",
        "",
        details_table(runs),
        "",
        "## How it was measured",
        "",
        *[f"- {n}" for n in notes],
        "",
        "## Commands",
        "",
        "```sh",
        *commands,
        "```",
        "",
    ]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))
