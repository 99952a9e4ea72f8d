#pragma once
// Idempotency-Key for the creating operations: a client that retries a create
// (a dropped connection, a double tap) with the same key gets the first
// result back instead of a second record. A key belongs to the user who sent
// it and stands for the whole request: the same key with a different
// operation or body is a conflict, never a silent replay of something else.

#include <optional>
#include <string>
#include <string_view>

#include "service/principal.h"
#include "service/service_error.h"
#include "storage/store.h"

namespace backplan::service {

inline constexpr std::size_t kMaxIdempotencyKey = 200;

// A problem with the key itself (empty or too long), or nothing.
std::optional<ServiceError> IdempotencyKeyProblem(const std::optional<std::string>& key);

// What the key stands for: the operation and the parts of the request that
// decide its result, hashed.
std::string IdempotencyRequestHash(std::string_view operation, std::string_view request);

struct EarlierResult {
  std::string resource_id;  // of what the first request created
};

// Inside the write transaction, before creating anything: the earlier result
// for this key, a conflict when the key was used for another request, or
// nothing (go ahead, then RememberIdempotencyKey in the same transaction).
Outcome<std::optional<EarlierResult>> LookUpIdempotencyKey(storage::ReadTx& tx, const Principal& p,
                                                           const std::optional<std::string>& key,
                                                           const std::string& request_hash);

void RememberIdempotencyKey(storage::WriteTx& tx, const Principal& p,
                            const std::optional<std::string>& key, const std::string& request_hash,
                            const std::string& resource_id, storage::UnixSeconds now);

}  // namespace backplan::service
