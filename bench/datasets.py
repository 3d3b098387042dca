"""The data scripts/bench runs on: seeded folders cached by size, and the write plan.

A seeded folder is build/bench-data/n<N>-<key>/: `attache migrate`, `attache seed-demo` and
`attache seed --proposals N --seed 1`, then a WAL checkpoint. The key is a hash of what decides
the seeded rows (the seeding and demo sources, the demo data, migrations, workflows): the binary
has no seed version of its own, and a rebuild that changes none of them keeps the cache. A
folder without its `.complete` marker (seeding interrupted) is seeded again.
"""
import glob
import hashlib
import json
import os
import random
import shutil
import sqlite3
import subprocess
import time

from servers import BenchError

SEED_INPUTS = ("src/demo/*.cpp", "src/demo/*.h", "include/attache/demo/*.h", "schema/demo/*.json",
               "schema/demo/proposals/*.json", "schema/migrations/*.sql", "schema/workflows/*")
# The roles whose steps act on any unit's proposals: one session per demo user holding one.
STEP_ROLES = ("icd_officer", "icd_head", "finance", "leader")
PLAN_LIMIT = 300_000


def seed_key(root):
    h = hashlib.sha256()
    for pattern in SEED_INPUTS:
        for path in sorted(glob.glob(os.path.join(root, pattern))):
            h.update(os.path.relpath(path, root).encode() + b"\0")
            with open(path, "rb") as f:
                h.update(f.read())
    return h.hexdigest()[:12]


def ensure_dataset(binary, root, cache_dir, n, log):
    """The cached folder with the demo data plus n seeded proposals, seeding it if needed.
    Returns (folder, seconds spent seeding now or None when it came from the cache)."""
    key = seed_key(root)
    folder = os.path.join(cache_dir, f"n{n}-{key}")
    if os.path.exists(os.path.join(folder, ".complete")):
        return folder, None
    for stale in glob.glob(os.path.join(cache_dir, f"n{n}-*")):
        shutil.rmtree(stale)  # another key: seeded by older code, or interrupted
    os.makedirs(folder)
    log(f"seeding {n:,} proposals into {os.path.relpath(folder, root)} (cached for later runs)")
    started = time.monotonic()
    for args in (["migrate"], ["seed-demo"], ["seed", "--proposals", str(n), "--seed", "1"]):
        out = subprocess.run([binary, *args, "--data", folder], capture_output=True, text=True)
        if out.returncode != 0:
            raise BenchError(f"attache {' '.join(args)} failed: {out.stderr}")
    seconds = time.monotonic() - started
    with sqlite3.connect(os.path.join(folder, "attache.db")) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with open(os.path.join(folder, ".complete"), "w") as f:
        f.write(f"{n} proposals seeded in {seconds:.1f} s\n")
    log(f"seeded {n:,} proposals in {seconds:.1f} s")
    return folder, seconds


def copy_dataset(src, dst):
    """A copy of a seeded folder to be written to (cp --reflink=auto: instant where the file
    system can share blocks, a plain copy elsewhere)."""
    subprocess.run(["cp", "-a", "--reflink=auto", src, dst], check=True)


def table_stats(db_path):
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as db:
        count, lo, hi = db.execute("SELECT count(*), min(id), max(id) FROM proposals").fetchone()
        audit = db.execute("SELECT max(seq) FROM audit").fetchone()[0]
    return {"proposals": count, "min_id": lo, "max_id": hi, "audit_entries": audit}


def demo_password(root):
    """The demo logins' password, read from the demo data that defines it."""
    path = os.path.join(root, "schema/demo/organisation.json")
    with open(path, encoding="utf-8") as f:
        password = json.load(f).get("password")
    if not password:
        raise BenchError("no password in schema/demo/organisation.json")
    return password


def workflows(root):
    defs = {}
    for path in sorted(glob.glob(os.path.join(root, "schema/workflows/*.json"))):
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
        defs[d["kind"]] = d
    return defs


