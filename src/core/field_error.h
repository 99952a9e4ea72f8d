#pragma once
// A problem with one field of an input, named by its JSON-style path
// ("pain.nprs.now") so that every face (CLI, HTTP) can show the user exactly
// what to fix. Validation collects all of them instead of stopping at the first.

#include <string>
#include <vector>

namespace backplan::core {

struct FieldError {
  std::string path;    // e.g. "questionnaires.odi[3]"; "(root)" for the whole document
  std::string reason;  // e.g. "must be 0–10, got 12"
};

using FieldErrors = std::vector<FieldError>;

}  // namespace backplan::core
