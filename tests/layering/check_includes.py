#!/usr/bin/env python3
"""The floors of the house, checked by reading every include (docs/architecture.md).

The build already refuses a wrong-way include: each module's library target sees only the
headers of the modules it links (CMakeLists.txt, attache_module). This check says the same thing
with a clearer message, and adds what the build cannot see: which third-party headers each
module may use (Beast only in http/, SQLite only in store/, OpenSSL only in mail/).

usage: check_includes.py [SOURCE_DIR]    exit 0 when every include keeps to the rules, 1 if not
"""
import os
import re
import sys

# Each module and the modules it may include directly or through another (the floors below it).
BELOW = {
    "core": set(),
    "mail": {"core"},
    "http": {"core"},
    "store": {"core", "mail"},
    "service": {"core", "mail", "store"},
    "jobs": {"core", "mail", "store", "service"},
    "demo": {"core", "mail", "store", "service"},
    "api": {"core", "mail", "store", "service", "jobs", "http"},
    "cli": {"core", "mail", "store", "service", "jobs", "http", "api", "demo"},
}

# Third-party headers that belong to one floor: (include prefix, modules that may use it, why).
OWNED = [
    ("boost/", {"http"}, "Beast and Asio stay in http/ (each such file costs seconds to compile)"),
    ("sqlite3.h", {"store"}, "SQL stays in store/"),
    ("openssl/", {"mail"}, "TLS is used by the SMTP client only"),
    ("crack.h", {"service"}, "cracklib is the password policy's (service/passwords.cpp)"),
]

OUR_INCLUDE = re.compile(r'^\s*#\s*include\s*"attache/([a-z_]+)/([^"]+)"', re.M)
ANY_INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)


def module_files(root):
    """Yields (module, path) for every source and public header of every module."""
    for module in BELOW:
        for base in (os.path.join(root, "src", module), os.path.join(root, "include", "attache", module)):
            for folder, _, names in os.walk(base):
                for name in sorted(names):
                    if name.endswith((".cpp", ".h")):
                        yield module, os.path.join(folder, name)


def check(root):
    """Returns the list of faults, each one line naming the file, the line and the rule."""
    faults = []
    for folder in ("src", os.path.join("include", "attache")):
        for name in sorted(os.listdir(os.path.join(root, folder))):
            path = os.path.join(root, folder, name)
            if os.path.isdir(path) and name not in BELOW:
                faults.append("%s: a folder that is no module of the house; add it to BELOW in "
                              "tests/layering/check_includes.py and to CMakeLists.txt" % os.path.relpath(path, root))
    for module, path in module_files(root):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        rel = os.path.relpath(path, root)
        for m in OUR_INCLUDE.finditer(text):
            target = m.group(1)
            line = text.count("\n", 0, m.start()) + 1
            if target == module or target in BELOW[module]:
                continue
            if target not in BELOW:
                faults.append("%s:%d: includes attache/%s/, which is no module" % (rel, line, target))
            else:
                faults.append("%s:%d: %s/ may not include attache/%s/%s: %s is not below %s "
                              "(it may use: %s)" % (rel, line, module, target, m.group(2), target,
                                                    module, ", ".join(sorted(BELOW[module])) or "nothing of ours"))
        for m in ANY_INCLUDE.finditer(text):
            header = m.group(1)
            for prefix, owners, why in OWNED:
                if header.startswith(prefix) and module not in owners:
                    line = text.count("\n", 0, m.start()) + 1
                    faults.append("%s:%d: %s/ may not include <%s>: %s" % (rel, line, module, header, why))
    return faults


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
    faults = check(os.path.abspath(root))
    for f in faults:
        print(f)
    if faults:
        print("layering: %d include(s) against the floors of docs/architecture.md" % len(faults))
        return 1
    print("layering: every include keeps to the floors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
