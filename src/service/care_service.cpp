#include "service/care_service.h"

#include <chrono>
#include <iterator>

#include "codec/care_json.h"
#include "codec/intake_json.h"
#include "core/assessment.h"
#include "core/care/plan_check.h"
#include "service/audit.h"
#include "service/idempotency.h"
#include "service/permissions.h"
#include "service/stored_assessment.h"

namespace backplan::service {
namespace {

using std::chrono::sys_seconds;

// A session may be logged a little ahead of the server's clock (clock skew,
// a session being written up as it starts), never a day ahead.
constexpr storage::UnixSeconds kMaxStartAhead = 60 * 60;

sys_seconds TimeOf(storage::UnixSeconds seconds) {
  return sys_seconds(std::chrono::seconds(seconds));
}

// The stored session with its check-ins, as the core reads them now; nullopt
// when a stored document does not parse (reported as an internal error).
std::optional<CareSessionView> ViewOf(storage::ReadTx& tx, const storage::CareSessionRow& row,
                                      storage::UnixSeconds now) {
  CareSessionView view;
  view.row = row;
  auto parsed = codec::ParseSession(row.session_json);
  if (!parsed.session)
    return std::nullopt;
  view.session = std::move(*parsed.session);
  view.session.id = row.id;
  view.check_in_rows = tx.CheckInsOfSession(row.id);
  for (const auto& check_in_row : view.check_in_rows) {
    auto answer = codec::ParseCheckIn(check_in_row.answer_json);
    if (!answer.check_in)
      return std::nullopt;
    answer.check_in->answered_at = TimeOf(check_in_row.answered_at);
    view.check_ins.push_back(std::move(*answer.check_in));
  }
  view.response = core::ClassifyResponse(view.session, view.check_ins);
  view.schedule = core::ScheduleCheckIns(view.session.started_at, view.check_ins, TimeOf(now));
  return view;
}

// The intake the course of care is measured against (stored_assessment.h).
std::optional<storage::AssessmentRow> Baseline(storage::ReadTx& tx, storage::Id client_id) {
  std::vector<storage::AssessmentRow> all;
  storage::Page page;
  page.limit = 200;
  for (;;) {
    auto rows = tx.Assessments(client_id, page);
    const bool more = static_cast<int>(rows.size()) == page.limit;
    if (!rows.empty())
      page.after = rows.back().id;
    all.insert(all.end(), std::make_move_iterator(rows.begin()),
               std::make_move_iterator(rows.end()));
    if (!more)
      return BaselineAssessment(all);
  }
}

}  // namespace

Outcome<LoggedSession> CareService::LogSession(const Principal& p,
                                               const LogSessionRequest& request) {
  if (auto problem = IdempotencyKeyProblem(request.idempotency_key))
    return *problem;
  const auto now = clock_();
  if (!IsStaff(p)) {
    // Clients answer check-ins; only staff record what was done in a session.
    Audit(audit_, CallerOf(p), p.clinic_id, "care_session.create", "client", request.client_id,
          request.client_id, "denied", now);
    return Forbidden();
  }
  // Parse before taking the writer: pure work needs no lock.
  auto parsed = codec::ParseSession(request.session_json);
  if (!parsed.session)
    return ServiceError{core::ErrorKind::invalid_input, "the session is not valid", parsed.errors,
                        0};
  core::Session session = std::move(*parsed.session);
  if (session.started_at.time_since_epoch().count() > now + kMaxStartAhead)
    return Invalid("started_at", "is in the future");
  const std::string request_hash = IdempotencyRequestHash(
      "care_session.create", std::to_string(request.client_id) + "\n" + request.session_json);

  std::optional<ServiceError> error;
  std::optional<CareSessionView> view;
  bool replayed = false;
  const auto status = store_.Write([&](storage::WriteTx& tx) {
    const auto client = tx.ClientById(request.client_id);
    if (!client || !CanAccessClient(p, *client)) {
      Audit(tx, CallerOf(p), p.clinic_id, "care_session.create", "client", request.client_id,
            request.client_id, "not_found", now);
      error = NotFound();
      return storage::Status{};
    }
    auto earlier = LookUpIdempotencyKey(tx, p, request.idempotency_key, request_hash);
    if (!earlier.ok()) {
      error = earlier.error();
      return storage::Status{};
    }
    if (earlier.value()) {
      if (auto stored = tx.CareSessionById(std::stoll(earlier.value()->resource_id))) {
        view = ViewOf(tx, *stored, now);
        replayed = true;
        return storage::Status{};
      }
    }
    const auto latest = tx.LatestAssessment(request.client_id);
    if (!latest) {
      error = Conflict("the client has no assessment yet: assess before logging a session");
      return storage::Status{};
    }
    const auto assessment = Reassess(*latest);
    if (!assessment)
      return storage::Status::Error(storage::StorageError::internal, "stored intake unreadable");
    if (!assessment->plan) {
      error = Conflict("the latest assessment's screening (" + latest->disposition +
                       ") does not allow treatment: no session can be logged against it");
      return storage::Status{};
    }
    const auto check = core::CheckAgainstPlan(session, *assessment->plan);
    if (!check.Acceptable()) {
      ServiceError refused{core::ErrorKind::invalid_input,
                           "the session deviates from the plan in force without an override "
                           "reason",
                           {},
                           0};
      for (const auto index : check.missing_override) {
        const auto& deviation = check.deviations[index];
        refused.field_errors.push_back(
            {codec::OverridePath(deviation), "is required: " + deviation.reason.text});
      }
      Audit(tx, CallerOf(p), p.clinic_id, "care_session.create", "client", request.client_id,
            request.client_id, "invalid", now);
      error = std::move(refused);
      return storage::Status{};
    }
    storage::CareSessionRow row;
    row.client_id = request.client_id;
    row.assessment_id = latest->id;
    row.started_at = session.started_at.time_since_epoch().count();
    row.session_json = codec::SessionToJson(session).dump();
    row.deviations_json = codec::DeviationsToJson(check.deviations).dump();
    row.rules_version = core::kCareRulesVersion;
    row.created_by = p.user_id;
    row.created_at = now;
    row.id = tx.InsertCareSession(row);
    RememberIdempotencyKey(tx, p, request.idempotency_key, request_hash, std::to_string(row.id),
                           now);
    Audit(tx, CallerOf(p), p.clinic_id, "care_session.create", "care_session", row.id,
          request.client_id, "ok", now);
    view = ViewOf(tx, row, now);
    return storage::Status{};
  });
  if (error)
    return *error;
  if (!status.ok() || !view)
    return Internal();
  return LoggedSession{std::move(*view), replayed};
}

Outcome<std::vector<CareSessionView>> CareService::ListSessions(const Principal& p,
                                                                storage::Id client_id,
                                                                const storage::Page& page,
                                                                const char* action) {
  std::vector<CareSessionView> views;
  bool allowed = false;
  bool readable = true;
  const auto now = clock_();
  if (!store_
           .Read([&](storage::ReadTx& tx) {
             allowed = CanAccessClientId(tx, p, client_id);
             if (allowed)
               for (const auto& row : tx.CareSessions(client_id, page)) {
                 auto view = ViewOf(tx, row, now);
                 if (!view) {
                   readable = false;
                   break;
                 }
                 views.push_back(std::move(*view));
               }
             Audit(audit_, CallerOf(p), p.clinic_id, action, "client", client_id, client_id,
                   allowed ? "ok" : "not_found", now);
             return storage::Status{};
           })
           .ok() ||
      !readable)
    return Internal();
  if (!allowed)
    return NotFound();
  return views;
}

Outcome<std::vector<CareSessionView>> CareService::Sessions(const Principal& p,
                                                            storage::Id client_id,
                                                            const storage::Page& page) {
  return ListSessions(p, client_id, page, "care_session.list");
}

Outcome<std::vector<CareSessionView>> CareService::CheckIns(const Principal& p,
                                                            storage::Id client_id,
                                                            const storage::Page& page) {
  return ListSessions(p, client_id, page, "check_in.list");
}

Outcome<CareSessionView> CareService::GetSession(const Principal& p, storage::Id session_id) {
  std::optional<CareSessionView> view;
  bool allowed = false;
  bool readable = true;
  const auto now = clock_();
  if (!store_
           .Read([&](storage::ReadTx& tx) {
             const auto row = tx.CareSessionById(session_id);
             if (row) {
               const auto client = tx.ClientById(row->client_id);
               allowed = client && CanAccessClient(p, *client);
               if (allowed) {
                 view = ViewOf(tx, *row, now);
                 readable = view.has_value();
               }
             }
             Audit(audit_, CallerOf(p), p.clinic_id, "care_session.read", "care_session",
                   session_id, row ? std::optional(row->client_id) : std::nullopt,
                   allowed ? "ok" : "not_found", now);
             return storage::Status{};
           })
           .ok() ||
      !readable)
    return Internal();
  if (!allowed)
    return NotFound();
  return std::move(*view);
}

Outcome<CareSessionView> CareService::AnswerCheckIn(const Principal& p, storage::Id session_id,
                                                    const std::string& check_in_json) {
  auto parsed = codec::ParseCheckIn(check_in_json);
  if (!parsed.check_in)
    return ServiceError{core::ErrorKind::invalid_input, "the check-in is not valid", parsed.errors,
                        0};
  const core::CheckIn answer = std::move(*parsed.check_in);
  const auto now = clock_();

  std::optional<ServiceError> error;
  std::optional<CareSessionView> view;
  const auto status = store_.Write([&](storage::WriteTx& tx) {
    const auto session = tx.CareSessionById(session_id);
    const auto client = session ? tx.ClientById(session->client_id) : std::nullopt;
    if (!session || !client || !CanAccessClient(p, *client)) {
      Audit(tx, CallerOf(p), p.clinic_id, "check_in.create", "care_session", session_id,
            session ? std::optional(session->client_id) : std::nullopt, "not_found", now);
      error = NotFound();
      return storage::Status{};
    }
    storage::CheckInRow row;
    row.session_id = session_id;
    row.kind = std::string(core::Name(answer.kind));
    row.answer_json = codec::CheckInToJson(answer).dump();
    row.answered_by = p.user_id;
    row.answered_at = now;
    const auto inserted = tx.InsertCheckIn(row);
    if (!inserted.ok()) {
      // UNIQUE (session_id, kind): one answer per check-in.
      Audit(tx, CallerOf(p), p.clinic_id, "check_in.create", "care_session", session_id,
            session->client_id, "invalid", now);
      error = Conflict("the " + row.kind + " check-in of this session is already answered");
      return storage::Status{};
    }
    Audit(tx, CallerOf(p), p.clinic_id, "check_in.create", "check_in", inserted.value(),
          session->client_id, "ok", now);
    view = ViewOf(tx, *session, now);
    return storage::Status{};
  });
  if (error)
    return *error;
  if (!status.ok() || !view)
    return Internal();
  return std::move(*view);
}

Outcome<CareProgress> CareService::Progress(const Principal& p, storage::Id client_id) {
  CareProgress progress;
  progress.client_id = client_id;
  bool allowed = false;
  bool readable = true;
  std::optional<storage::AssessmentRow> latest;
  std::optional<storage::AssessmentRow> baseline;  // only when it is not the latest
  std::vector<CareSessionView> views;
  const auto now = clock_();
  if (!store_
           .Read([&](storage::ReadTx& tx) {
             allowed = CanAccessClientId(tx, p, client_id);
             if (allowed) {
               latest = tx.LatestAssessment(client_id);
               if (latest && latest->version > 1)
                 baseline = Baseline(tx, client_id);
               if (latest)
                 for (const auto& row : tx.CareSessionsUnder(client_id, latest->id)) {
                   auto view = ViewOf(tx, row, now);
                   if (!view) {
                     readable = false;
                     break;
                   }
                   views.push_back(std::move(*view));
                 }
             }
             Audit(audit_, CallerOf(p), p.clinic_id, "care_progress.read", "client", client_id,
                   client_id, allowed ? "ok" : "not_found", now);
             return storage::Status{};
           })
           .ok() ||
      !readable)
    return Internal();
  if (!allowed)
    return NotFound();
  if (!latest)
    return Conflict("the client has no assessment yet: there is no course of care to show");
  const auto assessment = Reassess(*latest);
  if (!assessment)
    return Internal();
  progress.assessment_id = latest->id;

  std::vector<core::Session> sessions;
  std::vector<core::CheckIn> check_ins;
  std::vector<core::ResponseKind> kinds;
  for (auto& view : views) {
    progress.session_ids.push_back(view.row.id);
    progress.responses.push_back(view.response);
    kinds.push_back(view.response.kind);
    check_ins.insert(check_ins.end(), view.check_ins.begin(), view.check_ins.end());
    sessions.push_back(std::move(view.session));
  }
  // Change is measured against the intake; a reassessment re-administers the
  // questionnaires, so its ODI and RMDQ (and its NPRS, until a session gives
  // a newer reading) are the latest scores.
  core::OutcomeScores intake_scores = ScoresOf(*assessment);
  core::OutcomeScores latest_scores;
  progress.baseline_assessment_id = latest->id;
  if (baseline && baseline->id != latest->id) {
    const auto intake = Reassess(*baseline);
    if (!intake)
      return Internal();
    progress.baseline_assessment_id = baseline->id;
    latest_scores = intake_scores;
    intake_scores = ScoresOf(*intake);
  }
  if (auto pain = core::LatestPain(sessions, check_ins))
    latest_scores.nprs = pain;
  progress.trend = core::AssessCareTrend(intake_scores, latest_scores, progress.responses);
  if (assessment->plan)
    progress.progression = core::ComputeProgression(*assessment->plan, kinds);
  return progress;
}

}  // namespace backplan::service
