#include "codec/diary_csv.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "codec/csv_rows.h"
#include "codec/diary_csv_cells.h"

namespace backplan::codec {
namespace {

using core::DiaryEntry;
using core::ExposureDefinition;
using core::ExposureKind;
namespace cells = diary_cells;

// What a column holds, and so how its cells are read and written.
enum class ColumnRole { date, pain, exposure, home_program, note };

struct Column {
  std::string name;
  ColumnRole role;
  std::optional<int> DiaryEntry::*pain = nullptr;  // for ColumnRole::pain
  ExposureKind kind = ExposureKind::count;         // for ColumnRole::exposure
};

constexpr std::size_t kMaxColumnNameBytes = 64;

// Collects errors up to the cap and counts the rest.
class ErrorList {
 public:
  void Add(std::size_t line, std::size_t column_number, std::string column, std::string reason) {
    if (errors_.size() < kMaxDiaryCsvErrors)
      errors_.push_back({line, column_number, std::move(column), std::move(reason)});
    else
      ++not_shown_;
  }
  bool empty() const { return errors_.empty(); }
  DiaryCsvErrors Take() && {
    if (not_shown_ > 0)
      errors_.push_back({0, 0, "", fmt::format("{} more errors not shown", not_shown_)});
    return std::move(errors_);
  }

 private:
  DiaryCsvErrors errors_;
  std::size_t not_shown_ = 0;
};

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return out;
}

bool IsSnakeCase(std::string_view name) {
  return !name.empty() && name.size() <= kMaxColumnNameBytes && name[0] >= 'a' && name[0] <= 'z' &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
         });
}

const Column* Find(const std::vector<Column>& columns, std::string_view name) {
  for (const auto& column : columns)
    if (column.name == name)
      return &column;
  return nullptr;
}

// The columns every file may have, in the order a written file has them,
// except the custom exposures (which go before home_program_done and note).
std::vector<Column> StandardColumns() {
  std::vector<Column> columns = {
      {"date", ColumnRole::date},
      {"pain_morning", ColumnRole::pain, &DiaryEntry::pain_morning},
      {"pain_evening", ColumnRole::pain, &DiaryEntry::pain_evening},
      {"leg_pain", ColumnRole::pain, &DiaryEntry::leg_pain},
  };
  for (const auto& exposure : core::StandardExposures())
    columns.push_back({exposure.name, ColumnRole::exposure, nullptr, exposure.kind});
  return columns;
}

// Every column a file for this client may have, in written order. A custom
// definition that cannot be a column is reported and left out.
std::vector<Column> KnownColumns(const std::vector<ExposureDefinition>& custom, ErrorList& errors) {
  std::vector<Column> columns = StandardColumns();
  std::vector<Column> custom_columns;
  const std::vector<Column> trailing = {{"home_program_done", ColumnRole::home_program},
                                        {"note", ColumnRole::note}};
  const auto standard = [&](std::string_view name) {
    return Find(columns, name) != nullptr || Find(trailing, name) != nullptr;
  };
  std::set<std::string_view> custom_names;
  for (const auto& exposure : custom) {
    const std::string shown = cells::Shown(exposure.name);
    if (!IsSnakeCase(exposure.name))
      errors.Add(0, 0, "", "custom exposure " + shown + " must be a snake_case name (a-z, 0-9, _)");
    else if (standard(exposure.name))
      errors.Add(0, 0, "", "custom exposure " + shown + " has the name of a standard column");
    else if (!custom_names.insert(exposure.name).second)
      errors.Add(0, 0, "", "custom exposure " + shown + " is defined twice");
    else
      custom_columns.push_back({exposure.name, ColumnRole::exposure, nullptr, exposure.kind});
  }
  columns.insert(columns.end(), custom_columns.begin(), custom_columns.end());
  columns.insert(columns.end(), trailing.begin(), trailing.end());
  return columns;
}

