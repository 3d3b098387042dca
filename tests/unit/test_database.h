// A migrated database in a fresh temporary folder, for tests that need the real store. The
// folder is named after the test file, the process and a counter, so tests running at once do
// not meet; it is removed, database closed first, when the object goes.
#pragma once

#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>
#include <string>

#include "attache/store/database.h"

namespace attache::testing {

class TempDatabase {
 public:
  explicit TempDatabase(const std::string& name) {
    static std::atomic<int> counter{0};
    dir = std::filesystem::temp_directory_path() /
          ("attache-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    REQUIRE(store::Database::Open(dir / "a.db",
                                  std::filesystem::path(ATTACHE_SOURCE_DIR) / "schema/migrations",
                                  &database)
                .ok());
  }
  ~TempDatabase() {
    database.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
  TempDatabase(const TempDatabase&) = delete;
  TempDatabase& operator=(const TempDatabase&) = delete;

  std::filesystem::path dir;
  std::unique_ptr<store::Database> database;
};

}  // namespace attache::testing
