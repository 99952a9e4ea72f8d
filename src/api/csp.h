#pragma once
// Content-Security-Policy source expressions for inline content the server
// itself writes: a page may embed exactly that style (or script) and nothing
// else inline, without 'unsafe-inline'.

#include <string>
#include <string_view>

namespace backplan::api {

// 'sha256-<base64 of SHA-256(text)>', quotes included.
std::string CspHashSource(std::string_view text);

}  // namespace backplan::api
