// The CSV layer under the diary codec: libcsv's fields with the physical line
// each starts on, limits, and a writer whose output reads back unchanged.

#include "codec/csv_rows.h"

#include <gtest/gtest.h>

namespace backplan::codec {
namespace {

const CsvReadLimits kRoomy{100, 100};

std::vector<std::vector<std::string>> Texts(const CsvRows& csv) {
  std::vector<std::vector<std::string>> out;
  for (const auto& row : csv.rows) {
    out.emplace_back();
    for (const auto& field : row.fields)
      out.back().push_back(field.text);
  }
  return out;
}

TEST(DiaryCsvRows, FieldsKnowTheLineTheyStartOn) {
  const auto csv = ReadCsvRows("a,\"b\nc\",d\n\ne,f\r\ng,h\ri,j", kRoomy);
  ASSERT_FALSE(csv.stop);
  ASSERT_EQ(csv.rows.size(), 4u);
  EXPECT_EQ(csv.rows[0].line, 1u);
  EXPECT_EQ(csv.rows[0].fields[1].line, 1u);  // the quoted field opens on line 1
  EXPECT_EQ(csv.rows[0].fields[2].line, 2u);  // and the next one starts after it closes
  EXPECT_EQ(csv.rows[1].line, 4u);            // line 3 is blank
  EXPECT_EQ(csv.rows[2].line, 5u);            // after a CRLF
  EXPECT_EQ(csv.rows[3].line, 6u);            // after a lone CR
  EXPECT_EQ(Texts(csv)[0], (std::vector<std::string>{"a", "b\nc", "d"}));
}

TEST(DiaryCsvRows, RowLimitStopsAndKeepsTheRowsBefore) {
  const auto csv = ReadCsvRows("a\nb\nc\nd\n", {2, 10});
  ASSERT_TRUE(csv.stop);
  EXPECT_EQ(csv.stop->kind, CsvReadStop::Kind::too_many_rows);
  EXPECT_EQ(csv.stop->line, 3u);
  EXPECT_EQ(csv.rows.size(), 2u);
}

TEST(DiaryCsvRows, FieldLimitStopsTheRow) {
  const auto csv = ReadCsvRows("a,b\nc,d,e,f\ng\n", {10, 3});
  ASSERT_TRUE(csv.stop);
  EXPECT_EQ(csv.stop->kind, CsvReadStop::Kind::too_many_fields);
  EXPECT_EQ(csv.stop->line, 2u);
  EXPECT_EQ(csv.rows.size(), 1u);
}

TEST(DiaryCsvRows, WriterQuotesOnlyWhatNeedsIt) {
  std::string out;
  AppendCsvRow(out, {"plain", "a,b", "say \"hi\"", "two\nlines", " pad", "tab\t", ""});
  EXPECT_EQ(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" pad\",\"tab\t\",\n");
  std::string single;
  AppendCsvRow(single, {""});
  EXPECT_EQ(single, "\"\"\n");  // not a blank line, which would be no row at all
}

TEST(DiaryCsvRows, WrittenRowsReadBackUnchanged) {
  const std::vector<std::vector<std::string>> rows = {
      {"x", " y ", "\"", "a\r\nb", ",", ""}, {""}, {"\t", "last"}};
  std::string out;
  for (const auto& row : rows)
    AppendCsvRow(out, row);
  const auto csv = ReadCsvRows(out, kRoomy);
  ASSERT_FALSE(csv.stop);
  EXPECT_EQ(Texts(csv), rows);
}

}  // namespace
}  // namespace backplan::codec
