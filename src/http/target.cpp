#include "http/target.h"

namespace backplan::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

bool IsControl(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte < 0x20 || byte == 0x7f;
}

// Decodes once; the checks run on the decoded text, which is what handlers see.
std::optional<std::string> Decode(std::string_view text, bool plus_is_space, bool allow_slash) {
  std::string decoded;
  decoded.reserve(text.size());
  for (std::size_t index = 0; index < text.size(); ++index) {
    char c = text[index];
    if (c == '%') {
      if (index + 2 >= text.size()) {  // needs two more characters
        return std::nullopt;
      }
      const int high = HexValue(text[index + 1]);
      const int low = HexValue(text[index + 2]);
      if (high < 0 || low < 0) {
        return std::nullopt;
      }
      c = static_cast<char>(high * 16 + low);
      index += 2;
    } else if (c == '+' && plus_is_space) {
      c = ' ';
    }
    if (IsControl(c) || (c == '/' && !allow_slash)) {
      return std::nullopt;
    }
    decoded.push_back(c);
  }
  return decoded;
}

}  // namespace

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> segments;
  if (path.size() <= 1) {
    return segments;  // "/" (or, defensively, ""): the root has no segments
  }
  std::size_t start = 1;
  while (true) {
    const std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) {
      segments.push_back(path.substr(start));
      return segments;
    }
    segments.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
}

std::optional<std::string> DecodePathSegment(std::string_view segment) {
  return Decode(segment, /*plus_is_space=*/false, /*allow_slash=*/false);
}

std::optional<QueryParams> ParseQuery(std::string_view query) {
  QueryParams params;
  std::size_t start = 0;
  while (start <= query.size()) {
    std::size_t end = query.find('&', start);
    if (end == std::string_view::npos) {
      end = query.size();
    }
    const std::string_view piece = query.substr(start, end - start);
    if (!piece.empty()) {
      const std::size_t equals = piece.find('=');
      auto name = Decode(piece.substr(0, equals), true, true);
      auto value = equals == std::string_view::npos ? std::optional<std::string>(std::string())
                                                    : Decode(piece.substr(equals + 1), true, true);
      if (!name || !value) {
        return std::nullopt;
      }
      params.emplace_back(std::move(*name), std::move(*value));
    }
    start = end + 1;
  }
  return params;
}

}  // namespace backplan::http
