-- Indexes so that every filter of GET /api/proposals reads its page in the order asked for
-- instead of collecting every matching row and sorting them (tests/unit/store_list_plan_test.cpp
-- checks the plan of every filter and sort). Each index ends with the rowid (the id), which
-- is the list's tie-break, so keyset pages continue inside the index.
-- One kind, newest first (the kind filter alone used proposals_kind_starts and sorted).
CREATE INDEX proposals_kind_updated ON proposals (kind, updated_at);
-- A country's or a partner's activities, newest first.
CREATE INDEX proposals_country_updated ON proposals (country, updated_at);
CREATE INDEX proposals_partner_updated ON proposals (partner_id, updated_at);
-- A unit's staff see only their unit, so each sort of the list exists per unit as well
-- (updated_at: proposals_unit, 0003).
CREATE INDEX proposals_unit_created ON proposals (unit_id, created_at);
CREATE INDEX proposals_unit_due ON proposals (unit_id, coalesce(due_on, '9999-12-31'));
CREATE INDEX proposals_unit_ref ON proposals (unit_id, ref);
-- The pending-agreements board: one step's agreements, the most urgent first.
CREATE INDEX proposals_kind_state_due ON proposals (kind, state, coalesce(due_on, '9999-12-31'));
