#include "api/csp.h"

#include <sodium.h>

#include <array>
#include <stdexcept>

namespace backplan::api {

std::string CspHashSource(std::string_view text) {
  if (sodium_init() < 0)
    throw std::runtime_error("libsodium failed to initialise");
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(text.data()),
                     text.size());
  std::array<char,
             sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES, sodium_base64_VARIANT_ORIGINAL)>
      base64{};
  sodium_bin2base64(base64.data(), base64.size(), digest.data(), digest.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  return "'sha256-" + std::string(base64.data()) + "'";
}

}  // namespace backplan::api
