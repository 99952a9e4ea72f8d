#pragma once
// Screening: red flags, contraindications and yellow flags turned into one
// disposition. Red flags override everything (CLINICAL.md section 0). The rules
// themselves are the table in rules/screening_rules.cpp.

#include <string>
#include <string_view>
#include <vector>

#include "core/classification.h"
#include "core/intake.h"
#include "core/scores/scores.h"

namespace backplan::core {

// Ordered from least to most severe: the disposition is the most severe that
// any rule raises, so adding a finding can never relax it.
enum class Disposition {
  clear,
  treat_with_caution,
  refer_before_treatment,
  urgent_referral,
  emergency
};

enum class FlagKind { red, yellow, contraindication, screening_gap };

struct Flag {
  std::string id;
  FlagKind kind = FlagKind::red;
  Disposition disposition = Disposition::clear;  // the least this flag asks for
  std::string reason;
  std::string advice;
  std::string source;
};

struct Screening {
  Disposition disposition = Disposition::clear;
  std::vector<Flag> flags;  // most severe first
  std::vector<RedFlag> not_asked;
  bool PlanAllowed() const { return disposition <= Disposition::treat_with_caution; }
};

Screening Screen(const Intake& intake, const Classification& classification, const Scores& scores);

std::string_view Name(Disposition d);
std::string_view Name(FlagKind k);

}  // namespace backplan::core
