// `attache backup FILE` and `attache restore FILE`: the command line around store/backup.h.
#pragma once

#include <string>
#include <vector>

namespace attache::app {

// Each takes the arguments after the command's name and returns the process exit code: 0 done,
// 1 refused or failed (the reason on standard error), 2 bad usage.
int BackupCommand(const std::vector<std::string>& args);
int RestoreCommand(const std::vector<std::string>& args);

}  // namespace attache::app
