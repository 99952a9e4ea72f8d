#include "codec/csv_rows.h"

#include <csv.h>

#include <string>

namespace backplan::codec {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// What the libcsv callbacks build, and where in the text the feeding is.
struct ReadState {
  const CsvReadLimits& limits;
  CsvRows result;
  CsvRow row;                       // the row being read
  bool row_too_wide = false;        // fields beyond the limit were dropped
  std::size_t line = 0;             // the physical line being fed
  std::size_t next_field_line = 0;  // where the next field starts; 0 between rows
};

void OnField(void* data, std::size_t size, void* state_ptr) {
  auto& state = *static_cast<ReadState*>(state_ptr);
  if (state.row.fields.size() >= state.limits.max_fields_per_row) {
    state.row_too_wide = true;
  } else {
    std::string text = data ? std::string(static_cast<const char*>(data), size) : std::string();
    if (state.row.fields.empty())
      state.row.line = state.next_field_line;
    state.row.fields.push_back({std::move(text), state.next_field_line});
  }
  // A field ends at a comma or a line end. After a comma the next field starts
  // on the same line; after a line end OnRowEnd resets this.
  state.next_field_line = state.line;
}

void OnRowEnd(int /*terminator*/, void* state_ptr) {
  auto& state = *static_cast<ReadState*>(state_ptr);
  state.result.rows.push_back(std::move(state.row));
  state.row = {};
  state.next_field_line = 0;
}

// libcsv skips lines holding only spaces and tabs, so such a line starts no row.
bool HasContent(std::string_view chunk) {
  return chunk.find_first_not_of(" \t\r\n") != std::string_view::npos;
}

// The next physical line, with its terminator.
std::string_view NextLine(std::string_view text, std::size_t pos) {
  std::size_t end = text.find_first_of("\r\n", pos);
  if (end == std::string_view::npos)
    return text.substr(pos);
  if (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n')
    ++end;
  return text.substr(pos, end + 1 - pos);
}

CsvReadStop Malformed(const ReadState& state, std::size_t line, std::string reason) {
  return {CsvReadStop::Kind::malformed, line, state.row.fields.size() + 1, std::move(reason)};
}

// The row over the limit is dropped: only its line is reported.
CsvReadStop TooMany(ReadState& state) {
  const std::size_t line = state.result.rows.back().line;
  state.result.rows.pop_back();
  return {CsvReadStop::Kind::too_many_rows, line, 0,
          "more than " + std::to_string(state.limits.max_rows) + " rows"};
}

// The row may have ended already; either way its truncated fields are dropped.
CsvReadStop TooWide(ReadState& state) {
  std::size_t line = state.row.line;
  if (state.row.fields.empty()) {
    line = state.result.rows.back().line;
    state.result.rows.pop_back();
  }
  return {CsvReadStop::Kind::too_many_fields, line, 0,
          "has more than " + std::to_string(state.limits.max_fields_per_row) + " fields"};
}

// Feeds every line and reports why it stopped, if it stopped early.
std::optional<CsvReadStop> Feed(csv_parser& parser, std::string_view text, ReadState& state) {
  for (std::size_t pos = 0; pos < text.size();) {
    const std::string_view chunk = NextLine(text, pos);
    pos += chunk.size();
    ++state.line;
    if (state.next_field_line == 0 && HasContent(chunk))
      state.next_field_line = state.line;
    if (csv_parse(&parser, chunk.data(), chunk.size(), OnField, OnRowEnd, &state) != chunk.size()) {
      if (csv_error(&parser) == CSV_EPARSE)
        return Malformed(state, state.line,
                         "misplaced quote: a quote may only open a field, close it, or be "
                         "doubled inside a quoted field");
      return Malformed(state, state.line, csv_strerror(csv_error(&parser)));
    }
    if (state.row_too_wide)
      return TooWide(state);
    if (state.result.rows.size() > state.limits.max_rows)
      return TooMany(state);
  }
  // The last line may lack its line end: csv_fini ends that row. With
  // CSV_STRICT_FINI it fails instead when a quoted field is still open.
  const std::size_t open_field_line = state.next_field_line;
  if (csv_fini(&parser, OnField, OnRowEnd, &state) != 0)
    return Malformed(state, open_field_line,
                     "a quoted field starting here is never closed: a quote is missing");
  if (state.row_too_wide)
    return TooWide(state);
  if (state.result.rows.size() > state.limits.max_rows)
    return TooMany(state);
  return std::nullopt;
}

bool NeedsQuotes(std::string_view field) {
  if (field.find_first_of(",\"\r\n") != std::string_view::npos)
    return true;
  // libcsv trims unquoted fields, so outer blanks survive only inside quotes.
  return !field.empty() && (field.front() == ' ' || field.front() == '\t' || field.back() == ' ' ||
                            field.back() == '\t');
}

void AppendQuoted(std::string& out, std::string_view field) {
  const std::size_t size = csv_write(nullptr, 0, field.data(), field.size());
  const std::size_t at = out.size();
  out.resize(at + size);
  csv_write(out.data() + at, size, field.data(), field.size());
}

}  // namespace

CsvRows ReadCsvRows(std::string_view text, const CsvReadLimits& limits) {
  if (text.starts_with(kByteOrderMark))
    text.remove_prefix(kByteOrderMark.size());
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
    return {{}, CsvReadStop{CsvReadStop::Kind::malformed, 0, 0, "cannot start the CSV parser"}};
  ReadState state{limits, {}, {}, false, 0, 0};
  auto stop = Feed(parser, text, state);
  csv_free(&parser);
  state.result.stop = std::move(stop);
  return std::move(state.result);
}

void AppendCsvRow(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t field_idx = 0; field_idx < fields.size(); ++field_idx) {
    if (field_idx > 0)
      out += ',';
    const std::string& field = fields[field_idx];
    // A row of one empty field would be a blank line, which is not a row.
    if (NeedsQuotes(field) || (fields.size() == 1 && field.empty()))
      AppendQuoted(out, field);
    else
      out += field;
  }
  out += '\n';
}

}  // namespace backplan::codec
