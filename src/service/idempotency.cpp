#include "service/idempotency.h"

#include "service/secrets.h"

namespace backplan::service {

std::optional<ServiceError> IdempotencyKeyProblem(const std::optional<std::string>& key) {
  if (key && (key->empty() || key->size() > kMaxIdempotencyKey))
    return Invalid("Idempotency-Key", "must be 1–200 characters");
  return std::nullopt;
}

std::string IdempotencyRequestHash(std::string_view operation, std::string_view request) {
  std::string text;
  text.reserve(operation.size() + 1 + request.size());
  text.append(operation).push_back('\n');
  text.append(request);
  return HashToken(text);
}

Outcome<std::optional<EarlierResult>> LookUpIdempotencyKey(storage::ReadTx& tx, const Principal& p,
                                                           const std::optional<std::string>& key,
                                                           const std::string& request_hash) {
  if (!key)
    return std::optional<EarlierResult>{};
  const auto earlier = tx.Idempotency(p.user_id, *key);
  if (!earlier)
    return std::optional<EarlierResult>{};
  if (earlier->request_hash != request_hash)
    return ServiceError{
        core::ErrorKind::conflict, "this Idempotency-Key was used for a different request", {}, 0};
  return std::optional<EarlierResult>{EarlierResult{earlier->response_body}};
}

void RememberIdempotencyKey(storage::WriteTx& tx, const Principal& p,
                            const std::optional<std::string>& key, const std::string& request_hash,
                            const std::string& resource_id, storage::UnixSeconds now) {
  if (key)
    tx.InsertIdempotency({p.user_id, *key, request_hash, 201, resource_id, now});
}

}  // namespace backplan::service
