#pragma once
// Why something in a result is the way it is: the rule that decided it, a line
// a practitioner can read, and where the rule comes from (a source or
// "product rule"). Every recommendation the core makes carries one.

#include <string>

namespace backplan::core {

struct Reason {
  std::string rule_id;
  std::string text;
  std::string source;
};

}  // namespace backplan::core
