#include "service/stored_assessment.h"

#include <algorithm>
#include <vector>

#include "codec/intake_json.h"

namespace backplan::service {

std::optional<core::Assessment> Reassess(const storage::AssessmentRow& row) {
  auto parsed = codec::ParseIntake(row.intake_json);
  if (!parsed.intake)
    return std::nullopt;
  return core::Assess(*parsed.intake);
}

core::OutcomeScores ScoresOf(const core::Assessment& assessment) {
  core::OutcomeScores scores;
  scores.nprs = assessment.scores.nprs.now;
  if (assessment.scores.odi && assessment.scores.odi->percent)
    scores.odi = *assessment.scores.odi->percent;
  if (assessment.scores.rmdq)
    scores.rmdq = *assessment.scores.rmdq;
  return scores;
}

std::optional<storage::AssessmentRow> BaselineAssessment(
    std::span<const storage::AssessmentRow> rows) {
  if (rows.empty())
    return std::nullopt;
  std::vector<const storage::AssessmentRow*> by_version;
  for (const auto& row : rows)
    by_version.push_back(&row);
  std::sort(by_version.begin(), by_version.end(),
            [](const auto* a, const auto* b) { return a->version < b->version; });
  const storage::AssessmentRow* baseline = by_version.front();
  for (const auto* row : by_version)
    if (row->supersedes && *row->supersedes == baseline->id)
      baseline = row;
  return *baseline;
}

}  // namespace backplan::service