// The header row → the column of each field position (null for a field that
// is reported and then ignored). Returns nullopt when rows cannot be read at
// all: without a date column no row can be placed.
std::optional<std::vector<const Column*>> ReadHeader(const CsvRow& header,
                                                     const std::vector<Column>& known,
                                                     ErrorList& errors) {
  // One clear error rather than one "unknown column" per date and number.
  if (cells::ReadDate(header.fields.front().text).value) {
    errors.Add(header.line, 0, "",
               "the first line must be the header naming the columns (date, pain_morning, …); "
               "this one looks like a day's data");
    return std::nullopt;
  }
  std::vector<const Column*> layout;
  std::map<std::string_view, std::size_t> seen;  // name → column number
  for (std::size_t field_idx = 0; field_idx < header.fields.size(); ++field_idx) {
    const CsvField& field = header.fields[field_idx];
    const std::size_t number = field_idx + 1;
    const Column* column = Find(known, field.text);
    layout.push_back(nullptr);
    if (field.text.empty()) {
      errors.Add(field.line, number, "", "the header names no column here");
    } else if (!column) {
      std::string reason = "unknown column " + cells::Shown(field.text) +
                           ": not a diary column nor one of this client's exposures";
      if (const std::string lower = Lower(field.text); Find(known, lower))
        reason += " (names are lower case: did you mean \"" + lower + "\"?)";
      errors.Add(field.line, number, "", std::move(reason));
    } else if (auto [at, inserted] = seen.emplace(column->name, number); !inserted) {
      errors.Add(field.line, number, column->name,
                 fmt::format("the column appears twice (first as column {})", at->second));
    } else {
      layout.back() = column;
    }
  }
  if (seen.contains("date"))
    return layout;
  errors.Add(header.line, 0, "", "the header has no date column");
  return std::nullopt;
}

bool AllEmpty(const CsvRow& row) {
  return std::all_of(row.fields.begin(), row.fields.end(),
                     [](const CsvField& f) { return f.text.empty(); });
}

// Reads one cell into `entry`; returns the reason when it is not acceptable.
std::string ReadCell(const Column& column, const std::string& text, DiaryEntry& entry) {
  switch (column.role) {
    case ColumnRole::date: {
      auto read = cells::ReadDate(text);
      if (read.value)
        entry.date = *read.value;
      return read.error;
    }
    case ColumnRole::pain: {
      auto read = cells::ReadPain(text);
      entry.*column.pain = read.value;
      return read.error;
    }
    case ColumnRole::exposure: {
      auto read = cells::ReadExposure(text, column.kind);
      if (read.value)
        entry.exposures[column.name] = *read.value;
      return read.error;
    }
    case ColumnRole::home_program: {
      auto read = cells::ReadHomeProgram(text);
      if (read.value)
        entry.home_program_done = std::move(*read.value);
      return read.error;
    }
    case ColumnRole::note: {
      auto read = cells::ReadNote(text);
      if (read.value)
        entry.note = std::move(*read.value);
      return read.error;
    }
  }
  return "has a column role this version cannot read";
}

// Reads the data rows; an entry joins the diary only when its row is clean.
core::Diary ReadEntries(const std::vector<CsvRow>& rows, const std::vector<const Column*>& layout,
                        ErrorList& errors) {
  core::Diary diary;
  std::map<std::chrono::sys_days, std::size_t> date_lines;
  for (std::size_t row_idx = 1; row_idx < rows.size(); ++row_idx) {
    const CsvRow& row = rows[row_idx];
    if (AllEmpty(row))
      continue;  // spreadsheets leave rows of bare commas below the data
    if (row.fields.size() != layout.size()) {
      errors.Add(row.line, 0, "",
                 fmt::format("has {} fields, but the header has {} columns", row.fields.size(),
                             layout.size()));
      continue;
    }
    DiaryEntry entry;
    bool clean = true;
    for (std::size_t field_idx = 0; field_idx < layout.size(); ++field_idx) {
      const Column* column = layout[field_idx];
      if (!column)
        continue;
      const CsvField& field = row.fields[field_idx];
      std::string error = ReadCell(*column, field.text, entry);
      if (error.empty() && column->role == ColumnRole::date) {
        auto [at, inserted] = date_lines.emplace(entry.date, field.line);
        if (!inserted)
          error = fmt::format("the date {} is already on line {}", cells::DateText(entry.date),
                              at->second);
      }
      if (!error.empty()) {
        errors.Add(field.line, field_idx + 1, column->name, std::move(error));
        clean = false;
      }
    }
    if (clean)
      diary.push_back(std::move(entry));
  }
  return diary;
}

// The reason the CSV layer stopped, in diary terms.
void AddStop(const CsvReadStop& stop, const std::vector<const Column*>* layout, ErrorList& errors) {
  if (stop.kind == CsvReadStop::Kind::too_many_rows) {
    errors.Add(stop.line, 0, "",
               fmt::format("more than {} days: split the file", kMaxDiaryCsvRows));
    return;
  }
  std::string column;
  if (layout && stop.column_number > 0 && stop.column_number <= layout->size() &&
      (*layout)[stop.column_number - 1])
    column = (*layout)[stop.column_number - 1]->name;
  errors.Add(stop.line, stop.column_number, std::move(column), stop.reason);
}

}  // namespace

