#pragma once
// `backplan serve`: the product's main job. Opens (or creates) the SQLite
// store, optionally seeds a demo clinic, and serves the API until SIGINT or
// SIGTERM, then finishes requests in flight and closes the database cleanly.

#include <cstdint>
#include <string>

namespace backplan::cli {

struct ServeOptions {
  std::string db_path = "backplan.db";
  std::string listen = "127.0.0.1:8080";
  bool demo = false;
  bool secure_cookies = false;
  unsigned threads = 0;    // 0: one per core
  bool access_log = true;  // one JSON line per request on standard error
};

int RunServe(const ServeOptions& options);

}  // namespace backplan::cli
