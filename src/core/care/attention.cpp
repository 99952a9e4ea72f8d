#include "core/care/attention.h"

#include <algorithm>
#include <string>


namespace backplan::core {
namespace {

constexpr const char* kProductRule = "product rule (CLINICAL.md section 0)";

bool NeedsReferral(Disposition d) {
  return d == Disposition::refer_before_treatment || d == Disposition::urgent_referral ||
         d == Disposition::emergency;
}

bool HasAdvice(const ClientCareState& c, CareAdviceKind kind) {
  return std::any_of(c.advice.begin(), c.advice.end(),
                     [kind](const CareAdvice& a) { return a.kind == kind; });
}

// Every reason for one client, with its tier, most urgent first.
std::vector<std::pair<AttentionTier, Reason>> ReasonsFor(const ClientCareState& c) {
  std::vector<std::pair<AttentionTier, Reason>> out;
  if (c.disposition && NeedsReferral(*c.disposition))
    out.push_back({AttentionTier::red_flags,
                   {"attention.red_flags",
                    "screening of the latest assessment: " + std::string(Name(*c.disposition)),
                    kProductRule}});
  if (c.last_judged && c.last_judged->kind == ResponseKind::flare)
    out.push_back({AttentionTier::flare,
                   {"attention.flare",
                    c.last_judged->peripheralized
                        ? "the last session was followed by leg symptoms reaching further down"
                        : "the last session was followed by a flare",
                    kProductRule}});
  if (c.overdue_check_ins > 0)
    out.push_back({AttentionTier::overdue_check_in,
                   {"attention.overdue_check_in",
                    std::to_string(c.overdue_check_ins) + " check-in(s) overdue", kProductRule}});
  if (HasAdvice(c, CareAdviceKind::de_escalate_and_refer))
    out.push_back({AttentionTier::short_lived_relief,
                   {"attention.de_escalate",
                    "repeated flares or peripheralization: de-escalate and consider referral",
                    kProductRule}});
  if (HasAdvice(c, CareAdviceKind::address_triggers))
    out.push_back({AttentionTier::short_lived_relief,
                   {"attention.short_lived_relief",
                    "relief keeps wearing off: triggers are not yet addressed", kProductRule}});
  if (c.due_check_ins > 0)
    out.push_back({AttentionTier::due_check_in,
                   {"attention.due_check_in", std::to_string(c.due_check_ins) + " check-in(s) due",
                    kProductRule}});
  return out;
}

}  // namespace

std::vector<AttentionItem> AttentionList(std::span<const ClientCareState> clients) {
  struct Ranked {
    AttentionItem item;
    std::int64_t waiting_since;
  };
  std::vector<Ranked> ranked;
  for (const ClientCareState& client : clients) {
    auto reasons = ReasonsFor(client);
    if (reasons.empty())
      continue;
    Ranked entry{{client.client_id, reasons.front().first, {}}, client.waiting_since};
    entry.item.reasons.reserve(reasons.size());
    for (auto& [tier, reason] : reasons)
      entry.item.reasons.push_back(std::move(reason));
    ranked.push_back(std::move(entry));
  }
  std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    if (a.item.tier != b.item.tier)
      return a.item.tier < b.item.tier;
    if (a.waiting_since != b.waiting_since)
      return a.waiting_since < b.waiting_since;
    return a.item.client_id < b.item.client_id;
  });
  std::vector<AttentionItem> out;
  out.reserve(ranked.size());
  for (auto& entry : ranked)
    out.push_back(std::move(entry.item));
  return out;
}

}  // namespace backplan::core
