#pragma once
// What the care-loop use cases read back from stored assessments: the result
// rebuilt from the intake as given, its outcome scores, and which assessment
// is the intake a course of care is measured against.

#include <optional>
#include <span>

#include "core/assessment.h"
#include "core/care/session_response.h"
#include "storage/records.h"

namespace backplan::service {

// The assessment result, rebuilt by re-running the core on the stored intake
// (deterministic, and cheap); nullopt only if the stored intake no longer
// parses (a corrupted row, reported as an internal error).
std::optional<core::Assessment> Reassess(const storage::AssessmentRow& row);

core::OutcomeScores ScoresOf(const core::Assessment& assessment);

// The client's first assessment, or the correction that replaced it
// (corrections name the assessment they supersede; reassessments do not).
// `rows` in any order; nullopt when empty.
std::optional<storage::AssessmentRow> BaselineAssessment(
    std::span<const storage::AssessmentRow> rows);

}  // namespace backplan::service
