#pragma once
// The home program as JSON: each item in the same form as the assessment's
// home_program items (id, kind, text, reason, source), plus where it came from
// (origin: assessment or triggers) and its adherence over the window.

#include <nlohmann/json.hpp>
#include <span>

#include "core/care/home_program.h"

namespace backplan::codec {

nlohmann::ordered_json HomeProgramToJson(std::span<const core::HomeProgramItem> items,
                                         const core::Adherence& adherence);

}  // namespace backplan::codec
