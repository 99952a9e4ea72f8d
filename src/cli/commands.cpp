#include "cli/commands.h"

#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>

#include "cli/read_input.h"
#include "codec/assessment_json.h"
#include "codec/assessment_text.h"
#include "codec/intake_json.h"
#include "core/assessment.h"
#include "core/error_kind.h"

namespace backplan::cli {
namespace {

const int kInvalidInput = core::ExitCodeFor(core::ErrorKind::invalid_input);

std::optional<std::string> ReadInput(const std::string& path, std::istream& in, std::ostream& err) {
  return ReadInputText(path, in, err, codec::kMaxIntakeBytes);
}

std::optional<core::Intake> ReadValidIntake(const std::string& path, std::istream& in,
                                            std::ostream& err) {
  auto text = ReadInput(path, in, err);
  if (!text)
    return std::nullopt;
  auto parsed = codec::ParseIntake(*text);
  for (const auto& e : parsed.errors)
    err << e.path << ": " << e.reason << "\n";
  return parsed.intake;
}

}  // namespace

int RunAssess(const std::string& path, OutputFormat format, std::istream& in, std::ostream& out,
              std::ostream& err) {
  auto intake = ReadValidIntake(path, in, err);
  if (!intake)
    return kInvalidInput;
  const auto assessment = core::Assess(*intake);
  if (format == OutputFormat::text)
    out << codec::AssessmentToText(assessment);
  else
    out << codec::AssessmentToJson(assessment).dump(2) << "\n";
  return out ? 0 : core::ExitCodeFor(core::ErrorKind::internal);
}

int RunValidate(const std::string& path, std::istream& in, std::ostream& out, std::ostream& err) {
  if (!ReadValidIntake(path, in, err))
    return kInvalidInput;
  out << "ok\n";
  return 0;
}

}  // namespace backplan::cli
