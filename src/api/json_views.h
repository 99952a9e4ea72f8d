#pragma once
// How stored rows look in API responses. Password hashes and token hashes
// never leave the server.

#include <nlohmann/json.hpp>
#include <string>

#include "storage/records.h"

namespace backplan::api {

nlohmann::json UserJson(const storage::UserRow& user);
nlohmann::json ClientJson(const storage::ClientRow& client);
nlohmann::json AuditJson(const storage::AuditRow& row);
// The assessment with its stored intake and result embedded as JSON, written
// directly from the stored text (both were produced or validated as JSON).
std::string AssessmentJsonText(const storage::AssessmentRow& row, bool with_documents = true);

}  // namespace backplan::api
