#include "codec/diary_csv_cells.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

namespace backplan::codec::diary_cells {
namespace {

using core::ExposureKind;

// Length of the valid UTF-8 sequence starting at `at`, or 0 when the bytes
// there are not one (overlong forms and surrogates included).
std::size_t SequenceLength(std::string_view s, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = byte(at);
  if (lead < 0x80)
    return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0)
      low = 0xA0;
    if (lead == 0xED)
      high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0)
      low = 0x90;
    if (lead == 0xF4)
      high = 0x8F;
  } else {
    return 0;
  }
  if (at + length > s.size() || byte(at + 1) < low || byte(at + 1) > high)
    return 0;
  for (std::size_t i = 2; i < length; ++i)
    if (byte(at + i) < 0x80 || byte(at + i) > 0xBF)
      return 0;
  return length;
}

// Unquoted cells come trimmed from libcsv; quoted ones keep their blanks,
// which mean nothing around a number or a date.
std::string_view Trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos)
    return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return out;
}

template <typename T>
CellRead<T> Fail(std::string reason) {
  return {std::nullopt, std::move(reason)};
}

CellRead<double> WholeNumber(std::string_view text, long long max) {
  long long value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0 || value > max)
    return Fail<double>(fmt::format("must be a whole number 0–{}, got {}", max, Shown(text)));
  return {static_cast<double>(value), {}};
}

CellRead<double> Decimal(std::string_view text, double max) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value) || value < 0 ||
      value > max) {
    const char* hint = text.find(',') != std::string_view::npos ? " (use a decimal point)" : "";
    return Fail<double>(fmt::format("must be a number 0–{}, got {}{}", max, Shown(text), hint));
  }
  return {value, {}};
}

CellRead<double> YesNo(std::string_view text) {
  const std::string word = Lower(text);
  if (word == "1" || word == "yes" || word == "true")
    return {1.0, {}};
  if (word == "0" || word == "no" || word == "false")
    return {0.0, {}};
  return Fail<double>("must be yes or no (or 1/0, true/false), got " + Shown(text));
}

bool IsItemIdCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = SequenceLength(text, at);
    if (length == 0)
      return false;
    at += length;
  }
  return true;
}

std::string Shown(std::string_view text) {
  constexpr std::size_t kMaxShownBytes = 40;
  std::string out = "\"";
  for (std::size_t at = 0; at < text.size();) {
    if (out.size() > kMaxShownBytes) {
      out += "…";
      break;
    }
    const std::size_t length = SequenceLength(text, at);
    const auto byte = static_cast<unsigned char>(text[at]);
    if (length == 0 || byte < 0x20 || byte == 0x7F) {
      out += fmt::format("\\x{:02X}", byte);
      ++at;
    } else {
      out.append(text.substr(at, length));
      at += length;
    }
  }
  return out + "\"";
}

CellRead<std::chrono::sys_days> ReadDate(std::string_view cell) {
  using namespace std::chrono;
  const std::string_view text = Trimmed(cell);
  if (text.empty())
    return Fail<sys_days>("is required");
  const auto digits = [&](std::size_t from, std::size_t count) {
    return std::all_of(text.begin() + from, text.begin() + from + count,
                       [](char c) { return c >= '0' && c <= '9'; });
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !digits(0, 4) || !digits(5, 2) ||
      !digits(8, 2))
    return Fail<sys_days>("must be a date YYYY-MM-DD, got " + Shown(text));
  const auto number = [&](std::size_t from, std::size_t count) {
    int value = 0;
    std::from_chars(text.data() + from, text.data() + from + count, value);
    return value;
  };
  const int y = number(0, 4);
  const year_month_day date{year{y}, month{static_cast<unsigned>(number(5, 2))},
                            day{static_cast<unsigned>(number(8, 2))}};
  if (!date.ok() || y < kMinYear || y > kMaxYear)
    return Fail<sys_days>("is not a valid calendar date: " + Shown(text));
  return {sys_days{date}, {}};
}

CellRead<int> ReadPain(std::string_view cell) {
  const std::string_view text = Trimmed(cell);
  if (text.empty())
    return {};
  const auto read = WholeNumber(text, 10);
  if (!read.value)
    return Fail<int>(read.error);
  return {static_cast<int>(*read.value), {}};
}

CellRead<double> ReadExposure(std::string_view cell, ExposureKind kind) {
  const std::string_view text = Trimmed(cell);
  if (text.empty())
    return {};
  switch (kind) {
    case ExposureKind::minutes:
      return WholeNumber(text, 1440);
    case ExposureKind::count:
      return WholeNumber(text, 1000);
    case ExposureKind::hours:
      return Decimal(text, 24);
    case ExposureKind::scale:
      return WholeNumber(text, 10);
    case ExposureKind::yes_no:
      return YesNo(text);
  }
  return Fail<double>("has an exposure kind this version cannot read");
}

CellRead<std::vector<std::string>> ReadHomeProgram(std::string_view cell) {
  using Items = std::vector<std::string>;
  Items items;
  std::set<std::string_view> seen;
  std::size_t from = 0;
  while (from <= cell.size()) {
    const std::size_t end = std::min(cell.find(';', from), cell.size());
    const std::string_view item = Trimmed(cell.substr(from, end - from));
    from = end + 1;
    if (item.empty())
      continue;  // "a;;b" and a trailing ";" are harmless
    if (item.size() > kMaxItemIdBytes || !std::all_of(item.begin(), item.end(), IsItemIdCharacter))
      return Fail<Items>("item " + Shown(item) +
                         " is not a plan item id (letters, digits, '_', '.', '-'; at most " +
                         std::to_string(kMaxItemIdBytes) + ")");
    if (!seen.insert(item).second)
      return Fail<Items>("lists " + Shown(item) + " twice");
    if (items.size() == kMaxHomeProgramItems)
      return Fail<Items>("lists more than " + std::to_string(kMaxHomeProgramItems) + " items");
    items.emplace_back(item);
  }
  return {std::move(items), {}};
}

CellRead<std::string> ReadNote(std::string_view text) {
  if (!IsValidUtf8(text))
    return Fail<std::string>("is not valid UTF-8 text (save the file as UTF-8)");
  // Characters, not bytes: a note in Greek must not get a third of the room.
  const auto characters = static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
  if (characters > kMaxNoteCharacters)
    return Fail<std::string>(
        fmt::format("must be at most {} characters long, has {}", kMaxNoteCharacters, characters));
  return {std::string(text), {}};
}

std::string DateText(std::chrono::sys_days date) {
  const std::chrono::year_month_day ymd{date};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

std::string ExposureText(double value) {
  // Fixed notation, shortest form that reads back to the same double: 30,
  // 7.5, never 1e-05.
  char buffer[400];
  const auto [end, ec] =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
  return ec == std::errc() ? std::string(buffer, end) : fmt::format("{}", value);
}

}  // namespace backplan::codec::diary_cells
