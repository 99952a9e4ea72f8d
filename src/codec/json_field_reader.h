#pragma once
// The part of reading a JSON document that every input format shares: find a
// member, check its type, and record each problem under the field's path
// ("pain.nprs.now", "regions[1].pressure") instead of stopping at the first.
// Format readers (intake_json.cpp, care_json.cpp) derive from it and add
// their own value rules.

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/field_error.h"

namespace backplan::codec {

std::string ChildPath(const std::string& parent, std::string_view key);
std::string IndexPath(const std::string& parent, std::size_t index);
// A value as shown in an error message: JSON text, never throwing on bad
// UTF-8, and cut short so that a huge input cannot make a huge message.
std::string ShownValue(const nlohmann::json& value);
// "integer", "number", "string", … as a user would call the type.
std::string JsonTypeName(const nlohmann::json& value);

class JsonFieldReader {
 public:
  explicit JsonFieldReader(core::FieldErrors& errors) : errors_(errors) {}

  void Fail(const std::string& path, std::string reason);

  // The member `key` of `object`, or null when absent (then, if required,
  // an error). A JSON null counts as absent.
  const nlohmann::json* Member(const nlohmann::json& object, const std::string& parent,
                               std::string_view key, bool required);
  const nlohmann::json* Object(const nlohmann::json& object, const std::string& parent,
                               std::string_view key, bool required);
  const nlohmann::json* Array(const nlohmann::json& object, const std::string& parent,
                              std::string_view key, bool required);

  // Keys outside `known` are errors: a misspelt optional key would otherwise
  // drop its value without a word.
  void RejectUnknownKeys(const nlohmann::json& object, const std::string& path,
                         std::initializer_list<std::string_view> known);

 private:
  core::FieldErrors& errors_;
};

}  // namespace backplan::codec
