#pragma once
// Diary CSV v1, one cell at a time: the text of a cell → its value, or why it
// is not acceptable; and a value → its text. An empty cell is "not recorded"
// (neither value nor error) except where a value is required. Internal to the
// diary codec; the file-level rules (header, rows, dates) are in diary_csv.cpp.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diary.h"

namespace backplan::codec::diary_cells {

template <typename T>
struct CellRead {
  std::optional<T> value;
  std::string error;  // a reason such as "must be a whole number 0–10, got \"12\""
};

inline constexpr int kMinYear = 1900;  // the same calendar bounds as the intake
inline constexpr int kMaxYear = 2200;
inline constexpr std::size_t kMaxNoteCharacters = 500;
inline constexpr std::size_t kMaxHomeProgramItems = 50;
inline constexpr std::size_t kMaxItemIdBytes = 64;

CellRead<std::chrono::sys_days> ReadDate(std::string_view text);  // required
CellRead<int> ReadPain(std::string_view text);                    // NPRS 0–10
CellRead<double> ReadExposure(std::string_view text, core::ExposureKind kind);
CellRead<std::vector<std::string>> ReadHomeProgram(std::string_view text);  // ids split by ';'
CellRead<std::string> ReadNote(std::string_view text);

std::string DateText(std::chrono::sys_days date);  // YYYY-MM-DD
std::string ExposureText(double value);            // shortest text that reads back exactly

// A cell's text as shown in a reason: quoted, cut short, with control bytes
// and invalid UTF-8 escaped, so that a message is always short, printable text.
std::string Shown(std::string_view text);

bool IsValidUtf8(std::string_view text);

}  // namespace backplan::codec::diary_cells
