-- The unique index on the audit trail's hash (0011; before it, the column's UNIQUE) goes.
-- Nothing looks an entry up by its hash, and it could never catch what it was for: each hash
-- is SHA-256 over the previous hash and the entry's canonical bytes, which hold its own seq,
-- so two equal hashes would be a SHA-256 collision. What does catch a changed or forged
-- entry is recomputing the chain (`attache verify`, GET /api/audit/verify).
-- Its cost was real: every approval step inserted a random 64-character key into it, which
-- rewrote 10 or more pages of the write-ahead log per step (measured: 18 pages per audit
-- insert with it, 3 without, at 1,000,000 proposals), and it held 400 MB at that size.
DROP INDEX audit_hash;
