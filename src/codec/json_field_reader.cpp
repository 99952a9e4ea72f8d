#include "codec/json_field_reader.h"

#include <algorithm>

namespace backplan::codec {

using nlohmann::json;

std::string ChildPath(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::string IndexPath(const std::string& parent, std::size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

std::string ShownValue(const json& value) {
  constexpr std::size_t kMaxShown = 60;
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > kMaxShown)
    text = text.substr(0, kMaxShown) + "…";
  return text;
}

std::string JsonTypeName(const json& value) {
  if (value.is_number_integer() || value.is_number_unsigned())
    return "integer";
  if (value.is_number_float())
    return "number";
  return value.type_name();
}

void JsonFieldReader::Fail(const std::string& path, std::string reason) {
  errors_.push_back({path.empty() ? "(root)" : path, std::move(reason)});
}

const json* JsonFieldReader::Member(const json& object, const std::string& parent,
                                    std::string_view key, bool required) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    if (required)
      Fail(ChildPath(parent, key), "is required");
    return nullptr;
  }
  return &*it;
}

const json* JsonFieldReader::Object(const json& object, const std::string& parent,
                                    std::string_view key, bool required) {
  const json* v = Member(object, parent, key, required);
  if (v && !v->is_object()) {
    Fail(ChildPath(parent, key), "must be an object, got " + JsonTypeName(*v));
    return nullptr;
  }
  return v;
}

const json* JsonFieldReader::Array(const json& object, const std::string& parent,
                                   std::string_view key, bool required) {
  const json* v = Member(object, parent, key, required);
  if (v && !v->is_array()) {
    Fail(ChildPath(parent, key), "must be an array, got " + JsonTypeName(*v));
    return nullptr;
  }
  return v;
}

void JsonFieldReader::RejectUnknownKeys(const json& object, const std::string& path,
                                        std::initializer_list<std::string_view> known) {
  for (const auto& [key, value] : object.items())
    if (std::find(known.begin(), known.end(), key) == known.end())
      Fail(ChildPath(path, key), "is not a known field");
}

}  // namespace backplan::codec
