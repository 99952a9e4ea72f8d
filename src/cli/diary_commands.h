#pragma once
// The diary subcommands as functions of their arguments and streams, like
// commands.h: `backplan triggers FILE.csv` and `backplan diary validate
// FILE.csv`. Each returns the exit code: 0 success, 2 invalid input (reported
// on `err`), 1 internal error.

#include <chrono>
#include <iosfwd>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace backplan::cli {

// `custom`: the client's own exposure columns, each "NAME:KIND" with KIND one
// of minutes, count, hours, scale, yes_no (docs/diary-csv-v1.md).
struct DiaryInput {
  std::string path;  // "-" = standard input
  std::vector<std::string> custom;
};

// Reads a diary CSV, runs the trigger finder and writes its report. Not
// enough data is a result (exit 0), not an error.
int RunTriggers(const DiaryInput& input, OutputFormat format, std::istream& in, std::ostream& out,
                std::ostream& err);

// Reads a diary CSV and writes the printable progress report (HTML with SVG
// plots) that a diary alone can fill: pain over time and possible triggers.
// Sessions, scores and the plan history come from the server's report.
// `today` is the report's date (the caller reads the clock).
int RunDiaryReport(const DiaryInput& input, const std::string& client_name,
                   std::chrono::sys_days today, std::istream& in, std::ostream& out,
                   std::ostream& err);

// Reads a diary CSV and only validates it: "ok", or every error on `err` as
// "line N, column C: reason".
int RunDiaryValidate(const DiaryInput& input, std::istream& in, std::ostream& out,
                     std::ostream& err);

}  // namespace backplan::cli
