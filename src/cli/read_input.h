#pragma once
// Reading a command's input file ("-" = standard input) whole, with a size
// limit, for every subcommand that takes a file.

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace backplan::cli {

// The whole input as text, or nullopt after reporting on `err` why it cannot
// be read. Stops as soon as the text passes `max_bytes`, so a huge file is
// refused without reading it all; `too_large_hint` follows that message.
std::optional<std::string> ReadInputText(const std::string& path, std::istream& in,
                                         std::ostream& err, std::size_t max_bytes,
                                         std::string_view too_large_hint = "");

}  // namespace backplan::cli
