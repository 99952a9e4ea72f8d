#include "api/attention_routes.h"

#include <nlohmann/json.hpp>
#include <string_view>

#include "api/handler_support.h"

namespace backplan::api {
namespace {

using nlohmann::ordered_json;

std::string_view TierName(core::AttentionTier tier) {
  switch (tier) {
    case core::AttentionTier::red_flags:
      return "red_flags";
    case core::AttentionTier::flare:
      return "flare";
    case core::AttentionTier::overdue_check_in:
      return "overdue_check_in";
    case core::AttentionTier::short_lived_relief:
      return "short_lived_relief";
    case core::AttentionTier::due_check_in:
      return "due_check_in";
  }
  return "unknown";
}

ordered_json EntryJson(const service::AttentionEntry& entry) {
  ordered_json reasons = ordered_json::array();
  for (const auto& reason : entry.item.reasons)
    reasons.push_back(
        {{"rule_id", reason.rule_id}, {"text", reason.text}, {"source", reason.source}});
  return {{"client_id", entry.item.client_id},
          {"name", entry.name.empty() ? ordered_json(nullptr) : ordered_json(entry.name)},
          {"tier", TierName(entry.item.tier)},
          {"reasons", std::move(reasons)}};
}

Response List(service::AttentionService& attention, const Principal& p) {
  auto entries = attention.List(p);
  if (!entries.ok())
    return ProblemFor(entries.error());
  ordered_json items = ordered_json::array();
  for (const auto& entry : entries.value())
    items.push_back(EntryJson(entry));
  return Response::JsonText(200, ordered_json{{"items", std::move(items)}}.dump(
                                     -1, ' ', false, ordered_json::error_handler_t::replace));
}

}  // namespace

void AddAttentionRoutes(http::Router& router, const std::shared_ptr<ApiServices>& s) {
  router.Add("GET", "/api/v1/attention",
             Authed(*s, [s](const Principal& p, const Request&, const PathParams&) {
               if (s->attention == nullptr)
                 return Response::Problem(503, "Service Unavailable",
                                          "the attention list is not available");
               return List(*s->attention, p);
             }));
}

}  // namespace backplan::api
