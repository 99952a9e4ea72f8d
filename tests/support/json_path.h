#pragma once
// A tiny path language for clinical case files, so that a clinician can state
// expectations without C++:
//   "screening.disposition"                    a member
//   "plan.regions[lumbar].pressure_ceiling"    the array element whose
//                                              "region" or "id" is "lumbar"
//   "plan.regions[0]"                          the array element at index 0
//   "screening.flags[].id"                     every element's "id" (a list)

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace backplan::testing {

// The value at `path`, or nullopt when the path does not exist. A path with
// "[]" yields an array of the values it reaches.
std::optional<nlohmann::ordered_json> ValueAt(const nlohmann::ordered_json& doc,
                                              const std::string& path);

}  // namespace backplan::testing
