// libFuzzer target: arbitrary bytes through the intake parser and, when they
// form a valid intake, the whole assessment and both renderers. Any crash,
// sanitizer report or exception escaping here is a bug.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "codec/assessment_json.h"
#include "codec/assessment_text.h"
#include "codec/intake_json.h"
#include "core/assessment.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = backplan::codec::ParseIntake(text);
  if (!parsed.intake) {
    // A rejected input must always say why.
    if (parsed.errors.empty())
      __builtin_trap();
    return 0;
  }
  const auto assessment = backplan::core::Assess(*parsed.intake);
  (void)backplan::codec::AssessmentToJson(assessment).dump();
  (void)backplan::codec::AssessmentToText(assessment);
  return 0;
}
