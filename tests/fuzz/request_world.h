// The application the request fuzz target talks to: the real route table (api/routes.cpp) over
// an AppContext on a data folder in /dev/shm (so commits cost no disk sync) loaded with the demo
// data, and a few logged-in callers whose sessions and API tokens are fixed strings the seed
// corpus uses. Built once per process; inputs then change its state as requests would.
// Thread-safety: one fuzzing thread calls Router().Handle and KeepCallersUsable; the writer
// runs on its own thread as in the server.
#pragma once

#include <string>
#include <vector>

#include "attache/http/router.h"

namespace attache::fuzz {

// A caller the seeds can act as: `Cookie: attache_session=<session>` with
// `X-CSRF-Token: <csrf>`, or `Authorization: Bearer <bearer>`.
struct Caller {
  std::string username;  // a demo user (demo/demo.cpp)
  std::string session;
  std::string csrf;
  std::string bearer;
};

// The fixed callers: fuzz-<username> sessions, csrf-<username>, bearer-<username>.
const std::vector<Caller>& Callers();

// Builds the application on first use (demo data, callers), and removes its data folder at
// exit. Aborts with a message when any of it fails: the target cannot run without it.
const http::Router& Router();

// The folder uploads are streamed to before the router sees them (the server's data/tmp).
const std::string& UploadDir();

// Inputs may log the callers out, disable them or change their roles or unit; this puts them
// back as they were (one query when nothing changed), so later inputs still reach the
// authenticated routes.
void KeepCallersUsable();

}  // namespace attache::fuzz
