#include "cli/diary_commands.h"

#include <fstream>
#include <iostream>
#include <optional>

#include "cli/read_input.h"
#include "codec/diary_csv.h"
#include "codec/report/progress_report.h"
#include "codec/trigger_report_json.h"
#include "codec/trigger_report_text.h"
#include "core/error_kind.h"
#include "core/triggers/trigger_finder.h"

namespace backplan::cli {
namespace {

const int kInvalidInput = core::ExitCodeFor(core::ErrorKind::invalid_input);

std::optional<std::string> ReadDiaryText(const std::string& path, std::istream& in,
                                         std::ostream& err) {
  return ReadInputText(path, in, err, codec::kMaxDiaryCsvBytes, ": split the file");
}

// "NAME:KIND" arguments → definitions; nullopt after reporting a bad one. The
// names themselves are checked by the CSV reader, with the file's errors.
std::optional<std::vector<core::ExposureDefinition>> CustomExposures(
    const std::vector<std::string>& arguments, std::ostream& err) {
  std::vector<core::ExposureDefinition> definitions;
  bool ok = true;
  for (const auto& argument : arguments) {
    const auto colon = argument.rfind(':');
    const auto kind =
        colon == std::string::npos
            ? std::nullopt
            : codec::ExposureKindFromName(std::string_view(argument).substr(colon + 1));
    if (!kind) {
      err << "--custom " << argument
          << ": expected NAME:KIND, KIND one of minutes, count, hours, scale, yes_no\n";
      ok = false;
      continue;
    }
    const std::string name = argument.substr(0, colon);
    definitions.push_back({name, *kind, name});
  }
  if (!ok)
    return std::nullopt;
  return definitions;
}

struct ReadDiary {
  core::Diary diary;
  std::vector<core::ExposureDefinition> custom;
};

std::optional<ReadDiary> ReadValidDiary(const DiaryInput& input, std::istream& in,
                                        std::ostream& err) {
  auto custom = CustomExposures(input.custom, err);
  if (!custom)
    return std::nullopt;
  auto text = ReadDiaryText(input.path, in, err);
  if (!text)
    return std::nullopt;
  auto parsed = codec::ParseDiaryCsv(*text, *custom);
  for (const auto& error : parsed.errors)
    err << codec::FormatDiaryCsvError(error) << "\n";
  if (!parsed.diary)
    return std::nullopt;
  return ReadDiary{std::move(*parsed.diary), std::move(*custom)};
}

}  // namespace

int RunTriggers(const DiaryInput& input, OutputFormat format, std::istream& in, std::ostream& out,
                std::ostream& err) {
  auto read = ReadValidDiary(input, in, err);
  if (!read)
    return kInvalidInput;
  core::TriggerOptions options;
  options.exposure_definitions = read->custom;
  const core::TriggerReport report = core::FindTriggers(read->diary, options);
  if (format == OutputFormat::text)
    out << codec::TriggerReportToText(report);
  else
    out << codec::TriggerReportToJson(report).dump(2) << "\n";
  return out ? 0 : core::ExitCodeFor(core::ErrorKind::internal);
}

int RunDiaryReport(const DiaryInput& input, const std::string& client_name,
                   std::chrono::sys_days today, std::istream& in, std::ostream& out,
                   std::ostream& err) {
  auto read = ReadValidDiary(input, in, err);
  if (!read)
    return kInvalidInput;
  core::TriggerOptions options;
  options.exposure_definitions = read->custom;
  codec::ProgressReportData data;
  data.client_name = client_name;
  data.generated_on = today;
  data.triggers = core::FindTriggers(read->diary, options);
  data.diary = std::move(read->diary);
  out << codec::RenderProgressReport(data);
  return out ? 0 : core::ExitCodeFor(core::ErrorKind::internal);
}

int RunDiaryValidate(const DiaryInput& input, std::istream& in, std::ostream& out,
                     std::ostream& err) {
  if (!ReadValidDiary(input, in, err))
    return kInvalidInput;
  out << "ok\n";
  return 0;
}

}  // namespace backplan::cli
