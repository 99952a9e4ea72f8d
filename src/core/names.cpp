#include "core/names.h"

#include <array>
#include <cstddef>
#include <string>
#include <type_traits>

namespace backplan::core {
namespace {

// Tables are indexed by the enum's underlying value, in declaration order.
constexpr std::array<std::string_view, 11> kRegionNames = {
    "head",   "face", "neck",       "shoulders",  "thoracic", "lumbar",
    "glutes", "hips", "hamstrings", "quadriceps", "calves"};
constexpr std::array<std::string_view, 5> kSideNames = {"left", "right", "both", "central", "none"};
constexpr std::array<std::string_view, 5> kLegExtentNames = {"none", "buttock", "thigh",
                                                             "below_knee", "foot"};
constexpr std::array<std::string_view, 4> kProvocationNames = {"untested", "neutral", "eases",
                                                               "provokes"};
constexpr std::array<std::string_view, 7> kMovementNames = {
    "flexion", "extension", "axial_load", "sitting", "standing", "walking", "lying"};
constexpr std::array<std::string_view, 18> kRedFlagNames = {
    "saddle_anesthesia",      "bladder_dysfunction",
    "bowel_dysfunction",      "sexual_dysfunction",
    "bilateral_leg_symptoms", "gait_disturbance",
    "history_of_cancer",      "unexplained_weight_loss",
    "night_pain_unrelieved",  "fever",
    "immunosuppression",      "iv_drug_use",
    "recent_infection",       "major_trauma",
    "minor_trauma",           "osteoporosis",
    "long_term_steroids",     "inflammatory_morning_stiffness"};
constexpr std::array<std::string_view, 4> kContraindicationNames = {
    "dvt", "anticoagulants", "bleeding_disorder", "pregnancy"};
constexpr std::array<std::string_view, 5> kBothersomenessNames = {
    "not_at_all", "slightly", "moderately", "very_much", "extremely"};

template <typename Enum>
constexpr const auto& TableFor() {
  if constexpr (std::is_same_v<Enum, Region>)
    return kRegionNames;
  else if constexpr (std::is_same_v<Enum, Side>)
    return kSideNames;
  else if constexpr (std::is_same_v<Enum, LegExtent>)
    return kLegExtentNames;
  else if constexpr (std::is_same_v<Enum, ProvocationResponse>)
    return kProvocationNames;
  else if constexpr (std::is_same_v<Enum, Movement>)
    return kMovementNames;
  else if constexpr (std::is_same_v<Enum, RedFlag>)
    return kRedFlagNames;
  else if constexpr (std::is_same_v<Enum, Contraindication>)
    return kContraindicationNames;
  else
    return kBothersomenessNames;
}

template <typename Enum>
std::string_view NameOf(Enum v) {
  return TableFor<Enum>()[static_cast<std::size_t>(v)];
}

}  // namespace

std::string_view Name(Region v) {
  return NameOf(v);
}
std::string_view Name(Side v) {
  return NameOf(v);
}
std::string_view Name(LegExtent v) {
  return NameOf(v);
}
std::string_view Name(ProvocationResponse v) {
  return NameOf(v);
}
std::string_view Name(Movement v) {
  return NameOf(v);
}
std::string_view Name(RedFlag v) {
  return NameOf(v);
}
std::string_view Name(Contraindication v) {
  return NameOf(v);
}
std::string_view Name(Bothersomeness v) {
  return NameOf(v);
}

template <typename Enum>
std::optional<Enum> FromName(std::string_view name) {
  const auto& table = TableFor<Enum>();
  for (std::size_t i = 0; i < table.size(); ++i)
    if (table[i] == name)
      return static_cast<Enum>(i);
  return std::nullopt;
}

template <typename Enum>
std::string AllowedNames() {
  const auto& table = TableFor<Enum>();
  std::string out;
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (i > 0)
      out += (i + 1 == table.size()) ? " or " : ", ";
    out += table[i];
  }
  return out;
}

#define BACKPLAN_INSTANTIATE_NAMES(Enum)                         \
  template std::optional<Enum> FromName<Enum>(std::string_view); \
  template std::string AllowedNames<Enum>();
BACKPLAN_INSTANTIATE_NAMES(Region)
BACKPLAN_INSTANTIATE_NAMES(Side)
BACKPLAN_INSTANTIATE_NAMES(LegExtent)
BACKPLAN_INSTANTIATE_NAMES(ProvocationResponse)
BACKPLAN_INSTANTIATE_NAMES(Movement)
BACKPLAN_INSTANTIATE_NAMES(RedFlag)
BACKPLAN_INSTANTIATE_NAMES(Contraindication)
BACKPLAN_INSTANTIATE_NAMES(Bothersomeness)
#undef BACKPLAN_INSTANTIATE_NAMES

}  // namespace backplan::core
