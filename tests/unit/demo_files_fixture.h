// A copy of the shipped demo data (schema/demo/) in a temporary folder, with the real workflow
// definitions registered in a scratch database, for the demo data tests to load and to break.
#pragma once

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "attache/demo/demo_files.h"
#include "attache/service/workflows.h"
#include "attache/store/database.h"
#include "test_files.h"

namespace attache::testing {

namespace fs = std::filesystem;

struct DemoFilesFixture {
  DemoFilesFixture() {
    dir = fs::temp_directory_path() /
          ("attache-demo-files-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(dir);
    fs::create_directories(dir);
    REQUIRE(store::Database::Open(dir / "a.db", fs::path(ATTACHE_SOURCE_DIR) / "schema/migrations",
                                  &database)
                .ok());
    REQUIRE(service::Workflows::Open(fs::path(ATTACHE_SOURCE_DIR) / "schema/workflows",
                                     database->writer(), &workflows)
                .ok());
    fs::copy(fs::path(ATTACHE_SOURCE_DIR) / "schema/demo", demo(), fs::copy_options::recursive);
  }
  ~DemoFilesFixture() {
    workflows.reset();
    database.reset();
    fs::remove_all(dir);
  }

  fs::path demo() const { return dir / "demo"; }

  Status Load(demo::DemoData* out) const { return demo::LoadDemoData(demo(), *workflows, out); }

  // Rewrites the demo file `name` (relative to demo()) as `change` leaves its JSON.
  void Edit(const std::string& name, const std::function<void(nlohmann::json&)>& change) const {
    nlohmann::json j = nlohmann::json::parse(ReadFile(demo() / name));
    change(j);
    Write(name, j.dump(2));
  }
  void Write(const std::string& name, const std::string& text) const {
    std::ofstream(demo() / name, std::ios::binary | std::ios::trunc) << text;
  }

  inline static int counter = 0;
  fs::path dir;
  std::unique_ptr<store::Database> database;
  std::unique_ptr<service::Workflows> workflows;
};

}  // namespace attache::testing
