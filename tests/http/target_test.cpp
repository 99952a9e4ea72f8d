// Percent-decoding happens once and is checked after decoding (the class of
// cpp-httplib CVE-2026-45372, where "%0D%0A" became a raw CRLF).

#include "http/target.h"

#include <gtest/gtest.h>

namespace backplan::http {
namespace {

TEST(HttpTargetTest, SplitKeepsEmptySegments) {
  EXPECT_TRUE(SplitPath("/").empty());
  EXPECT_EQ(SplitPath("/a/b"), (std::vector<std::string_view>{"a", "b"}));
  EXPECT_EQ(SplitPath("//a/"), (std::vector<std::string_view>{"", "a", ""}));
}

TEST(HttpTargetTest, DecodesOnce) {
  EXPECT_EQ(DecodePathSegment("a%20b"), "a b");
  EXPECT_EQ(DecodePathSegment("%2541"), "%41");  // not decoded a second time into "A"
  EXPECT_EQ(DecodePathSegment("a+b"), "a+b");    // '+' is a space only in queries
}

TEST(HttpTargetTest, RejectsWhatDecodingCouldSmuggle) {
  for (const char* segment :
       {"a%2Fb", "a%2fb", "%00", "x%0D%0Ay", "%0a", "%7F", "%", "%4", "%zz"}) {
    EXPECT_FALSE(DecodePathSegment(segment).has_value()) << segment;
  }
}

TEST(HttpTargetTest, ParsesQuery) {
  auto params = ParseQuery("limit=20&q=a+b%21&flag&&path=%2Fx&limit=30");
  ASSERT_TRUE(params.has_value());
  EXPECT_EQ(
      *params,
      (QueryParams{{"limit", "20"}, {"q", "a b!"}, {"flag", ""}, {"path", "/x"}, {"limit", "30"}}));
  EXPECT_TRUE(ParseQuery("")->empty());
  EXPECT_FALSE(ParseQuery("a=%0d%0a").has_value());
  EXPECT_FALSE(ParseQuery("a=%g1").has_value());
}

}  // namespace
}  // namespace backplan::http