def pending_states(definition):
    """The states the pending-agreements board shows as columns (web/js/pages/agreements.js)."""
    return [s["id"] for s in definition["states"] if s.get("stage") == "pending" and not s.get("terminal")]


def step_users(db_path):
    """{username: (user id, set of roles)} for active users holding a role of STEP_ROLES."""
    users = {}
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as db:
        for name, uid, role in db.execute(
                "SELECT u.username, u.id, r.role FROM users u JOIN user_roles r ON r.user_id = u.id "
                "WHERE u.active = 1 ORDER BY u.id"):
            users.setdefault(name, (uid, set()))[1].add(role)
    return {n: v for n, v in users.items() if v[1] & set(STEP_ROLES)}


def approval_states(definition):
    """The states of the approval process: those placed before the first state that an
    `approve` step leads to (after it come the activity's own events: cancel, suspend, ...)."""
    order = [s["id"] for s in definition["states"]]
    targets = []
    for t in definition["transitions"]:
        if t["action"] == "approve":
            targets += [t["to"]] if isinstance(t["to"], str) else [x["state"] for x in t["to"]]
    end = min((order.index(s) for s in targets), default=len(order))
    return set(order[:end])


def step_options(defs, users):
    """{(kind, state): [(username, transition), ...]}: the approval steps these users might
    take on any unit's proposal without inputs or conditions, in the definitions' order."""
    options = {}
    for kind, d in defs.items():
        approval = approval_states(d)
        for t in d["transitions"]:
            if t.get("scope") != "any" or t.get("creator_only") or t.get("input_fields") or t.get("when"):
                continue
            if not set(t["from"]) <= approval:
                continue
            for name, (_, roles) in users.items():
                if roles & set(t["roles"]):
                    for state in t["from"]:
                        options.setdefault((kind, state), []).append((name, t))
    return options


def target_state(transition):
    to = transition["to"]
    return to if isinstance(to, str) else to[-1]["state"]


def build_plan(server, db_path, defs, sessions, users, plan_path, log):
    """Writes the write plan: every proposal in a (kind, state) where one of the users has a
    step that the server says is enabled (checked on three proposals of that state through
    GET /api/proposals/{id} as that user), shuffled. Returns (steps, {"kind/state": "user:action"}).

    sessions: {username: (index in the sessions file, cookie, csrf)}."""
    chosen = {}
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as db:
        for (kind, state), options in sorted(step_options(defs, users).items()):
            sample = [r[0] for r in db.execute(
                "SELECT id FROM proposals WHERE kind = ? AND state = ? ORDER BY id LIMIT 3",
                (kind, state))]
            if not sample:
                continue
            for name, t in options:
                cookie = sessions[name][1]
                enabled = all(
                    any(a["action"] == t["action"] and a["enabled"]
                        for a in server.get_json(f"/api/proposals/{pid}", cookie)["allowed_actions"])
                    for pid in sample)
                if enabled:
                    chosen[(kind, state)] = (name, t)
                    break
        rows = []
        for (kind, state), (name, t) in chosen.items():
            for pid, version in db.execute(
                    "SELECT id, version FROM proposals WHERE kind = ? AND state = ?", (kind, state)):
                rows.append((pid, version, t["action"], sessions[name][0], users[name][0], state,
                             target_state(t)))
    if not rows:
        raise BenchError("no proposal has a step the demo users may take: nothing to write")
    random.Random(7).shuffle(rows)
    rows = rows[:PLAN_LIMIT]
    with open(plan_path, "w") as f:
        for r in rows:
            f.write("\t".join(str(c) for c in r) + "\n")
    summary = {f"{k}/{s}": f"{n}:{t['action']}" for (k, s), (n, t) in sorted(chosen.items())}
    log(f"write plan: {len(rows):,} steps over {len(chosen)} (kind, state) pairs")
    return len(rows), summary
