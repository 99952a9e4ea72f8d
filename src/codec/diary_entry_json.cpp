#include "codec/diary_entry_json.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "codec/diary_csv_cells.h"

namespace backplan::codec {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr std::array<std::string_view, 7> kFields = {
    "date", "pain_morning", "pain_evening", "leg_pain", "exposures", "home_program_done", "note"};

// The CSV columns that are not exposures: no exposure may take their names.
constexpr std::array<std::string_view, 6> kReservedColumns = {
    "date", "pain_morning", "pain_evening", "leg_pain", "home_program_done", "note"};

std::optional<core::ExposureKind> KindOf(std::string_view name,
                                         const std::vector<core::ExposureDefinition>& custom) {
  for (const auto& definition : core::StandardExposures())
    if (definition.name == name)
      return definition.kind;
  for (const auto& definition : custom)
    if (definition.name == name)
      return definition.kind;
  return std::nullopt;
}

void ReadPainField(const json& body, const char* name, std::optional<int>& out,
                   core::FieldErrors& errors) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null())
    return;
  if (!it->is_number_integer()) {
    errors.push_back({name, "must be a whole number 0–10 or null"});
    return;
  }
  const auto read = diary_cells::ReadPain(std::to_string(it->get<long long>()));
  if (!read.value)
    errors.push_back({name, read.error});
  else
    out = read.value;
}

void ReadExposures(const json& body, const std::vector<core::ExposureDefinition>& custom,
                   core::DiaryEntry& entry, core::FieldErrors& errors) {
  const auto it = body.find("exposures");
  if (it == body.end() || it->is_null())
    return;
  if (!it->is_object()) {
    errors.push_back({"exposures", "must be an object of exposure name → value"});
    return;
  }
  for (const auto& [name, value] : it->items()) {
    const std::string path = "exposures." + name;
    const auto kind = KindOf(name, custom);
    if (!kind) {
      errors.push_back({path, "is not a standard exposure nor one defined for this client"});
      continue;
    }
    if (value.is_null())
      continue;
    double number = 0;
    if (value.is_boolean() && *kind == core::ExposureKind::yes_no) {
      number = value.get<bool>() ? 1 : 0;
    } else if (value.is_number()) {
      number = value.get<double>();
    } else {
      errors.push_back({path, *kind == core::ExposureKind::yes_no ? "must be true, false, 0 or 1"
                                                                  : "must be a number or null"});
      continue;
    }
    if (!std::isfinite(number)) {
      errors.push_back({path, "must be a finite number"});
      continue;
    }
    // The CSV cell rules are the one definition of each kind's range.
    const auto read = diary_cells::ReadExposure(diary_cells::ExposureText(number), *kind);
    if (!read.value)
      errors.push_back({path, read.error});
    else
      entry.exposures.emplace(name, *read.value);
  }
}

void ReadHomeProgramField(const json& body, core::DiaryEntry& entry, core::FieldErrors& errors) {
  const auto it = body.find("home_program_done");
  if (it == body.end() || it->is_null())
    return;
  if (!it->is_array()) {
    errors.push_back({"home_program_done", "must be an array of plan item ids"});
    return;
  }
  std::string joined;
  bool ok = true;
  for (std::size_t item_idx = 0; item_idx < it->size(); ++item_idx) {
    const auto& item = (*it)[item_idx];
    const std::string path = "home_program_done[" + std::to_string(item_idx) + "]";
    if (!item.is_string() || item.get<std::string>().find(';') != std::string::npos ||
        item.get<std::string>().empty()) {
      errors.push_back({path, "must be a plan item id (text without ';')"});
      ok = false;
      continue;
    }
    if (!joined.empty())
      joined += ';';
    joined += item.get<std::string>();
  }
  if (!ok || joined.empty())
    return;
  const auto read = diary_cells::ReadHomeProgram(joined);
  if (!read.value)
    errors.push_back({"home_program_done", read.error});
  else
    entry.home_program_done = *read.value;
}

}  // namespace

std::optional<std::chrono::sys_days> ParseDiaryDate(std::string_view text) {
  return diary_cells::ReadDate(text).value;
}

std::string DiaryDateText(std::chrono::sys_days date) {
  return diary_cells::DateText(date);
}

DiaryEntryParse ParseDiaryEntryJson(std::string_view text, std::chrono::sys_days date,
                                    const std::vector<core::ExposureDefinition>& custom) {
  DiaryEntryParse out;
  const json body = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) {
    out.errors.push_back({"(root)", "is not valid JSON"});
    return out;
  }
  if (!body.is_object()) {
    out.errors.push_back({"(root)", "must be an object"});
    return out;
  }
  for (const auto& [key, value] : body.items())
    if (std::find(kFields.begin(), kFields.end(), key) == kFields.end())
      out.errors.push_back({key, "is not a field of a diary entry"});
  core::DiaryEntry entry;
  entry.date = date;
  if (const auto it = body.find("date"); it != body.end() && !it->is_null()) {
    if (!it->is_string() || it->get<std::string>() != DiaryDateText(date))
      out.errors.push_back({"date", "must be the day in the path, " + DiaryDateText(date)});
  }
  ReadPainField(body, "pain_morning", entry.pain_morning, out.errors);
  ReadPainField(body, "pain_evening", entry.pain_evening, out.errors);
  ReadPainField(body, "leg_pain", entry.leg_pain, out.errors);
  ReadExposures(body, custom, entry, out.errors);
  ReadHomeProgramField(body, entry, out.errors);
  if (const auto it = body.find("note"); it != body.end() && !it->is_null()) {
    if (!it->is_string()) {
      out.errors.push_back({"note", "must be text"});
    } else {
      const auto read = diary_cells::ReadNote(it->get<std::string>());
      if (!read.value)
        out.errors.push_back({"note", read.error});
      else
        entry.note = *read.value;
    }
  }
  if (out.errors.empty())
    out.entry = std::move(entry);
  return out;
}

ordered_json DiaryEntryToJson(const core::DiaryEntry& entry) {
  const auto pain = [](const std::optional<int>& value) {
    return value ? ordered_json(*value) : ordered_json(nullptr);
  };
  ordered_json exposures = ordered_json::object();
  for (const auto& [name, value] : entry.exposures)
    exposures[name] = value;
  return {{"date", DiaryDateText(entry.date)},
          {"pain_morning", pain(entry.pain_morning)},
          {"pain_evening", pain(entry.pain_evening)},
          {"leg_pain", pain(entry.leg_pain)},
          {"exposures", std::move(exposures)},
          {"home_program_done", entry.home_program_done},
          {"note", entry.note}};
}

std::string CustomExposureNameProblem(std::string_view name,
                                      const std::vector<core::ExposureDefinition>& existing) {
  if (name.empty() || name.size() > 64)
    return "must be 1–64 characters";
  const bool snake_case = name.front() >= 'a' && name.front() <= 'z' &&
                          std::all_of(name.begin(), name.end(), [](char c) {
                            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                          });
  if (!snake_case)
    return "must be snake_case: a lower-case letter, then lower-case letters, digits or '_'";
  if (std::find(kReservedColumns.begin(), kReservedColumns.end(), name) != kReservedColumns.end())
    return "is a diary column name";
  for (const auto& definition : core::StandardExposures())
    if (definition.name == name)
      return "is a standard exposure";
  for (const auto& definition : existing)
    if (definition.name == name)
      return "is already defined for this client";
  return "";
}

}  // namespace backplan::codec
