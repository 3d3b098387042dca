// The attache command line: serve, migrate, unit, user, token, seed-demo, seed, verify, backup,
// restore, workflows, routes, version.
#pragma once

#include <string>
#include <vector>

namespace attache::cli {

// Runs the command in `args` (without the program name). Returns the process exit code:
// 0 success, 1 the command failed, 2 bad usage or configuration.
int Main(const std::vector<std::string>& args);

}  // namespace attache::cli
