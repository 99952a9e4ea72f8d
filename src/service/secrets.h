#pragma once
// Password hashing and random tokens, from libsodium.
// Passwords: Argon2id with OWASP's recommended parameters (m = 19 MiB, t = 2,
// p = 1), stored in the PHC string format that carries its own salt and
// parameters. Tokens: 256 random bits, base64url; only their SHA-256 is ever
// stored, so a leaked database does not leak live sessions or links.
// Thread-safe: libsodium is initialised once.

#include <string>
#include <string_view>

namespace backplan::service {

inline constexpr unsigned long long kArgon2OpsLimit = 2;
inline constexpr std::size_t kArgon2MemLimitBytes = 19456ULL * 1024ULL;
inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordLength = 256;

// Throws std::runtime_error only when the system cannot allocate the memory.
std::string HashPassword(std::string_view password);
bool VerifyPassword(std::string_view password, const std::string& stored_hash);

// A fresh token of 256 random bits, base64url without padding (43 chars).
std::string NewToken();
// Hex SHA-256 of a token: what the store keeps.
std::string HashToken(std::string_view token);
// Constant-time comparison for secrets of equal length.
bool SecretsEqual(std::string_view a, std::string_view b);

}  // namespace backplan::service
