#pragma once
// The one place where the core's enums meet their names in the intake format
// and in results. Parsing uses FromName; rendering and reasons use Name.

#include <optional>
#include <string_view>

#include "core/intake.h"

namespace backplan::core {

std::string_view Name(Region v);
std::string_view Name(Side v);
std::string_view Name(LegExtent v);
std::string_view Name(ProvocationResponse v);
std::string_view Name(Movement v);
std::string_view Name(RedFlag v);
std::string_view Name(Contraindication v);
std::string_view Name(Bothersomeness v);

// Returns nullopt for a name that is not one of the enum's values.
template <typename Enum>
std::optional<Enum> FromName(std::string_view name);

// "a, b or c": the allowed names of an enum, for error messages.
template <typename Enum>
std::string AllowedNames();

}  // namespace backplan::core
