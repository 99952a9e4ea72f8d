#include "cli/read_input.h"

#include <fstream>
#include <istream>
#include <ostream>

namespace backplan::cli {

std::optional<std::string> ReadInputText(const std::string& path, std::istream& in,
                                         std::ostream& err, std::size_t max_bytes,
                                         std::string_view too_large_hint) {
  const std::string shown = path == "-" ? "(stdin)" : path;
  std::ifstream file;
  std::istream* source = &in;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) {
      err << path << ": cannot open the file\n";
      return std::nullopt;
    }
    source = &file;
  }
  std::string text;
  char buffer[64 * 1024];
  while (source->read(buffer, sizeof buffer) || source->gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(source->gcount()));
    if (text.size() > max_bytes) {
      err << shown << ": larger than " << max_bytes << " bytes" << too_large_hint << "\n";
      return std::nullopt;
    }
  }
  if (source->bad()) {
    err << shown << ": read error\n";
    return std::nullopt;
  }
  return text;
}

}  // namespace backplan::cli
