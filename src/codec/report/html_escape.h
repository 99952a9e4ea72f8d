#pragma once
// Escaping for text placed in HTML element content or a quoted attribute.
// Every piece of data the report shows goes through this.

#include <string>
#include <string_view>

namespace backplan::codec {

std::string HtmlEscape(std::string_view text);

}  // namespace backplan::codec
