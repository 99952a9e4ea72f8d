#pragma once
// The request target's parts, decoded exactly once. Percent-decoding happens
// here and nowhere else, and what it yields is checked after decoding, so
// that "%2F" cannot become a path separator and "%0D%0A" cannot become a
// line break in a header or a log line (cpp-httplib CVE-2026-45372 decoded
// after validating).
//
// Thread-safety: pure functions.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace backplan::http {

// "/a/b" → {"a", "b"}; "/" → {}; "//a/" → {"", "a", ""}: empty segments are
// kept so that the caller can reject them. `path` must start with '/'.
std::vector<std::string_view> SplitPath(std::string_view path);

// One path segment with each %XX decoded once. nullopt when a '%' is not
// followed by two hex digits, or when the decoded text contains '/' or a
// control character (NUL, CR, LF, any byte below 0x20, DEL).
std::optional<std::string> DecodePathSegment(std::string_view segment);

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// "limit=20&q=a+b%21" → {{"limit","20"},{"q","a b!"}}, in order, repeats
// kept; "flag" without '=' has an empty value; empty pieces ("a=1&&b=2") are
// skipped. nullopt on a malformed escape or a decoded control character.
std::optional<QueryParams> ParseQuery(std::string_view query);

}  // namespace backplan::http
