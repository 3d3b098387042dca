"""GET /metrics against the real binary: Prometheus text format 0.0.4, checked by a small
parser here (and by `promtool check metrics` when Debian's prometheus package is installed);
counters grow with the requests made, histograms are cumulative and agree with their counts,
labels carry route patterns and never raw paths, titles or names; only loopback clients that
did not come through a proxy may scrape."""
import math
import os
import re
import shutil
import subprocess
import time
import unittest

from fixtures import DemoServerTest
from harness import request
from test_idempotency import new_proposal

NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
SAMPLE = re.compile(r"^(%s)(?:\{(.*)\})? (\S+)$" % NAME)
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(,|$)')
SUFFIXES = {"histogram": ("_bucket", "_sum", "_count"), "counter": ("",), "gauge": ("",)}


def parse(text):
    """Parses the exposition text strictly; returns ({family: type}, {(name, labels): value}).
    Raises AssertionError naming the first line that breaks the format."""
    types, helps, samples = {}, set(), {}
    current = None
    assert text.endswith("\n"), "the text must end with a line feed"
    for n, line in enumerate(text[:-1].split("\n"), 1):
        if line.startswith("# HELP "):
            name = line.split(" ")[2]
            assert re.fullmatch(NAME, name) and name not in helps, (n, line)
            helps.add(name)
            continue
        if line.startswith("# TYPE "):
            _, _, name, kind = line.split(" ")
            assert name not in types and kind in SUFFIXES, (n, line)
            assert name in helps, ("HELP before TYPE", n, line)
            types[name] = kind
            current = name
            continue
        assert not line.startswith("#") and line, (n, line)
        m = SAMPLE.match(line)
        assert m, (n, line)
        name, label_text, value = m.groups()
        assert current and any(name == current + s for s in SUFFIXES[types[current]]), \
            ("sample outside its family", n, line)
        labels = []
        rest = label_text or ""
        while rest:
            lm = LABEL.match(rest)
            assert lm, ("bad labels", n, line)
            labels.append((lm.group(1), lm.group(2)))
            rest = rest[lm.end():]
        assert len({k for k, _ in labels}) == len(labels), ("repeated label", n, line)
        key = (name, tuple(labels))
        assert key not in samples, ("repeated sample", n, line)
        samples[key] = float(value)
    return types, samples


def check_histograms(types, samples):
    """Every histogram: buckets in increasing le, counts non-decreasing, +Inf equal to _count."""
    checked = 0
    for family, kind in types.items():
        if kind != "histogram":
            continue
        series = {}
        for (name, labels), value in samples.items():
            if name == family + "_bucket":
                rest = tuple(l for l in labels if l[0] != "le")
                le = dict(labels)["le"]
                series.setdefault(rest, []).append((math.inf if le == "+Inf" else float(le), value))
        for rest, buckets in series.items():
            bounds = [b for b, _ in buckets]
            counts = [c for _, c in buckets]
            assert bounds == sorted(bounds) and bounds[-1] == math.inf, (family, rest)
            assert counts == sorted(counts), ("buckets not cumulative", family, rest, counts)
            assert counts[-1] == samples[(family + "_count", rest)], (family, rest)
            assert samples[(family + "_sum", rest)] >= 0
            checked += 1
    return checked


