#include "codec/ics/ics_text.h"

#include <cstdio>

namespace backplan::codec::ics {
namespace {

constexpr std::size_t kMaxLineOctets = 75;

bool IsControl(unsigned char c) {
  return c < 0x20 || c == 0x7f;
}

bool IsUtf8Continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

}  // namespace

std::string EscapeText(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t idx = 0; idx < text.size(); ++idx) {
    const char c = text[idx];
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        if (idx + 1 < text.size() && text[idx + 1] == '\n') {
          out += "\\n";
          ++idx;
        }
        break;
      case '\t':
        out += ' ';  // TEXT allows HTAB, but some importers do not; a space reads the same
        break;
      default:
        if (!IsControl(static_cast<unsigned char>(c)))
          out += c;
    }
  }
  return out;
}

std::string ParamValue(std::string_view value) {
  std::string cleaned;
  bool needs_quotes = false;
  for (const char c : value) {
    if (c == '"' || IsControl(static_cast<unsigned char>(c)))
      continue;
    needs_quotes = needs_quotes || c == ':' || c == ';' || c == ',';
    cleaned += c;
  }
  return needs_quotes ? "\"" + cleaned + "\"" : cleaned;
}

std::string UriValue(std::string_view uri) {
  std::string cleaned;
  for (const char c : uri) {
    if (c != ' ' && !IsControl(static_cast<unsigned char>(c)))
      cleaned += c;
  }
  return cleaned;
}

std::string UtcDateTime(std::chrono::sys_seconds instant) {
  const auto day = std::chrono::floor<std::chrono::days>(instant);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss time{instant - day};
  char text[32];
  std::snprintf(text, sizeof text, "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return text;
}

std::string ContentLine(std::string_view unfolded) {
  std::string out;
  out.reserve(unfolded.size() + unfolded.size() / 70 * 3 + 2);
  std::size_t limit = kMaxLineOctets;  // octets left on this physical line
  while (unfolded.size() > limit) {
    std::size_t cut = limit;
    // Back off to the first octet of the character at the cut (a UTF-8
    // sequence is at most 4 octets, so this moves at most 3 places).
    while (cut > 0 && IsUtf8Continuation(static_cast<unsigned char>(unfolded[cut])))
      --cut;
    if (cut == 0)
      cut = limit;  // not UTF-8 at all; a cut anywhere is as good as any
    out.append(unfolded.substr(0, cut));
    out += "\r\n ";
    unfolded.remove_prefix(cut);
    limit = kMaxLineOctets - 1;  // the leading space counts
  }
  out.append(unfolded);
  out += "\r\n";
  return out;
}

}  // namespace backplan::codec::ics
