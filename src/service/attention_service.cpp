#include "service/attention_service.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <optional>
#include <span>
#include <string_view>
#include <unordered_map>

#include "codec/care_json.h"
#include "core/care/check_in_schedule.h"
#include "core/care/session_response.h"
#include "service/audit.h"
#include "service/permissions.h"

namespace backplan::service {
namespace {

using std::chrono::sys_seconds;

sys_seconds TimeOf(storage::UnixSeconds seconds) {
  return sys_seconds(std::chrono::seconds(seconds));
}

storage::UnixSeconds SecondsOf(sys_seconds time) {
  return time.time_since_epoch().count();
}

std::optional<core::Disposition> DispositionFrom(std::string_view name) {
  for (const auto disposition : {core::Disposition::clear, core::Disposition::treat_with_caution,
                                 core::Disposition::refer_before_treatment,
                                 core::Disposition::urgent_referral, core::Disposition::emergency})
    if (core::Name(disposition) == name)
      return disposition;
  return std::nullopt;
}

std::optional<core::CheckInKind> CheckInKindFrom(std::string_view name) {
  for (const auto kind : core::kAllCheckInKinds)
    if (core::Name(kind) == name)
      return kind;
  return std::nullopt;
}

// The check-ins of one session: `all` is ordered by session.
std::span<const storage::CheckInRow> CheckInsOf(std::span<const storage::CheckInRow> all,
                                                storage::Id session_id) {
  const auto first = std::lower_bound(
      all.begin(), all.end(), session_id,
      [](const storage::CheckInRow& row, storage::Id id) { return row.session_id < id; });
  auto last = first;
  while (last != all.end() && last->session_id == session_id)
    ++last;
  return {first, last};
}

// How long after a session one of its check-ins can still be open: after
// this every check-in is answered or missed (check_in_schedule.h).
storage::UnixSeconds OpenWindowSeconds() {
  std::chrono::hours longest{0};
  for (const auto& window : core::CheckInWindows())
    longest = std::max(longest, window.missed_after);
  return std::chrono::duration_cast<std::chrono::seconds>(longest).count();
}

// Everything the list reads, from one snapshot.
struct Caseload {
  std::vector<storage::ClientRow> clients;            // by id
  std::vector<storage::AssessmentRow> latest;         // by client id, documents left empty
  std::vector<storage::CareSessionRow> sessions;      // by client, assessment, start, id; ids only
  std::vector<storage::CheckInRow> recent_check_ins;  // of sessions that can have one open
  // Per session (same index), its response when it is under the client's
  // latest assessment (the plan in force).
  std::vector<std::optional<AttentionService::KnownResponse>> responses;
};

const storage::AssessmentRow* LatestOf(const Caseload& caseload, storage::Id client_id) {
  const auto found = std::lower_bound(
      caseload.latest.begin(), caseload.latest.end(), client_id,
      [](const storage::AssessmentRow& row, storage::Id id) { return row.client_id < id; });
  return found != caseload.latest.end() && found->client_id == client_id ? &*found : nullptr;
}

// The session's response as CareService computes it: the stored documents,
// parsed; nullopt when one does not parse. `seen_upto` grows to the newest
// check-in read.
std::optional<AttentionService::KnownResponse> Classify(storage::ReadTx& tx, storage::Id session_id,
                                                        storage::Id& seen_upto) {
  const auto row = tx.CareSessionById(session_id);
  if (!row)
    return std::nullopt;
  auto parsed = codec::ParseSession(row->session_json);
  if (!parsed.session)
    return std::nullopt;
  std::vector<core::CheckIn> answers;
  for (const auto& answer_row : tx.CheckInsOfSession(session_id)) {
    auto answer = codec::ParseCheckIn(answer_row.answer_json);
    if (!answer.check_in)
      return std::nullopt;
    answer.check_in->answered_at = TimeOf(answer_row.answered_at);
    answers.push_back(std::move(*answer.check_in));
    seen_upto = std::max(seen_upto, answer_row.id);
  }
  const auto response = core::ClassifyResponse(*parsed.session, answers);
  return AttentionService::KnownResponse{0, response.kind, response.peripheralized};
}

// The client's state with, per tier, when that reason began.
struct GatheredState {
  core::ClientCareState state;
  std::array<storage::UnixSeconds, 5> since{};  // indexed by core::AttentionTier

