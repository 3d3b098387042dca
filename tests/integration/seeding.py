"""Records the HTTP API cannot create yet, written straight into a server's database.

Proposals cannot be created over HTTP on this branch, so tests insert them with sqlite3 —
while the server runs, in a BEGIN IMMEDIATE transaction like any other writer — together with
their 'create' audit entry, chained and hashed by the rule documented in core/audit_chain.h.
`attache verify` accepting the result checks that the rule here is the one the code follows.
"""
import datetime
import hashlib
import json
import os
import sqlite3


def _canonical(entry):
    # [seq, at, actor, on_behalf_of, proposal, action, from, to, comment, payload], compact,
    # UTF-8, payload keys sorted (as nlohmann::json serialises an object).
    return json.dumps(entry, separators=(",", ":"), ensure_ascii=False, sort_keys=True)


def create_proposal(data, unit="CVL", creator="lan", kind="outbound_delegation", state=None,
                    title="Đoàn công tác tại Hàn Quốc", fields=None, **columns):
    """Inserts a proposal of `kind` (the current registered version; the server registers the
    definitions when it starts) in `unit`, created by `creator`, in `state` (default: the
    definition's initial state), with its audit entry. `fields` and `columns` (starts_on,
    ends_on, country, partner_id, amount_usd, plan_item_id, due_on) are stored as given.
    Returns the proposal id."""
    db = sqlite3.connect(os.path.join(data, "attache.db"), timeout=30, isolation_level=None)
    try:
        db.execute("BEGIN IMMEDIATE")
        version, definition = db.execute(
            "SELECT version, definition FROM workflow_versions WHERE kind = ? "
            "ORDER BY version DESC LIMIT 1", (kind,)).fetchone()
        definition = json.loads(definition)
        state = state or definition["initial_state"]
        (unit_id,) = db.execute("SELECT id FROM units WHERE code = ?", (unit,)).fetchone()
        (user_id,) = db.execute("SELECT id FROM users WHERE username = ?", (creator,)).fetchone()
        last = db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev = (last[0] + 1, last[1]) if last else (1, "0" * 64)
        at = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        ref = "%s-TEST-%04d" % (definition["ref_prefix"], seq)
        cur = db.execute(
            "INSERT INTO proposals (kind, workflow_version, ref, title, unit_id, created_by, state,"
            " state_entered_at, audit_seq, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (kind, version, ref, title, unit_id, user_id, state, at, seq, at, at))
        proposal_id = cur.lastrowid
        allowed = {"starts_on", "ends_on", "country", "partner_id", "amount_usd", "plan_item_id", "due_on"}
        assert set(columns) <= allowed, columns
        for name, value in columns.items():
            db.execute("UPDATE proposals SET %s = ? WHERE id = ?" % name, (value, proposal_id))
        if fields is not None:
            db.execute("UPDATE proposals SET fields = ? WHERE id = ?",
                       (json.dumps(fields, ensure_ascii=False), proposal_id))
        payload = {"kind": kind, "ref": ref, "workflow_version": version}
        canonical = _canonical([seq, at, user_id, None, proposal_id, "create", "", state, None, payload])
        digest = hashlib.sha256((prev + canonical).encode()).hexdigest()
        db.execute(
            "INSERT INTO audit (seq, at, actor, proposal, action, from_state, to_state, payload,"
            " prev_hash, hash) VALUES (?, ?, ?, ?, 'create', '', ?, ?, ?, ?)",
            (seq, at, user_id, proposal_id, state, json.dumps(payload, ensure_ascii=False, sort_keys=True),
             prev, digest))
        db.execute("COMMIT")
        return proposal_id
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    finally:
        db.close()
