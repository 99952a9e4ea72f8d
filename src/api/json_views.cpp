#include "api/json_views.h"

namespace backplan::api {

using nlohmann::json;

namespace {
json OptionalId(const std::optional<storage::Id>& id) {
  return id ? json(*id) : json(nullptr);
}
}  // namespace

json UserJson(const storage::UserRow& user) {
  return {{"id", user.id},
          {"clinic_id", user.clinic_id},
          {"email", user.email},
          {"display_name", user.display_name},
          {"role", storage::Name(user.role)},
          {"active", user.active},
          {"password_set", !user.password_hash.empty()},
          {"created_at", user.created_at}};
}

json ClientJson(const storage::ClientRow& client) {
  return {{"id", client.id},
          {"clinic_id", client.clinic_id},
          {"practitioner_id", client.practitioner_id},
          {"user_id", OptionalId(client.user_id)},
          {"display_name", client.display_name},
          {"created_at", client.created_at}};
}

json AuditJson(const storage::AuditRow& row) {
  return {{"id", row.id},
          {"at", row.at},
          {"actor_user_id", OptionalId(row.actor_user_id)},
          {"actor_role", row.actor_role},
          {"action", row.action},
          {"resource", row.resource},
          {"resource_id", OptionalId(row.resource_id)},
          {"client_id", OptionalId(row.client_id)},
          {"address", row.address},
          {"outcome", row.outcome}};
}

std::string AssessmentJsonText(const storage::AssessmentRow& row, bool with_documents) {
  json head = {{"id", row.id},
               {"client_id", row.client_id},
               {"version", row.version},
               {"supersedes", OptionalId(row.supersedes)},
               {"rules_version", row.rules_version},
               {"disposition", row.disposition},
               {"created_by", row.created_by},
               {"created_at", row.created_at}};
  std::string text = head.dump();
  if (!with_documents)
    return text;
  text.pop_back();  // the closing brace: the documents follow as raw JSON
  text.reserve(text.size() + row.intake_json.size() + row.result_json.size() + 24);
  text.append(",\"intake\":").append(row.intake_json);
  text.append(",\"result\":").append(row.result_json).push_back('}');
  return text;
}

}  // namespace backplan::api
