// Rendering a UTC instant in a viewer's zone (core/consults/zoned_render.h).

#include "core/consults/zoned_render.h"

#include <gtest/gtest.h>

namespace backplan::core::consults {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

std::chrono::sys_seconds Utc(int y, unsigned m, unsigned d, int hour, int minute = 0) {
  return date::sys_days{date::year{y} / date::month{m} / date::day{d}} + hours{hour} +
         minutes{minute};
}

TEST(ConsultRender, OffsetsFollowTheZoneAtThatInstant) {
  const date::time_zone& new_york = *date::locate_zone("America/New_York");
  EXPECT_EQ(FormatLocalIso(Utc(2027, 3, 14, 6, 59), new_york), "2027-03-14T01:59:00-05:00");
  EXPECT_EQ(FormatLocalIso(Utc(2027, 3, 14, 7), new_york), "2027-03-14T03:00:00-04:00");
  EXPECT_EQ(FormatLocalIso(Utc(2027, 11, 7, 5, 30), new_york), "2027-11-07T01:30:00-04:00");
  EXPECT_EQ(FormatLocalIso(Utc(2027, 11, 7, 6, 30), new_york), "2027-11-07T01:30:00-05:00");
}

TEST(ConsultRender, HalfHourAndZeroOffsets) {
  EXPECT_EQ(FormatLocalIso(Utc(2027, 1, 2, 20, 15), *date::locate_zone("Asia/Kolkata")),
            "2027-01-03T01:45:00+05:30");
  EXPECT_EQ(FormatLocalIso(Utc(2027, 1, 2, 20, 15), *date::locate_zone("Etc/UTC")),
            "2027-01-02T20:15:00+00:00");
  EXPECT_EQ(FormatLocalIso(Utc(2027, 7, 1, 0), *date::locate_zone("Europe/London")),
            "2027-07-01T01:00:00+01:00");
}

TEST(ConsultRender, ToLocalGivesOffsetAndAbbreviation) {
  const LocalDateTime local = ToLocal(Utc(2027, 7, 1, 12), *date::locate_zone("Europe/London"));
  EXPECT_EQ(local.local, date::local_days{date::year{2027} / 7 / 1} + hours{13});
  EXPECT_EQ(local.utc_offset, hours{1});
  EXPECT_EQ(local.abbreviation, "BST");
}

}  // namespace
}  // namespace backplan::core::consults
