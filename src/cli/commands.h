#pragma once
// The `backplan` subcommands as functions of their arguments and streams, so
// that tests can run them without a process. Each returns the exit code:
// 0 success, 2 invalid input (reported on `err`), 1 internal error.

#include <iosfwd>
#include <string>

namespace backplan::cli {

enum class OutputFormat { json, text };

// Reads an intake from `path` ("-" = `in`), assesses it and writes the result.
int RunAssess(const std::string& path, OutputFormat format, std::istream& in, std::ostream& out,
              std::ostream& err);

// Reads an intake and only validates it: "ok" or every error, one per line.
int RunValidate(const std::string& path, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace backplan::cli