DiaryCsvParse ParseDiaryCsv(std::string_view text, const std::vector<ExposureDefinition>& custom) {
  ErrorList errors;
  if (text.size() > kMaxDiaryCsvBytes) {
    errors.Add(0, 0, "", fmt::format("larger than {} bytes: split the file", kMaxDiaryCsvBytes));
    return {std::nullopt, std::move(errors).Take()};
  }
  const std::vector<Column> known = KnownColumns(custom, errors);
  // The header is one more row; a row can have one field per column, and a
  // few more so that "wrong number of fields" is reported rather than a limit.
  const CsvRows csv = ReadCsvRows(text, {kMaxDiaryCsvRows + 1, known.size() + 100});
  if (csv.rows.empty()) {
    if (csv.stop)
      AddStop(*csv.stop, nullptr, errors);
    else
      errors.Add(0, 0, "",
                 "the file is empty: the first line must be the header naming the "
                 "columns (date, pain_morning, …)");
    return {std::nullopt, std::move(errors).Take()};
  }
  const auto layout = ReadHeader(csv.rows.front(), known, errors);
  core::Diary diary;
  if (layout)
    diary = ReadEntries(csv.rows, *layout, errors);
  if (csv.stop)
    AddStop(*csv.stop, layout ? &*layout : nullptr, errors);
  if (!errors.empty())
    return {std::nullopt, std::move(errors).Take()};
  std::sort(diary.begin(), diary.end(),
            [](const DiaryEntry& a, const DiaryEntry& b) { return a.date < b.date; });
  return {std::move(diary), {}};
}

std::string WriteDiaryCsv(const core::Diary& diary, const std::vector<ExposureDefinition>& custom) {
  ErrorList problems;
  const std::vector<Column> columns = KnownColumns(custom, problems);
  if (!problems.empty())
    throw std::invalid_argument("WriteDiaryCsv: " +
                                FormatDiaryCsvError(std::move(problems).Take().front()));
  std::string out;
  std::vector<std::string> cells_text;
  for (const auto& column : columns)
    cells_text.push_back(column.name);
  AppendCsvRow(out, cells_text);
  for (const DiaryEntry& entry : diary) {
    cells_text.clear();
    std::size_t exposures_written = 0;
    for (const auto& column : columns) {
      switch (column.role) {
        case ColumnRole::date:
          cells_text.push_back(cells::DateText(entry.date));
          break;
        case ColumnRole::pain: {
          const auto& value = entry.*column.pain;
          cells_text.push_back(value ? std::to_string(*value) : "");
          break;
        }
        case ColumnRole::exposure: {
          const auto it = entry.exposures.find(column.name);
          exposures_written += it != entry.exposures.end();
          cells_text.push_back(it != entry.exposures.end() ? cells::ExposureText(it->second) : "");
          break;
        }
        case ColumnRole::home_program: {
          std::string joined;
          for (const auto& item : entry.home_program_done)
            joined += (joined.empty() ? "" : ";") + item;
          cells_text.push_back(std::move(joined));
          break;
        }
        case ColumnRole::note:
          cells_text.push_back(entry.note);
          break;
      }
    }
    // Silently dropping a value would lose the client's data on export.
    if (exposures_written != entry.exposures.size())
      throw std::invalid_argument("WriteDiaryCsv: the entry of " + cells::DateText(entry.date) +
                                  " has an exposure that is neither standard nor defined");
    AppendCsvRow(out, cells_text);
  }
  return out;
}

std::string FormatDiaryCsvError(const DiaryCsvError& error) {
  std::string out = error.line == 0 ? "file" : fmt::format("line {}", error.line);
  if (!error.column.empty())
    out += ", column " + error.column;
  else if (error.column_number > 0)
    out += fmt::format(", column {}", error.column_number);
  return out + ": " + error.reason;
}

std::string_view ExposureKindName(ExposureKind kind) {
  switch (kind) {
    case ExposureKind::minutes:
      return "minutes";
    case ExposureKind::count:
      return "count";
    case ExposureKind::hours:
      return "hours";
    case ExposureKind::scale:
      return "scale";
    case ExposureKind::yes_no:
      return "yes_no";
  }
  return "unknown";
}

std::optional<ExposureKind> ExposureKindFromName(std::string_view name) {
  for (ExposureKind kind : {ExposureKind::minutes, ExposureKind::count, ExposureKind::hours,
                            ExposureKind::scale, ExposureKind::yes_no})
    if (ExposureKindName(kind) == name)
      return kind;
  return std::nullopt;
}

}  // namespace backplan::codec
