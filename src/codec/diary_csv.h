#pragma once
// Diary CSV format v1 (docs/diary-csv-v1.md): CSV text ⇄ a validated
// core::Diary. A file is read whole or not at all: every problem is reported
// with its physical line and column, all at once, and no diary is returned
// unless there are none. Never throws on any input (except bad_alloc).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diary.h"

namespace backplan::codec {

// One problem in a diary file. Line and column are separate fields (rather
// than one path string) so that an API can point at the cell.
struct DiaryCsvError {
  std::size_t line = 0;           // physical line, 1-based; 0 = the file as a whole
  std::size_t column_number = 0;  // 1-based field position; 0 = the whole row or file
  std::string column;             // the header name of that field, when it has one
  std::string reason;             // e.g. "must be a whole number 0–10, got \"12\""
};

using DiaryCsvErrors = std::vector<DiaryCsvError>;

struct DiaryCsvParse {
  std::optional<core::Diary> diary;  // set only when errors is empty; sorted by date
  DiaryCsvErrors errors;
};

// Larger inputs are refused before parsing; more rows stop the reading.
inline constexpr std::size_t kMaxDiaryCsvBytes = 5 * 1024 * 1024;
inline constexpr std::size_t kMaxDiaryCsvRows = 20'000;  // days, the header not counted
// Beyond this many errors the rest are only counted, so that a wrong file
// cannot produce a huge report.
inline constexpr std::size_t kMaxDiaryCsvErrors = 200;

// `custom`: the exposures the practitioner defined for this client; their
// names are accepted as extra columns. A custom name that is not snake_case,
// repeats, or clashes with a standard column is itself reported (line 0).
DiaryCsvParse ParseDiaryCsv(std::string_view text,
                            const std::vector<core::ExposureDefinition>& custom);

// Writes the header and one row per entry, in the diary's order: every
// standard column, then the custom exposures in the order given. Expects a
// valid diary (as ParseDiaryCsv returns), and reads back identically.
// Throws std::invalid_argument when an entry has an exposure that is neither
// standard nor in `custom`: the caller passed the wrong definitions.
std::string WriteDiaryCsv(const core::Diary& diary,
                          const std::vector<core::ExposureDefinition>& custom);

// "line 12, column pain_evening: must be …", "line 12: …" or "file: …".
std::string FormatDiaryCsvError(const DiaryCsvError& error);

// The names of exposure kinds as written in definitions and on the command
// line: minutes, count, hours, scale, yes_no.
std::string_view ExposureKindName(core::ExposureKind kind);
std::optional<core::ExposureKind> ExposureKindFromName(std::string_view name);

}  // namespace backplan::codec