  storage::UnixSeconds& Since(core::AttentionTier tier) {
    return since[static_cast<std::size_t>(tier)];
  }
};

// The state the per-client endpoints show for this client (see the header);
// nullopt when a stored value does not read back. `first` and `last`
// delimit the client's sessions in the caseload.
std::optional<GatheredState> Gather(const Caseload& caseload, const storage::ClientRow& client,
                                    std::size_t first, std::size_t last, sys_seconds now) {
  GatheredState out;
  core::ClientCareState& state = out.state;
  state.client_id = client.id;
  if (const auto* latest = LatestOf(caseload, client.id)) {
    state.disposition = DispositionFrom(latest->disposition);
    if (!state.disposition)
      return std::nullopt;
    out.Since(core::AttentionTier::red_flags) = latest->created_at;
  }

  std::vector<core::SessionResponse> responses;  // sessions under the latest assessment
  std::vector<storage::UnixSeconds> responses_started;
  std::optional<storage::UnixSeconds> first_due, first_overdue;
  std::vector<core::CheckIn> answers;
  for (std::size_t index = first; index < last; ++index) {
    const auto& session = caseload.sessions[index];
    if (const auto& known = caseload.responses[index]) {
      // The list reads the kind and the peripheralization, not the reasons.
      responses.push_back({known->kind, known->peripheralized, {}});
      responses_started.push_back(session.started_at);
    }
    // The schedule reads which kinds are answered: a check-in is answered
    // whenever the answer came (check_in_schedule.h), so the time is left
    // out. Sessions too old to have an open check-in have none read: every
    // check-in of theirs is answered or missed either way.
    answers.clear();
    for (const auto& answer_row : CheckInsOf(caseload.recent_check_ins, session.id)) {
      const auto kind = CheckInKindFrom(answer_row.kind);
      if (!kind)
        return std::nullopt;
      core::CheckIn answer;
      answer.kind = *kind;
      answers.push_back(answer);
    }
    for (const auto& scheduled : core::ScheduleCheckIns(TimeOf(session.started_at), answers, now)) {
      if (scheduled.status == core::CheckInStatus::due) {
        ++state.due_check_ins;
        first_due =
            std::min(first_due.value_or(SecondsOf(scheduled.due_at)), SecondsOf(scheduled.due_at));
      } else if (scheduled.status == core::CheckInStatus::overdue) {
        ++state.overdue_check_ins;
        first_overdue = std::min(first_overdue.value_or(SecondsOf(scheduled.overdue_at)),
                                 SecondsOf(scheduled.overdue_at));
      }
    }
  }
  out.Since(core::AttentionTier::overdue_check_in) = first_overdue.value_or(0);
  out.Since(core::AttentionTier::due_check_in) = first_due.value_or(0);

  for (std::size_t index = responses.size(); index-- > 0;)
    if (responses[index].kind != core::ResponseKind::insufficient_data) {
      state.last_judged = responses[index];
      out.Since(core::AttentionTier::flare) = responses_started[index];
      out.Since(core::AttentionTier::short_lived_relief) = responses_started[index];
      break;
    }
  // The intake and latest scores only feed the meaningful changes, never the
  // advice, so they are left out here rather than re-reading the intake.
  state.advice = core::AssessCareTrend({}, {}, responses).advice;
  return out;
}

}  // namespace

Outcome<std::vector<AttentionEntry>> AttentionService::List(const Principal& p) {
  const auto now = clock_();
  if (!IsStaff(p)) {
    Audit(audit_, CallerOf(p), p.clinic_id, "attention.list", "client", std::nullopt, std::nullopt,
          "denied", now);
    return Forbidden();
  }
  const std::optional<storage::Id> practitioner =
      IsAdmin(p) ? std::nullopt : std::optional<storage::Id>(p.user_id);
  Caseload caseload;
  bool readable = true;
  const auto read = [&](storage::ReadTx& tx) {
    caseload.clients = tx.CaseloadClients(p.clinic_id, practitioner);
    caseload.latest = tx.CaseloadLatestAssessments(p.clinic_id, practitioner);
    caseload.sessions = tx.CaseloadCareSessions(p.clinic_id, practitioner);
    caseload.recent_check_ins =
        tx.CaseloadCheckInsOfSessionsSince(p.clinic_id, practitioner, now - OpenWindowSeconds());
    Audit(audit_, CallerOf(p), p.clinic_id, "attention.list", "client", std::nullopt, std::nullopt,
          "ok", now);

    // The responses remembered for the sessions under the plan in force, and
    // the oldest check-in they may have missed.
    caseload.responses.resize(caseload.sessions.size());
    std::vector<std::size_t> in_force;
    std::optional<storage::Id> oldest_seen;
    {
      std::lock_guard lock(mutex_);
      for (std::size_t index = 0; index < caseload.sessions.size(); ++index) {
        const auto& session = caseload.sessions[index];
        const auto* latest = LatestOf(caseload, session.client_id);
        if (!latest || session.assessment_id != latest->id)
          continue;  // an earlier course of care: only its schedule counts
        in_force.push_back(index);
        if (const auto known = known_.find(session.id); known != known_.end()) {
          caseload.responses[index] = known->second;
          oldest_seen =
              std::min(oldest_seen.value_or(known->second.seen_upto), known->second.seen_upto);
        }
      }
    }
    // A session with a check-in newer than its response is read again.
    storage::Id seen_upto = oldest_seen.value_or(0);
    std::unordered_map<storage::Id, storage::Id> newest_check_in;  // by session
    if (oldest_seen)
      for (const auto& added : tx.CaseloadCheckInsAfter(p.clinic_id, practitioner, *oldest_seen)) {
        newest_check_in[added.session_id] = added.id;  // by id: the last is the newest
        seen_upto = std::max(seen_upto, added.id);
      }
    for (const auto index : in_force) {
      auto& response = caseload.responses[index];
      const auto added = newest_check_in.find(caseload.sessions[index].id);
      if (response && (added == newest_check_in.end() || added->second <= response->seen_upto))
        continue;
      response = Classify(tx, caseload.sessions[index].id, seen_upto);
      if (!response) {
        readable = false;
        return storage::Status{};
      }
    }
    // Every response now takes every check-in up to seen_upto into account.
    std::lock_guard lock(mutex_);
    if (known_.size() + in_force.size() > kMaxKnownResponses)
      known_.clear();
    for (const auto index : in_force) {
      caseload.responses[index]->seen_upto = seen_upto;
      known_[caseload.sessions[index].id] = *caseload.responses[index];
    }
    return storage::Status{};
  };
  if (!store_.Read(read).ok() || !readable)
    return Internal();

  // The sessions are ordered by client, so each client's are the next run.
  std::vector<core::ClientCareState> listed;
  std::size_t session = 0;
  for (const auto& client : caseload.clients) {
    while (session < caseload.sessions.size() && caseload.sessions[session].client_id < client.id)
      ++session;
    const std::size_t first = session;
    while (session < caseload.sessions.size() && caseload.sessions[session].client_id == client.id)
      ++session;
    auto gathered = Gather(caseload, client, first, session, TimeOf(now));
    if (!gathered)
      return Internal();
    // The tier decides which wait orders the client; the core decides the tier.
    const auto alone = core::AttentionList(std::span(&gathered->state, 1));
    if (alone.empty())
      continue;
    gathered->state.waiting_since = gathered->Since(alone.front().tier);
    listed.push_back(std::move(gathered->state));
  }

  std::vector<AttentionEntry> entries;
  for (auto& item : core::AttentionList(listed)) {
    const auto client =
        std::lower_bound(caseload.clients.begin(), caseload.clients.end(), item.client_id,
                         [](const storage::ClientRow& row, storage::Id id) { return row.id < id; });
    entries.push_back({std::move(item), client->display_name});
  }
  return entries;
}

}  // namespace backplan::service
