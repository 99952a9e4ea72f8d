// Diary CSV v1 (docs/diary-csv-v1.md): every error class with its physical
// line and column, all at once, never a partial diary; CRLF, BOM, quoted
// multi-line notes, custom exposures and a write → read round trip.

#include "codec/diary_csv.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <stdexcept>

namespace backplan::codec {
namespace {

using core::ExposureDefinition;
using core::ExposureKind;
using std::chrono::sys_days;
using namespace std::chrono_literals;

const std::vector<ExposureDefinition> kNoCustom;

std::string Listed(const DiaryCsvErrors& errors) {
  std::string out;
  for (const auto& e : errors)
    out += FormatDiaryCsvError(e) + "\n";
  return out;
}

DiaryCsvParse Parse(std::string_view text, const std::vector<ExposureDefinition>& custom = {}) {
  return ParseDiaryCsv(text, custom);
}

// The parse succeeded; returns the diary.
core::Diary Ok(std::string_view text, const std::vector<ExposureDefinition>& custom = {}) {
  const auto parsed = Parse(text, custom);
  EXPECT_TRUE(parsed.errors.empty()) << Listed(parsed.errors);
  EXPECT_TRUE(parsed.diary.has_value());
  return parsed.diary.value_or(core::Diary{});
}

const DiaryCsvError* ErrorAt(const DiaryCsvParse& p, std::size_t line, const std::string& column) {
  for (const auto& e : p.errors)
    if (e.line == line && (e.column == column || (column.empty() && e.column.empty())))
      return &e;
  return nullptr;
}

// The parse failed with an error at (line, column) whose reason contains
// `reason_part`; column "" means the whole row or a column without a name.
void ExpectError(const DiaryCsvParse& p, std::size_t line, const std::string& column,
                 const std::string& reason_part) {
  EXPECT_FALSE(p.diary.has_value());
  const auto* e = ErrorAt(p, line, column);
  ASSERT_NE(e, nullptr) << "no error at line " << line << ", column " << column << "; got:\n"
                        << Listed(p.errors);
  EXPECT_NE(e->reason.find(reason_part), std::string::npos)
      << e->reason << " should contain " << reason_part;
}

sys_days Day(int y, unsigned m, unsigned d) {
  return sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

// ---- Reading good files ---------------------------------------------------

TEST(DiaryCsv, ReadsEveryStandardColumn) {
  const auto diary =
      Ok("date,pain_morning,pain_evening,leg_pain,sitting_minutes,driving_minutes,standing_minutes,"
         "walking_minutes,lifts,bending,sleep_hours,sleep_quality,stress,exercise_done,massage,"
         "home_program_done,note\n"
         "2026-03-01,3,5,1,240,30,60,45,2,10,7.5,6,4,yes,0,walk.daily;pelvic_tilt,slept badly\n");
  ASSERT_EQ(diary.size(), 1u);
  const auto& e = diary[0];
  EXPECT_EQ(e.date, Day(2026, 3, 1));
  EXPECT_EQ(e.pain_morning, 3);
  EXPECT_EQ(e.pain_evening, 5);
  EXPECT_EQ(e.leg_pain, 1);
  EXPECT_EQ(e.exposures.at("sitting_minutes"), 240);
  EXPECT_EQ(e.exposures.at("driving_minutes"), 30);
  EXPECT_EQ(e.exposures.at("standing_minutes"), 60);
  EXPECT_EQ(e.exposures.at("walking_minutes"), 45);
  EXPECT_EQ(e.exposures.at("lifts"), 2);
  EXPECT_EQ(e.exposures.at("bending"), 10);
  EXPECT_EQ(e.exposures.at("sleep_hours"), 7.5);
  EXPECT_EQ(e.exposures.at("sleep_quality"), 6);
  EXPECT_EQ(e.exposures.at("stress"), 4);
  EXPECT_EQ(e.exposures.at("exercise_done"), 1);
  EXPECT_EQ(e.exposures.at("massage"), 0);
  EXPECT_EQ(e.home_program_done, (std::vector<std::string>{"walk.daily", "pelvic_tilt"}));
  EXPECT_EQ(e.note, "slept badly");
}

TEST(DiaryCsv, ColumnsInAnyOrderAndMostMayBeLeftOut) {
  const auto diary = Ok("stress,date,pain_evening\n4,2026-03-02,6\n");
  ASSERT_EQ(diary.size(), 1u);
  EXPECT_EQ(diary[0].date, Day(2026, 3, 2));
  EXPECT_EQ(diary[0].pain_evening, 6);
  EXPECT_FALSE(diary[0].pain_morning.has_value());
  EXPECT_EQ(diary[0].exposures.size(), 1u);
  EXPECT_EQ(diary[0].exposures.at("stress"), 4);
}

TEST(DiaryCsv, EmptyCellsAreNotRecordedNotZero) {
  const auto diary = Ok("date,pain_morning,sitting_minutes,note\n2026-03-01,,,\n");
  ASSERT_EQ(diary.size(), 1u);
  EXPECT_FALSE(diary[0].pain_morning.has_value());
  EXPECT_TRUE(diary[0].exposures.empty());
  EXPECT_EQ(diary[0].note, "");
}

TEST(DiaryCsv, EntriesComeSortedByDate) {
  const auto diary = Ok("date,pain_evening\n2026-03-03,1\n2026-03-01,2\n2026-03-02,3\n");
  ASSERT_EQ(diary.size(), 3u);
  EXPECT_EQ(diary[0].date, Day(2026, 3, 1));
  EXPECT_EQ(diary[1].date, Day(2026, 3, 2));
  EXPECT_EQ(diary[2].date, Day(2026, 3, 3));
  EXPECT_EQ(diary[0].pain_evening, 2);
}

TEST(DiaryCsv, HeaderAloneIsAnEmptyDiary) {
  EXPECT_TRUE(Ok("date,pain_morning\n").empty());
}

TEST(DiaryCsv, YesNoAcceptsWordsAndDigitsInAnyCase) {
  const auto diary =
      Ok("date,massage\n2026-03-01,YES\n2026-03-02,no\n2026-03-03,True\n2026-03-04,false\n"
         "2026-03-05,1\n2026-03-06,0\n");
  ASSERT_EQ(diary.size(), 6u);
  const double expected[] = {1, 0, 1, 0, 1, 0};
  for (std::size_t i = 0; i < 6; ++i)
    EXPECT_EQ(diary[i].exposures.at("massage"), expected[i]) << i;
}

TEST(DiaryCsv, QuotedNumbersMayHaveBlanksAround) {
  const auto diary = Ok("date,pain_morning,sleep_hours\n\" 2026-03-01 \",\" 4\",\"6.25 \"\n");
  ASSERT_EQ(diary.size(), 1u);
  EXPECT_EQ(diary[0].pain_morning, 4);
  EXPECT_EQ(diary[0].exposures.at("sleep_hours"), 6.25);
}

TEST(DiaryCsv, RowsOfBareCommasAndBlankLinesAreSkipped) {
  const auto diary = Ok("date,pain_morning\n\n2026-03-01,2\n   \n,\n,\n");
  EXPECT_EQ(diary.size(), 1u);
}

TEST(DiaryCsv, CrlfLineEndsAreRead) {
  const auto diary = Ok("date,pain_morning,note\r\n2026-03-01,2,\"a\r\nb\"\r\n2026-03-02,3,\r\n");
  ASSERT_EQ(diary.size(), 2u);
  EXPECT_EQ(diary[0].note, "a\r\nb");  // inside quotes the text is kept as written
  EXPECT_EQ(diary[1].pain_morning, 3);
}

TEST(DiaryCsv, Utf8ByteOrderMarkIsSkipped) {
  const auto diary =
      Ok("\xEF\xBB\xBF"
         "date,pain_morning\n2026-03-01,2\n");
  ASSERT_EQ(diary.size(), 1u);
  EXPECT_EQ(diary[0].pain_morning, 2);
}

TEST(DiaryCsv, LastLineMayLackItsLineEnd) {
  EXPECT_EQ(Ok("date,pain_morning\n2026-03-01,2").size(), 1u);
}

TEST(DiaryCsv, HomeProgramItemsAreSplitOnSemicolonsAndTrimmed) {
  const auto diary = Ok("date,home_program_done\n2026-03-01,\"a.walk; b-tilt ;;c_1;\"\n");
  ASSERT_EQ(diary.size(), 1u);
  EXPECT_EQ(diary[0].home_program_done, (std::vector<std::string>{"a.walk", "b-tilt", "c_1"}));
}

// ---- Custom exposures -----------------------------------------------------

const std::vector<ExposureDefinition> kGardening = {
    {"gardening_minutes", ExposureKind::minutes, "Gardening (minutes)"},
    {"heavy_bag", ExposureKind::yes_no, "Carried the heavy bag"},
};

TEST(DiaryCsv, CustomExposuresAreColumnsWithTheirKindsRange) {
  const auto diary =
      Ok("date,gardening_minutes,heavy_bag\n2026-03-01,90,yes\n2026-03-02,,0\n", kGardening);
  ASSERT_EQ(diary.size(), 2u);
  EXPECT_EQ(diary[0].exposures.at("gardening_minutes"), 90);
  EXPECT_EQ(diary[0].exposures.at("heavy_bag"), 1);
  EXPECT_FALSE(diary[1].exposures.contains("gardening_minutes"));

  const auto p = Parse("date,gardening_minutes\n2026-03-01,1441\n", kGardening);
  ExpectError(p, 2, "gardening_minutes", "must be a whole number 0–1440");
}

TEST(DiaryCsv, CustomColumnWithoutItsDefinitionIsUnknown) {
  const auto p = Parse("date,gardening_minutes\n2026-03-01,90\n");
  ASSERT_EQ(p.errors.size(), 1u) << Listed(p.errors);
  ExpectError(p, 1, "", "unknown column \"gardening_minutes\"");
  EXPECT_EQ(p.errors[0].column_number, 2u);
}

TEST(DiaryCsv, CustomDefinitionsMustNotClashRepeatOrBeBadNames) {
  const std::vector<ExposureDefinition> bad = {
      {"sitting_minutes", ExposureKind::minutes, "clash with a standard exposure"},
      {"note", ExposureKind::count, "clash with a fixed column"},
      {"Yoga Class", ExposureKind::yes_no, "not snake_case"},
      {"yoga", ExposureKind::yes_no, "first"},
      {"yoga", ExposureKind::yes_no, "again"},
  };
  const auto p = Parse("date\n2026-03-01\n", bad);
  EXPECT_FALSE(p.diary);
  ASSERT_EQ(p.errors.size(), 4u) << Listed(p.errors);
  EXPECT_NE(Listed(p.errors).find("\"sitting_minutes\" has the name of a standard column"),
            std::string::npos);
  EXPECT_NE(Listed(p.errors).find("\"note\" has the name of a standard column"), std::string::npos);
  EXPECT_NE(Listed(p.errors).find("\"Yoga Class\" must be a snake_case name"), std::string::npos);
  EXPECT_NE(Listed(p.errors).find("\"yoga\" is defined twice"), std::string::npos);
  for (const auto& e : p.errors)
    EXPECT_EQ(e.line, 0u);
}

// ---- File-level errors ----------------------------------------------------

TEST(DiaryCsv, EmptyFileIsAnError) {
  for (const char* text : {"", "\n\n", "\xEF\xBB\xBF", "  \r\n\t\n"}) {
    const auto p = Parse(text);
    EXPECT_FALSE(p.diary);
    ASSERT_EQ(p.errors.size(), 1u) << Listed(p.errors);
    EXPECT_EQ(p.errors[0].line, 0u);
    EXPECT_NE(p.errors[0].reason.find("the file is empty"), std::string::npos);
  }
}

TEST(DiaryCsv, MissingHeaderIsOneClearError) {
  const auto p = Parse("2026-03-01,3,4\n2026-03-02,3,4\n");
  ASSERT_EQ(p.errors.size(), 1u) << Listed(p.errors);
  ExpectError(p, 1, "", "the first line must be the header");
}

TEST(DiaryCsv, HeaderWithoutDateColumn) {
  const auto p = Parse("pain_morning,pain_evening\n3,4\n");
  ASSERT_EQ(p.errors.size(), 1u) << Listed(p.errors);
  ExpectError(p, 1, "", "the header has no date column");
}

TEST(DiaryCsv, DuplicateHeaderNames) {
  const auto p = Parse("date,stress,pain_morning,stress\n2026-03-01,1,2,3\n");
  ExpectError(p, 1, "stress", "the column appears twice (first as column 2)");
  EXPECT_EQ(ErrorAt(p, 1, "stress")->column_number, 4u);
}

TEST(DiaryCsv, UnknownColumnSuggestsTheLowerCaseName) {
  const auto p = Parse("date,Pain_Morning,mood\n2026-03-01,2,ok\n");
  ASSERT_EQ(p.errors.size(), 2u) << Listed(p.errors);
  EXPECT_EQ(p.errors[0].column_number, 2u);
  EXPECT_NE(p.errors[0].reason.find("did you mean \"pain_morning\"?"), std::string::npos);
  EXPECT_EQ(p.errors[1].column_number, 3u);
  EXPECT_NE(p.errors[1].reason.find("unknown column \"mood\""), std::string::npos);
}

TEST(DiaryCsv, EmptyHeaderName) {
  const auto p = Parse("date,pain_morning,\n2026-03-01,2,\n");
  ASSERT_EQ(p.errors.size(), 1u) << Listed(p.errors);
  EXPECT_EQ(p.errors[0].column_number, 3u);
  EXPECT_NE(p.errors[0].reason.find("names no column"), std::string::npos);
}

TEST(DiaryCsv, HeaderErrorsDoNotHideRowErrors) {
  const auto p = Parse("date,mood,pain_morning\n2026-03-01,ok,11\n");
  ASSERT_EQ(p.errors.size(), 2u) << Listed(p.errors);
  ExpectError(p, 1, "", "unknown column \"mood\"");
  ExpectError(p, 2, "pain_morning", "must be a whole number 0–10, got \"11\"");
}

TEST(DiaryCsv, FileLargerThanTheLimitIsRefusedUnread) {
  std::string text = "date,note\n";
  text.resize(kMaxDiaryCsvBytes + 1, '\n');
  const auto p = Parse(text);
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_EQ(p.errors[0].line, 0u);
  EXPECT_NE(p.errors[0].reason.find("larger than 5242880 bytes"), std::string::npos);
}

std::string DaysFile(std::size_t days) {
  std::string text = "date,pain_morning\n";
  sys_days date = Day(2000, 1, 1);
  for (std::size_t i = 0; i < days; ++i, date += std::chrono::days{1}) {
    const std::chrono::year_month_day ymd{date};
    char row[32];
    std::snprintf(row, sizeof row, "%04d-%02u-%02u,3\n", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    text += row;
  }
  return text;
}

TEST(DiaryCsv, RowLimitIsAllowedAndOneMoreIsRefused) {
  EXPECT_EQ(Ok(DaysFile(kMaxDiaryCsvRows)).size(), kMaxDiaryCsvRows);
  const auto p = Parse(DaysFile(kMaxDiaryCsvRows + 1));
  EXPECT_FALSE(p.diary);
  ASSERT_EQ(p.errors.size(), 1u) << Listed(p.errors);
  ExpectError(p, kMaxDiaryCsvRows + 2, "", "more than 20000 days");
}

TEST(DiaryCsv, AHugeRowOfCommasStopsReading) {
  std::string text = "date,pain_morning\n2026-03-01," + std::string(100000, ',') + "\n";
  const auto p = Parse(text);
  ASSERT_EQ(p.errors.size(), 1u) << Listed(p.errors);
  ExpectError(p, 2, "", "fields");
}

// ---- Row errors -----------------------------------------------------------

TEST(DiaryCsv, BadDates) {
  const auto p = Parse(
      "date,pain_morning\n"
      "2026-02-30,1\n"  // no such day
      "2026-2-3,1\n"    // wrong layout
      "1899-12-31,1\n"  // before the calendar bounds
      "yesterday,1\n"
      ",1\n");  // a row without its date
  ExpectError(p, 2, "date", "is not a valid calendar date: \"2026-02-30\"");
  ExpectError(p, 3, "date", "must be a date YYYY-MM-DD, got \"2026-2-3\"");
  ExpectError(p, 4, "date", "is not a valid calendar date");
  ExpectError(p, 5, "date", "must be a date YYYY-MM-DD, got \"yesterday\"");
  ExpectError(p, 6, "date", "is required");
  EXPECT_EQ(p.errors.size(), 5u) << Listed(p.errors);
}

TEST(DiaryCsv, LeapDayIsAValidDate) {
  EXPECT_EQ(Ok("date\n2028-02-29\n").size(), 1u);
}

TEST(DiaryCsv, DuplicateDatesNameTheFirstLine) {
  const auto p = Parse("date,pain_morning\n2026-03-01,1\n2026-03-02,1\n2026-03-01,2\n");
  ASSERT_EQ(p.errors.size(), 1u) << Listed(p.errors);
  ExpectError(p, 4, "date", "the date 2026-03-01 is already on line 2");
}

TEST(DiaryCsv, PainOutOfRangeOrNotAWholeNumber) {
  const auto p = Parse(
      "date,pain_morning,pain_evening,leg_pain\n"
      "2026-03-01,11,-1,4.5\n"
      "2026-03-02,abc,+3,99999999999999999999\n");
  ExpectError(p, 2, "pain_morning", "must be a whole number 0–10, got \"11\"");
  ExpectError(p, 2, "pain_evening", "got \"-1\"");
  ExpectError(p, 2, "leg_pain", "got \"4.5\"");
  ExpectError(p, 3, "pain_morning", "got \"abc\"");
  ExpectError(p, 3, "pain_evening", "got \"+3\"");
  ExpectError(p, 3, "leg_pain", "got \"99999999999999999999\"");
  EXPECT_EQ(p.errors.size(), 6u) << Listed(p.errors);
}

TEST(DiaryCsv, ExposureRangesFollowTheirKind) {
  const auto p = Parse(
      "date,sitting_minutes,lifts,sleep_hours,sleep_quality,exercise_done\n"
      "2026-03-01,1441,1001,24.5,11,maybe\n"
      "2026-03-02,1440,1000,24,10,yes\n"
      "2026-03-03,30.5,2,\"7,5\",3,2\n"
      "2026-03-04,,,nan,,\n"
      "2026-03-05,,,inf,,\n");
  ExpectError(p, 2, "sitting_minutes", "must be a whole number 0–1440, got \"1441\"");
  ExpectError(p, 2, "lifts", "must be a whole number 0–1000, got \"1001\"");
  ExpectError(p, 2, "sleep_hours", "must be a number 0–24, got \"24.5\"");
  ExpectError(p, 2, "sleep_quality", "must be a whole number 0–10, got \"11\"");
  ExpectError(p, 2, "exercise_done", "must be yes or no");
  ExpectError(p, 4, "sitting_minutes", "got \"30.5\"");
  ExpectError(p, 4, "sleep_hours", "(use a decimal point)");
  ExpectError(p, 4, "exercise_done", "got \"2\"");
  ExpectError(p, 5, "sleep_hours", "got \"nan\"");
  ExpectError(p, 6, "sleep_hours", "got \"inf\"");
  EXPECT_EQ(p.errors.size(), 10u) << Listed(p.errors);
}

TEST(DiaryCsv, WrongNumberOfFieldsInARow) {
  const auto p = Parse("date,pain_morning,pain_evening\n2026-03-01,1\n2026-03-02,1,2,3\n");
  ASSERT_EQ(p.errors.size(), 2u) << Listed(p.errors);
  ExpectError(p, 2, "", "has 2 fields, but the header has 3 columns");
  ExpectError(p, 3, "", "has 4 fields, but the header has 3 columns");
  EXPECT_EQ(p.errors[0].column_number, 0u);
}

TEST(DiaryCsv, NoteLengthCountsCharactersNotBytes) {
  std::string greek;
  for (int i = 0; i < 500; ++i)
    greek += "\xCE\xB1";  // α, two bytes
  EXPECT_EQ(Ok("date,note\n2026-03-01," + greek + "\n")[0].note, greek);
  const auto p = Parse("date,note\n2026-03-01," + greek + "a\n");
  ExpectError(p, 2, "note", "must be at most 500 characters long, has 501");
}

TEST(DiaryCsv, NoteMustBeUtf8AndTheErrorStaysPrintable) {
  const auto p = Parse("date,note,pain_morning\n2026-03-01,caf\xE9,\"\x01\xFF\"\n");
  ExpectError(p, 2, "note", "is not valid UTF-8");
  ExpectError(p, 2, "pain_morning", "got \"\\x01\\xFF\"");
}

TEST(DiaryCsv, HomeProgramErrors) {
  const auto p = Parse(
      "date,home_program_done\n"
      "2026-03-01,walk;walk\n"
      "2026-03-02,\"walk daily\"\n");
  ExpectError(p, 2, "home_program_done", "lists \"walk\" twice");
  ExpectError(p, 3, "home_program_done", "item \"walk daily\" is not a plan item id");
}

TEST(DiaryCsv, MisplacedQuoteStopsWithLineAndColumn) {
  const auto p = Parse("date,pain_morning,note\n2026-03-01,2,ok\n2026-03-02,3,\"bad\"x\n");
  ExpectError(p, 3, "note", "misplaced quote");
  EXPECT_EQ(ErrorAt(p, 3, "note")->column_number, 3u);
}

TEST(DiaryCsv, UnclosedQuoteIsReportedWhereItOpens) {
  const auto p = Parse(
      "date,note,pain_morning\n2026-03-01,fine,1\n2026-03-02,\"never closed,1\n"
      "2026-03-03,more,2\n");
  ExpectError(p, 3, "note", "never closed");
}

// ---- Line numbers ---------------------------------------------------------

TEST(DiaryCsv, LinesAfterAMultiLineNoteAreCountedPhysically) {
  const auto p = Parse(
      "date,note,pain_evening\n"     // line 1
      "2026-03-01,\"first line\n"    // line 2: the note opens
      "second, with a comma\n"       // line 3
      "third \"\"quoted\"\"\",12\n"  // line 4: the note closes, then a bad pain
      "\n"                           // line 5: blank
      "2026-03-02,ok,-3\n");         // line 6
  ASSERT_EQ(p.errors.size(), 2u) << Listed(p.errors);
  ExpectError(p, 4, "pain_evening", "got \"12\"");  // the line where that field is
  ExpectError(p, 6, "pain_evening", "got \"-3\"");
}

TEST(DiaryCsv, MultiLineNoteIsKeptWhole) {
  const auto diary = Ok("date,note\n2026-03-01,\"one\ntwo, \"\"three\"\"\"\n2026-03-02,x\n");
  ASSERT_EQ(diary.size(), 2u);
  EXPECT_EQ(diary[0].note, "one\ntwo, \"three\"");
}

TEST(DiaryCsv, CrlfAndBomDoNotShiftLineNumbers) {
  const auto p = Parse(
      "\xEF\xBB\xBF"
      "date,pain_morning\r\n\r\n2026-03-01,2\r\n2026-03-02,x\r\n");
  ASSERT_EQ(p.errors.size(), 1u) << Listed(p.errors);
  ExpectError(p, 4, "pain_morning", "got \"x\"");
}

TEST(DiaryCsv, CrlfInsideAQuotedNoteCountsAsOneLine) {
  const auto p = Parse("date,note,stress\r\n2026-03-01,\"a\r\nb\r\nc\",2\r\n2026-03-02,,x\r\n");
  ASSERT_EQ(p.errors.size(), 1u) << Listed(p.errors);
  ExpectError(p, 5, "stress", "got \"x\"");
}

// ---- All or nothing -------------------------------------------------------

TEST(DiaryCsv, OneBadCellMeansNoDiaryAtAll) {
  const auto p = Parse("date,pain_morning\n2026-03-01,1\n2026-03-02,2\n2026-03-03,11\n");
  EXPECT_FALSE(p.diary.has_value());
  ASSERT_EQ(p.errors.size(), 1u);
  ExpectError(p, 4, "pain_morning", "got \"11\"");
}

TEST(DiaryCsv, EveryErrorIsReportedAtOnce) {
  const auto p = Parse(
      "date,pain_morning,stress,mood\n"
      "2026-02-30,11,x,\n"
      "2026-03-01,1\n"
      "2026-03-02,1,2,\n"
      "2026-03-02,1,2,\n");
  EXPECT_FALSE(p.diary);
  EXPECT_EQ(p.errors.size(), 6u) << Listed(p.errors);
}

TEST(DiaryCsv, ManyErrorsAreCappedAndCounted) {
  std::string text = "date,pain_morning\n";
  for (int i = 0; i < 300; ++i)
    text += "2026-02-30,1\n";
  const auto p = Parse(text);
  ASSERT_EQ(p.errors.size(), kMaxDiaryCsvErrors + 1);
  EXPECT_EQ(p.errors.back().reason, "100 more errors not shown");
}

// ---- Writing and the round trip -------------------------------------------

core::Diary RichDiary() {
  core::DiaryEntry first;
  first.date = Day(2026, 3, 1);
  first.pain_morning = 0;
  first.pain_evening = 10;
  first.leg_pain = 4;
  first.exposures = {{"sitting_minutes", 1440}, {"lifts", 0},         {"sleep_hours", 7.25},
                     {"sleep_quality", 3},      {"exercise_done", 1}, {"massage", 0},
                     {"gardening_minutes", 45}, {"heavy_bag", 1}};
  first.home_program_done = {"walk.daily", "pelvic-tilt_2"};
  first.note = "  leading blanks, a comma, \"quotes\"\nand a second line\r\nand a CRLF one ";
  core::DiaryEntry second;
  second.date = Day(2026, 3, 2);
  second.exposures = {{"sleep_hours", 0.1}, {"driving_minutes", 30}};
  second.note = "Καλημέρα";
  core::DiaryEntry third;  // nothing recorded but the day
  third.date = Day(2026, 3, 4);
  return {first, second, third};
}

void ExpectSameDiary(const core::Diary& a, const core::Diary& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].date, b[i].date) << i;
    EXPECT_EQ(a[i].pain_morning, b[i].pain_morning) << i;
    EXPECT_EQ(a[i].pain_evening, b[i].pain_evening) << i;
    EXPECT_EQ(a[i].leg_pain, b[i].leg_pain) << i;
    EXPECT_EQ(a[i].exposures, b[i].exposures) << i;
    EXPECT_EQ(a[i].home_program_done, b[i].home_program_done) << i;
    EXPECT_EQ(a[i].note, b[i].note) << i;
  }
}

TEST(DiaryCsv, WrittenFileReadsBackIdentically) {
  const core::Diary diary = RichDiary();
  const std::string text = WriteDiaryCsv(diary, kGardening);
  ExpectSameDiary(Ok(text, kGardening), diary);
  // And writing what was read gives the same bytes.
  EXPECT_EQ(WriteDiaryCsv(Ok(text, kGardening), kGardening), text);
}

TEST(DiaryCsv, WrittenHeaderListsEveryColumnInOrder) {
  const std::string text = WriteDiaryCsv({}, kGardening);
  EXPECT_EQ(text,
            "date,pain_morning,pain_evening,leg_pain,sitting_minutes,driving_minutes,"
            "standing_minutes,walking_minutes,lifts,bending,sleep_hours,sleep_quality,stress,"
            "exercise_done,massage,gardening_minutes,heavy_bag,home_program_done,note\n");
}

TEST(DiaryCsv, WrittenValuesAreReadable) {
  const std::string text = WriteDiaryCsv(RichDiary(), kGardening);
  EXPECT_NE(text.find("2026-03-01,0,10,4,1440,,,,0,,7.25,3,,1,0,45,1,walk.daily;pelvic-tilt_2,"
                      "\"  leading blanks, a comma, \"\"quotes\"\"\nand"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("2026-03-04,,,,,,,,,,,,,,,,,,\n"), std::string::npos) << text;
}

TEST(DiaryCsv, WriterRefusesAnExposureItCannotName) {
  core::DiaryEntry entry;
  entry.date = Day(2026, 3, 1);
  entry.exposures = {{"gardening_minutes", 10}};
  EXPECT_THROW(WriteDiaryCsv({entry}, kNoCustom), std::invalid_argument);
}

// ---- Names and messages ---------------------------------------------------

TEST(DiaryCsv, ErrorsFormatAsLineAndColumn) {
  EXPECT_EQ(FormatDiaryCsvError({12, 3, "pain_evening", "must be 0–10"}),
            "line 12, column pain_evening: must be 0–10");
  EXPECT_EQ(FormatDiaryCsvError({1, 5, "", "unknown"}), "line 1, column 5: unknown");
  EXPECT_EQ(FormatDiaryCsvError({7, 0, "", "has 2 fields"}), "line 7: has 2 fields");
  EXPECT_EQ(FormatDiaryCsvError({0, 0, "", "the file is empty"}), "file: the file is empty");
}

TEST(DiaryCsv, ExposureKindNamesReadBack) {
  for (auto kind : {ExposureKind::minutes, ExposureKind::count, ExposureKind::hours,
                    ExposureKind::scale, ExposureKind::yes_no})
    EXPECT_EQ(ExposureKindFromName(ExposureKindName(kind)), kind);
  EXPECT_FALSE(ExposureKindFromName("seconds"));
}

}  // namespace
}  // namespace backplan::codec