class Metrics(DemoServerTest):
    def scrape(self):
        r = request(self.server, "GET", "/metrics")
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual(r.headers["content-type"], "text/plain; version=0.0.4; charset=utf-8")
        text = r.body.decode("utf-8")
        types, samples = parse(text)
        self.assertGreater(check_histograms(types, samples), 0)
        return text, types, samples

    def test_counters_grow_with_requests(self):
        _, types, before = self.scrape()
        self.assertEqual(types["attache_http_requests_total"], "counter")
        self.assertEqual(types["attache_http_request_duration_seconds"], "histogram")
        self.assertEqual(types["attache_writer_commit_duration_seconds"], "histogram")
        title = "Đoàn khảo sát bí mật %s" % os.urandom(3).hex()
        created = self.api.call("lan", "POST", "/api/proposals", new_proposal(title))
        self.assertEqual(created.status, 201)
        pid = created.json()["id"]
        for _ in range(3):
            self.assertEqual(self.api.call("lan", "GET", "/api/proposals/%d" % pid).status, 200)
        self.assertEqual(self.api.call("lan", "GET", "/api/proposals/987654").status, 404)
        self.assertEqual(self.api.call("lan", "GET", "/api/no-such-thing").status, 404)

        def delta(name, **labels):
            key = (name, tuple(labels.items()))
            return after.get(key, 0) - before.get(key, 0)

        # A request is counted once its answer is written, which is a moment after the client
        # has read it: on a slow machine (the sanitizer build) the last one may not be counted
        # yet when /metrics is asked. Ask again, briefly, until it is.
        deadline = time.monotonic() + 5
        while True:
            text, _, after = self.scrape()
            counted = (delta("attache_http_requests_total", method="GET", route="/api/proposals/{id}",
                             status="200") >= 3 and
                       delta("attache_http_requests_total", method="GET", route="/api/proposals/{id}",
                             status="404") >= 1 and
                       delta("attache_http_requests_total", method="GET", route="none", status="404") >= 1)
            if counted or time.monotonic() > deadline:
                break
            time.sleep(0.05)

        requests = "attache_http_requests_total"
        self.assertEqual(delta(requests, method="POST", route="/api/proposals", status="201"), 1)
        self.assertEqual(delta(requests, method="GET", route="/api/proposals/{id}", status="200"), 3)
        self.assertEqual(delta(requests, method="GET", route="/api/proposals/{id}", status="404"), 1)
        self.assertGreaterEqual(delta(requests, method="GET", route="none", status="404"), 1)
        self.assertEqual(delta("attache_http_request_duration_seconds_count", method="GET",
                               route="/api/proposals/{id}", status="200"), 3)
        self.assertEqual(delta("attache_proposals", kind="outbound_delegation", state="draft"), 1)
        self.assertGreaterEqual(delta("attache_writer_batches_total"), 1)
        self.assertGreaterEqual(delta("attache_writer_writes_total"), 1)
        self.assertGreaterEqual(delta("attache_writer_commit_duration_seconds_count"), 1)
        self.assertGreaterEqual(delta("attache_audit_entries"), 1)
        self.assertGreaterEqual(after[("attache_http_open_connections", ())], 1)
        self.assertGreaterEqual(after[("attache_writer_queue_depth", ())], 0)
        # Route patterns only: no ids, titles, user names or raw paths.
        for leak in (title, "/api/proposals/%d" % pid, "987654", "no-such-thing", "lan\"",
                     "Nguyễn", "attache-demo"):
            self.assertNotIn(leak, text)

    def test_every_state_of_every_kind_is_listed(self):
        _, _, samples = self.scrape()
        kinds = {dict(labels)["kind"] for name, labels in samples if name == "attache_proposals"}
        self.assertEqual(kinds, {"outbound_delegation", "inbound_visit", "conference", "aid", "agreement"})

    def test_promtool_accepts_the_text(self):
        promtool = shutil.which("promtool")
        if not promtool:
            self.skipTest("promtool is not installed (Debian package prometheus)")
        self.api.call("lan", "GET", "/api/me")
        text, _, _ = self.scrape()
        r = subprocess.run([promtool, "check", "metrics"], input=text, capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual((r.stdout + r.stderr).strip(), "")

    def test_only_this_machine_may_scrape(self):
        for header in ("X-Forwarded-For", "Forwarded", "X-Real-IP", "X-Forwarded-Proto"):
            with self.subTest(header=header):
                r = request(self.server, "GET", "/metrics", headers={header: "203.0.113.9"})
                self.assertEqual(r.status, 403)
                self.assertNotIn(b"attache_", r.body)
        self.assertEqual(request(self.server, "POST", "/metrics", body=b"").status, 405)


class Parser(unittest.TestCase):
    """The checker itself refuses what it should."""

    def test_refuses_broken_text(self):
        good = ("# HELP h_seconds x\n# TYPE h_seconds histogram\n"
                "h_seconds_bucket{le=\"0.1\"} 1\nh_seconds_bucket{le=\"+Inf\"} 2\n"
                "h_seconds_sum 0.3\nh_seconds_count 2\n")
        types, samples = parse(good)
        self.assertEqual(check_histograms(types, samples), 1)
        for bad in (good.replace("} 1\n", "} 3\n"),              # not cumulative
                    good.replace("count 2", "count 5"),           # +Inf differs from _count
                    good.replace("# TYPE h_seconds histogram\n", ""),  # no TYPE
                    good.replace('le="0.1"', 'le=0.1'),           # unquoted label
                    good[:-1]):                                   # no final line feed
            with self.subTest(bad=bad):
                with self.assertRaises(AssertionError):
                    check_histograms(*parse(bad))


if __name__ == "__main__":
    unittest.main()
