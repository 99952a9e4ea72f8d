#pragma once
// All questionnaire and pain scores of one intake, each present only when the
// intake answered that instrument.

#include <optional>

#include "core/intake.h"
#include "core/scores/odi.h"
#include "core/scores/psfs.h"
#include "core/scores/rmdq.h"
#include "core/scores/start_back.h"

namespace backplan::core {

struct Scores {
  Nprs nprs;
  std::optional<OdiScore> odi;
  std::optional<int> rmdq;
  std::optional<StartBackScore> start_back;
  std::optional<double> psfs_mean;
};

inline Scores ScoreIntake(const Intake& intake) {
  Scores s;
  s.nprs = intake.nprs;
  const auto& q = intake.questionnaires;
  if (q.odi)
    s.odi = ScoreOdi(*q.odi);
  if (q.rmdq)
    s.rmdq = ScoreRmdq(*q.rmdq);
  if (q.start_back)
    s.start_back = ScoreStartBack(*q.start_back);
  s.psfs_mean = ScorePsfs(q.psfs);
  return s;
}

}  // namespace backplan::core
