// The route table of the whole API, in one visible place (src/app/routes.cpp).
#pragma once

#include "attache/http/router.h"
#include "attache/http/static_files.h"
#include "attache/store/database.h"

namespace attache::app {

// Everything a handler may use. Outlives the router built from it.
struct AppContext {
  store::Database& database;
  http::StaticFiles& static_files;
};

http::Router BuildRouter(AppContext& context);

}  // namespace attache::app
