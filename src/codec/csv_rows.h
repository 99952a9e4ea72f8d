#pragma once
// CSV text ⇄ rows of fields, through libcsv (strict RFC 4180 mode), with the
// physical line on which every field starts. The parser itself does not know
// positions, so the text is fed to it one physical line at a time; a quoted
// field may span several lines and is still placed on the line it starts on.
// Knows nothing about diaries. Never throws on any input (except bad_alloc).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace backplan::codec {

struct CsvField {
  std::string text;      // unquoted; unquoted fields have outer spaces and tabs removed
  std::size_t line = 0;  // 1-based physical line where the field starts
};

struct CsvRow {
  std::size_t line = 0;  // physical line of the first field
  std::vector<CsvField> fields;
};

// Why reading stopped early. The rows before it are still returned, so that a
// caller can report their problems too.
struct CsvReadStop {
  enum class Kind { malformed, too_many_rows, too_many_fields };
  Kind kind = Kind::malformed;
  std::size_t line = 0;           // physical line, 1-based
  std::size_t column_number = 0;  // 1-based field position in its row; 0 = the whole row
  std::string reason;
};

struct CsvReadLimits {
  std::size_t max_rows = 0;            // reading stops at the row after these
  std::size_t max_fields_per_row = 0;  // so that a line of commas cannot exhaust memory
};

struct CsvRows {
  std::vector<CsvRow> rows;  // in file order; blank lines are not rows
  std::optional<CsvReadStop> stop;
};

// A line ends at LF, CRLF or a lone CR (the ends libcsv accepts), so CRLF
// files count lines as an editor does. A leading UTF-8 byte order mark is
// skipped.
CsvRows ReadCsvRows(std::string_view text, const CsvReadLimits& limits);

// Appends one row ending in "\n". A field is quoted (by libcsv's writer) only
// when it would not read back unchanged otherwise: it holds a comma, quote or
// line break, or starts or ends with a space or tab.
void AppendCsvRow(std::string& out, const std::vector<std::string>& fields);

}  // namespace backplan::codec
