#pragma once
// Intake format v1 (docs/intake-format-v1.md): JSON text → a validated
// core::Intake. Every problem is reported with the JSON path of the field and
// the reason, all at once. Never throws on any input.

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string_view>

#include "core/field_error.h"
#include "core/intake.h"

namespace backplan::codec {

struct IntakeParse {
  std::optional<core::Intake> intake;  // set only when errors is empty
  core::FieldErrors errors;
};

// Inputs larger than this, or nested deeper, are refused before parsing.
inline constexpr std::size_t kMaxIntakeBytes = 1 << 20;
inline constexpr int kMaxIntakeDepth = 32;

IntakeParse ParseIntake(std::string_view json_text);
IntakeParse ReadIntake(const nlohmann::json& document);

}  // namespace backplan::codec
