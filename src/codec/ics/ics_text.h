#pragma once
// RFC 5545 lexical rules: TEXT escaping, parameter values, UTC date-times and
// content lines (CRLF, folded at 75 octets without splitting a UTF-8 sequence).
// Pure: strings in, strings out.

#include <chrono>
#include <string>
#include <string_view>

namespace backplan::codec::ics {

// TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma get a
// backslash, a newline (LF or CRLF) becomes "\n"; other control characters
// (CR alone, NUL, ESC…) are dropped: they cannot be written as TEXT.
std::string EscapeText(std::string_view text);

// A parameter value such as CN (3.2): quoted when it holds ':' ';' or ',';
// double quotes and control characters are dropped (they cannot be quoted).
std::string ParamValue(std::string_view value);

// A URI or CAL-ADDRESS value: written as is, minus control characters and
// spaces, so a value can never end the line and start a property of its own.
std::string UriValue(std::string_view uri);

// "20270314T130000Z" (3.3.5, form #2: UTC).
std::string UtcDateTime(std::chrono::sys_seconds instant);

// One content line "NAME;PARAMS:value" as written: folded so that no physical
// line exceeds 75 octets (continuation lines start with one space), a fold
// never falls inside a UTF-8 sequence, each physical line ends in CRLF.
std::string ContentLine(std::string_view unfolded);

}  // namespace backplan::codec::ics
