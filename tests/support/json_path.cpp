#include "support/json_path.h"

#include <vector>

namespace backplan::testing {
namespace {

using nlohmann::ordered_json;

struct Segment {
  std::string member;
  bool has_selector = false;
  std::string selector;  // empty with has_selector = every element
};

std::vector<Segment> Split(const std::string& path) {
  std::vector<Segment> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t dot = path.find('.', start);
    if (dot == std::string::npos)
      dot = path.size();
    std::string part = path.substr(start, dot - start);
    Segment s;
    if (auto open = part.find('['); open != std::string::npos && part.back() == ']') {
      s.member = part.substr(0, open);
      s.has_selector = true;
      s.selector = part.substr(open + 1, part.size() - open - 2);
    } else {
      s.member = part;
    }
    segments.push_back(s);
    start = dot + 1;
  }
  return segments;
}

std::optional<ordered_json> Walk(const ordered_json& node, const std::vector<Segment>& segments,
                                 std::size_t index) {
  if (index == segments.size())
    return node;
  const Segment& s = segments[index];
  const ordered_json* current = &node;
  if (!s.member.empty()) {
    if (!current->is_object() || !current->contains(s.member))
      return std::nullopt;
    current = &(*current)[s.member];
  }
  if (!s.has_selector)
    return Walk(*current, segments, index + 1);
  if (!current->is_array())
    return std::nullopt;
  if (s.selector.empty()) {
    ordered_json all = ordered_json::array();
    for (const auto& element : *current) {
      auto v = Walk(element, segments, index + 1);
      if (!v)
        continue;
      if (v->is_array() && index + 1 < segments.size()) {
        for (auto& inner : *v)
          all.push_back(inner);
      } else {
        all.push_back(*v);
      }
    }
    return all;
  }
  if (std::all_of(s.selector.begin(), s.selector.end(), ::isdigit)) {
    const std::size_t i = std::stoul(s.selector);
    if (i >= current->size())
      return std::nullopt;
    return Walk((*current)[i], segments, index + 1);
  }
  for (const auto& element : *current) {
    for (const char* key : {"region", "id", "technique"}) {
      if (element.is_object() && element.contains(key) && element[key] == s.selector)
        return Walk(element, segments, index + 1);
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<ordered_json> ValueAt(const ordered_json& doc, const std::string& path) {
  return Walk(doc, Split(path), 0);
}

}  // namespace backplan::testing
