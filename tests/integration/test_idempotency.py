"""Idempotency-Key on POST against the real binary: a repeat replays the first answer byte for
byte with no second effect, another request under the same key is 422, keys are per user, the
answer survives a restart, and parallel repeats make exactly one effect. (Expiry after 24 hours
needs a clock the test controls: tests/unit/app_idempotency_test.cpp.)"""
import json
import os
import shutil
import tempfile
import threading
import unittest

import uploads
from fixtures import Api, DemoServerTest, demo_data
from harness import Server, request

OUTBOUND = {"depart_on": "2027-03-01", "return_on": "2027-03-08", "destination_countries": ["KR"],
            "purpose": "Làm việc với Bộ Việc làm và Lao động Hàn Quốc"}
_keys = iter(range(10**6))


def fresh_key():
    return "test-key-%d-%s" % (next(_keys), os.urandom(4).hex())


def new_proposal(title):
    return {"kind": "outbound_delegation", "title": title, "fields": OUTBOUND}


class IdempotencyKeys(DemoServerTest):

    def assertSameAnswer(self, first, again):
        self.assertEqual(again.status, first.status)
        self.assertEqual(again.body, first.body)
        for header in ("location", "etag", "content-type", "cache-control"):
            self.assertEqual(again.headers.get(header), first.headers.get(header), header)
        self.assertNotIn("idempotent-replayed", first.headers)
        self.assertEqual(again.headers.get("idempotent-replayed"), "true")

    def test_same_key_and_body_replays_the_answer_and_creates_one_proposal(self):
        before = self.api.proposal_ids()
        key = fresh_key()
        first = self.api.call("lan", "POST", "/api/proposals", new_proposal("Đoàn đi Hàn Quốc"), key=key)
        self.assertEqual(first.status, 201, first.body)
        again = self.api.call("lan", "POST", "/api/proposals", new_proposal("Đoàn đi Hàn Quốc"), key=key)
        self.assertSameAnswer(first, again)
        self.assertEqual(self.api.proposal_ids() - before, {first.json()["id"]})
        # Without a key the same request is a new proposal, as ever.
        other = self.api.call("lan", "POST", "/api/proposals", new_proposal("Đoàn đi Hàn Quốc"))
        self.assertEqual(other.status, 201)
        self.assertNotEqual(other.json()["id"], first.json()["id"])

    def test_same_key_with_another_request_is_422(self):
        key = fresh_key()
        first = self.api.call("lan", "POST", "/api/proposals", new_proposal("Đoàn A"), key=key)
        self.assertEqual(first.status, 201)
        before = self.api.proposal_ids()
        for path, body in (("/api/proposals", new_proposal("Đoàn B")),
                           ("/api/proposals/%d/comments" % first.json()["id"], {"body": "Ý kiến"})):
            with self.subTest(path=path):
                r = self.api.call("lan", "POST", path, body, key=key)
                self.assertEqual(r.status, 422, r.body)
                self.assertEqual(r.headers["content-type"], "application/problem+json; charset=utf-8")
                self.assertEqual([e["field"] for e in r.json()["errors"]], ["Idempotency-Key"])
        self.assertEqual(self.api.proposal_ids(), before)
        comments = self.api.call("lan", "GET", "/api/proposals/%d/comments" % first.json()["id"]).json()
        self.assertEqual(comments, [])

    def test_keys_are_per_user(self):
        key = fresh_key()
        body = new_proposal("Đoàn cùng khoá")
        mine = self.api.call("lan", "POST", "/api/proposals", body, key=key)
        theirs = self.api.call("hung", "POST", "/api/proposals", body, key=key)
        self.assertEqual(mine.status, 201)
        self.assertEqual(theirs.status, 201, theirs.body)
        self.assertNotIn("idempotent-replayed", theirs.headers)
        self.assertNotEqual(mine.json()["id"], theirs.json()["id"])
        self.assertNotEqual(theirs.json()["created_by"], mine.json()["created_by"])

    def test_an_action_is_replayed_without_a_second_audit_entry(self):
        created = self.api.call("lan", "POST", "/api/proposals", new_proposal("Đoàn sẽ rút"))
        pid = created.json()["id"]
        key = fresh_key()
        step = {"action": "withdraw", "comment": "Không còn cần thiết", "expected_version": 1}
        first = self.api.call("lan", "POST", "/api/proposals/%d/actions" % pid, step, key=key)
        self.assertEqual(first.status, 200, first.body)
        self.assertEqual(first.json()["state"], "withdrawn")
        again = self.api.call("lan", "POST", "/api/proposals/%d/actions" % pid, step, key=key)
        self.assertSameAnswer(first, again)
        history = self.api.call("lan", "GET", "/api/proposals/%d/history" % pid).json()
        self.assertEqual([e["action"] for e in history], ["create", "withdraw"])
        # The same step without the key is a new request, refused as stale.
        self.assertEqual(self.api.call("lan", "POST", "/api/proposals/%d/actions" % pid, step).status, 409)

    def test_a_refusal_is_replayed_too(self):
        key = fresh_key()
        bad = {"kind": "no_such_kind", "title": "Sai loại"}
        first = self.api.call("lan", "POST", "/api/proposals", bad, key=key)
        self.assertEqual(first.status, 422, first.body)
        again = self.api.call("lan", "POST", "/api/proposals", bad, key=key)
        self.assertSameAnswer(first, again)

    def test_a_malformed_key_is_400(self):
        before = self.api.proposal_ids()
        for key in ("", "x" * 256, "có dấu".encode().decode("latin-1"), "two words"):
            with self.subTest(key=key[:20]):
                r = self.api.call("lan", "POST", "/api/proposals", new_proposal("Khoá sai"), key=key)
                self.assertEqual(r.status, 400, r.body)
                self.assertEqual(r.headers["content-type"], "application/problem+json; charset=utf-8")
        self.assertEqual(self.api.proposal_ids(), before)
        longest = "~" * 200 + "!" + os.urandom(27).hex()[:54]
        self.assertEqual(len(longest), 255)
        self.assertEqual(self.api.call("lan", "POST", "/api/proposals", new_proposal("Khoá dài"),
                                       key=longest).status, 201)

    def test_parallel_repeats_make_one_effect(self):
        before = self.api.proposal_ids()
        key = fresh_key()
        body = new_proposal("Đoàn gửi mười lần")
        self.api.login("lan")
        barrier = threading.Barrier(10)
        answers = [None] * 10

        def send(i):
            barrier.wait()
            answers[i] = self.api.call("lan", "POST", "/api/proposals", body, key=key)

        threads = [threading.Thread(target=send, args=(i,)) for i in range(10)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        statuses = sorted(a.status for a in answers)
        self.assertTrue(set(statuses) <= {201, 409}, statuses)
        created = [a for a in answers if a.status == 201]
        self.assertGreaterEqual(len(created), 1)
        self.assertEqual({a.body for a in created}, {created[0].body})
        for a in answers:
            if a.status == 409:
                self.assertIn("retry-after", a.headers)
        self.assertEqual(len(self.api.proposal_ids() - before), 1)
        # Once settled, the key replays.
        self.assertSameAnswer(next(a for a in created if "idempotent-replayed" not in a.headers),
                              self.api.call("lan", "POST", "/api/proposals", body, key=key))

    def test_an_upload_is_replayed_once_stored(self):
        pid = self.api.call("lan", "POST", "/api/proposals", new_proposal("Đoàn có tài liệu")).json()["id"]
        form, content_type = uploads.document_form("programme", uploads.pdf("chương trình"),
                                                   filename="Chương trình.pdf")
        key = fresh_key()
        path = "/api/proposals/%d/documents" % pid
        first = self.api.call("lan", "POST", path, raw=form, key=key, headers={"Content-Type": content_type})
        self.assertEqual(first.status, 201, first.body)
        again = self.api.call("lan", "POST", path, raw=form, key=key, headers={"Content-Type": content_type})
        self.assertSameAnswer(first, again)
        self.assertEqual(len(self.api.call("lan", "GET", path).json()), 1)

    def test_get_and_patch_ignore_the_header(self):
        pid = self.api.call("lan", "POST", "/api/proposals", new_proposal("Đoàn để sửa")).json()["id"]
        key = fresh_key()
        r = self.api.call("lan", "PATCH", "/api/proposals/%d" % pid, {"title": "Sửa lần một"}, key=key,
                          headers={"If-Match": '"1"'})
        self.assertEqual(r.status, 200)
        self.assertNotIn("idempotent-replayed", r.headers)
        r = self.api.call("lan", "PATCH", "/api/proposals/%d" % pid, {"title": "Sửa lần một"}, key=key,
                          headers={"If-Match": '"1"'})
        self.assertEqual(r.status, 412)


class AcrossRestarts(unittest.TestCase):
    def test_the_answer_survives_a_restart(self):
        tmp = tempfile.mkdtemp(prefix="attache-idem-")
        data = os.path.join(tmp, "data")
        try:
            demo_data(data)
            key = fresh_key()
            body = new_proposal("Đoàn trước khi khởi động lại")
            with Server(data=data) as server:
                api = Api(server)
                first = api.call("lan", "POST", "/api/proposals", body, key=key)
                self.assertEqual(first.status, 201, first.body)
            with Server(data=data) as server:
                api = Api(server)
                before = api.proposal_ids()
                again = api.call("lan", "POST", "/api/proposals", body, key=key)
                self.assertEqual(again.status, 201)
                self.assertEqual(again.body, first.body)
                self.assertEqual(again.headers["location"], first.headers["location"])
                self.assertEqual(again.headers.get("idempotent-replayed"), "true")
                self.assertEqual(api.proposal_ids(), before)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
