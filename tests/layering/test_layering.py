"""The floors of the house hold: a wrong-way include is refused by the build and by the check.

Run by CTest with ATTACHE_SOURCE (the source tree) and ATTACHE_BUILD (a configured build folder,
whose compile_commands.json gives each module's real compile line).
"""
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import check_includes  # noqa: E402

SOURCE = os.environ.get("ATTACHE_SOURCE", os.path.abspath(os.path.join(HERE, "..", "..")))
BUILD = os.environ.get("ATTACHE_BUILD", os.path.join(SOURCE, "build"))


class IncludeCheck(unittest.TestCase):
    def test_the_tree_keeps_to_the_floors(self):
        self.assertEqual(check_includes.check(SOURCE), [])

    def test_a_wrong_way_include_is_named(self):
        with tempfile.TemporaryDirectory() as tmp:
            for part in ("src", "include"):
                shutil.copytree(os.path.join(SOURCE, part), os.path.join(tmp, part))
            with open(os.path.join(tmp, "src", "core", "calendar.cpp"), "a") as f:
                f.write('\n#include "attache/store/db.h"\n')
            with open(os.path.join(tmp, "src", "service", "reports.cpp"), "a") as f:
                f.write("\n#include <boost/beast/http.hpp>\n")
            os.mkdir(os.path.join(tmp, "src", "misc"))
            faults = check_includes.check(tmp)
            self.assertEqual(len(faults), 3, faults)
            self.assertIn("src/misc: a folder that is no module", faults[0])
            self.assertRegex(faults[1], r"^src/core/calendar\.cpp:\d+: core/ may not include "
                                        r"attache/store/db\.h: store is not below core")
            self.assertRegex(faults[2], r"^src/service/reports\.cpp:\d+: service/ may not include "
                                        r"<boost/beast/http\.hpp>: Beast and Asio stay in http/")


def compile_line(commands, module):
    """The compiler and flags the build uses for a source file of `module`, minus -c/-o."""
    for c in commands:
        if "/src/%s/" % module in c["file"]:
            args = shlex.split(c["command"])
            out, skip = [], False
            for a in args:
                if skip:
                    skip = False
                elif a in ("-o", "-c", "-MF", "-MT", "-MQ"):
                    skip = True
                elif a in ("-MD", "-MMD") or a == c["file"] or a.startswith("-Winvalid-pch") \
                        or a.endswith(".gch") or a.startswith("-include") or a.endswith((".pch", "cmake_pch.hxx")):
                    continue
                else:
                    out.append(a)
            if out and "ccache" in os.path.basename(out[0]):
                out = out[1:]
            return out, c["directory"]
    raise AssertionError("no source of %s in compile_commands.json" % module)


class BuildRefuses(unittest.TestCase):
    """Each module's real compile line sees the headers of the modules below it and no other."""

    def test_each_module_sees_only_the_floors_below(self):
        path = os.path.join(BUILD, "compile_commands.json")
        if not os.path.exists(path):
            self.skipTest("no compile_commands.json in " + BUILD)
        with open(path) as f:
            commands = json.load(f)
        probe_header = {m: sorted(os.listdir(os.path.join(SOURCE, "include", "attache", m)))[0]
                        for m in check_includes.BELOW}
        checked = 0
        with tempfile.TemporaryDirectory() as tmp:
            for module, below in check_includes.BELOW.items():
                line, directory = compile_line(commands, module)
                for target, header in probe_header.items():
                    probe = os.path.join(tmp, "probe.cpp")
                    with open(probe, "w") as f:
                        f.write('#include "attache/%s/%s"\n' % (target, header))
                    r = subprocess.run(line + ["-fsyntax-only", probe], cwd=directory,
                                       capture_output=True, text=True)
                    allowed = target == module or target in below
                    if allowed:
                        self.assertEqual(r.returncode, 0, "%s/ should see attache/%s/%s:\n%s"
                                         % (module, target, header, r.stderr[-2000:]))
                    else:
                        self.assertNotEqual(r.returncode, 0, "%s/ can include attache/%s/%s, "
                                            "which is above it" % (module, target, header))
                        self.assertRegex(r.stderr, "attache/%s/%s.*(No such file|not found)"
                                         % (target, header))
                    checked += 1
        self.assertEqual(checked, len(check_includes.BELOW) ** 2)


if __name__ == "__main__":
    unittest.main()
