// The .ics output read back by a real iCalendar parser: ical.js (npm, pinned in
// tests/ical/package.json; `npm ci --prefix tests/ical` installs it). Slots
// found for a New York practitioner around the 2027 changes are written as
// invitations, a cancellation and a feed; ical.js must parse them, unescape the
// text, and place each start at the practitioner's 09:00 and at the right
// London and Kolkata time. Skipped, with the reason, when node or the package
// is missing.

#include <gtest/gtest.h>
#include <stdio.h>   // popen
#include <stdlib.h>  // mkdtemp

#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "codec/ics/consult_ics.h"
#include "core/consults/slot_search.h"

namespace backplan::codec::ics {
namespace {

namespace consults = core::consults;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::sys_seconds;

const std::filesystem::path kIcalDir = std::filesystem::path{BACKPLAN_SOURCE_DIR} / "tests/ical";
constexpr const char* kZones = "America/New_York,Europe/London,Asia/Kolkata";

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "backplan-ics-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr)
      path_ = pattern;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    if (!path_.empty())
      std::filesystem::remove_all(path_, ignored);
  }
  std::filesystem::path Write(const std::string& name, const std::string& content) const {
    const auto file = path_ / name;
    std::ofstream(file, std::ios::binary) << content;
    return file;
  }

 private:
  std::filesystem::path path_;
};

bool IcalJsAvailable(std::string& why_not) {
  if (std::system("node --version >/dev/null 2>&1") != 0) {
    why_not = "node is not installed";
    return false;
  }
  if (!std::filesystem::exists(kIcalDir / "node_modules/ical.js/package.json")) {
    why_not = "ical.js is not installed: npm ci --prefix tests/ical";
    return false;
  }
  return true;
}

// Runs tests/ical/parse_ics.mjs on the files; the parsed calendars as JSON.
nlohmann::json ParseWithIcalJs(const std::vector<std::filesystem::path>& files) {
  std::string command = "node '" + (kIcalDir / "parse_ics.mjs").string() + "' " + kZones;
  for (const auto& file : files)
    command += " '" + file.string() + "'";
  command += " 2>&1";
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr)
    return nullptr;
  std::array<char, 4096> buffer{};
  std::size_t read = 0;
  while ((read = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    output.append(buffer.data(), read);
  const int status = pclose(pipe);
  EXPECT_EQ(status, 0) << output;
  return nlohmann::json::parse(output, nullptr, /*allow_exceptions=*/false);
}

sys_seconds Utc(int y, unsigned m, unsigned d, int hour) {
  return date::sys_days{date::year{y} / date::month{m} / date::day{d}} + hours{hour};
}

// 09:00 New York slots on the Saturday and Sunday of each US change.
std::vector<consults::Slot> SlotsAroundTheChanges() {
  consults::Availability availability;
  for (auto& ranges : availability.weekly.by_weekday)
    ranges.push_back({hours{9}, hours{10}});
  consults::ConsultType type;
  type.duration = minutes{45};
  type.slot_step = minutes{60};
  type.booking_horizon = date::days{365};
  const date::time_zone& new_york = *date::locate_zone("America/New_York");
  const sys_seconds now = Utc(2027, 1, 1, 0);
  auto slots = consults::FindSlots(availability, new_york, type, {}, Utc(2027, 3, 13, 0),
                                   Utc(2027, 3, 15, 0), now);
  const auto autumn = consults::FindSlots(availability, new_york, type, {}, Utc(2027, 11, 6, 0),
                                          Utc(2027, 11, 8, 0), now);
  slots.insert(slots.end(), autumn.begin(), autumn.end());
  return slots;
}

ConsultEvent EventFor(const consults::Slot& slot, int number) {
  ConsultEvent event;
  event.uid = "consult-" + std::to_string(number) + "@backplan.example";
  event.sequence = 1;
  event.start = slot.start;
  event.end = slot.end;
  event.summary = "Consult; lower back, follow-up";
  event.description = "Line one\nLine two: \\ backslash — séance 😀 " + std::string(80, 'x');
  event.video_url = "https://meet.example/room-" + std::to_string(number);
  event.organizer = {"Coach, Sam", "sam@clinic.example"};
  event.attendee = {"Ana Client", "ana@mail.example"};
  return event;
}

TEST(ConsultIcsIcalJs, RealParserReadsInvitationsCancellationAndFeed) {
  std::string why_not;
  if (!IcalJsAvailable(why_not)) {
    // scripts/test.sh installs ical.js and sets this: there, a missing parser
    // is a failure, not a quiet skip.
    if (std::getenv("BACKPLAN_REQUIRE_ICALJS") != nullptr)
      FAIL() << why_not;
    GTEST_SKIP() << why_not;
  }

  const auto slots = SlotsAroundTheChanges();
  ASSERT_EQ(slots.size(), 4u);
  std::vector<ConsultEvent> events;
  for (std::size_t idx = 0; idx < slots.size(); ++idx)
    events.push_back(EventFor(slots[idx], static_cast<int>(idx) + 1));
  ConsultEvent cancelled = events[1];
  cancelled.sequence = 2;
  cancelled.cancelled = true;

  const TempDir dir;
  const sys_seconds stamp = Utc(2027, 1, 2, 12);
  const nlohmann::json parsed = ParseWithIcalJs({
      dir.Write("invite.ics", WriteInvitation(events[0], stamp)),
      dir.Write("cancel.ics", WriteCancellation(cancelled, stamp)),
      dir.Write("feed.ics", WriteFeed(events, "Sam's consults, NYC", stamp)),
  });
  ASSERT_TRUE(parsed.is_array()) << parsed.dump();
  ASSERT_EQ(parsed.size(), 3u);

  const auto& invite = parsed[0];
  EXPECT_EQ(invite["method"], "REQUEST");
  ASSERT_EQ(invite["events"].size(), 1u);
  const auto& first = invite["events"][0];
  EXPECT_EQ(first["uid"], "consult-1@backplan.example");
  EXPECT_EQ(first["sequence"], 1);
  EXPECT_EQ(first["status"], "CONFIRMED");
  EXPECT_EQ(first["summary"], events[0].summary);
  EXPECT_EQ(first["description"],
            events[0].description + "\n\nVideo link: https://meet.example/room-1");
  EXPECT_EQ(first["location"], "https://meet.example/room-1");
  EXPECT_EQ(first["url"], "https://meet.example/room-1");
  EXPECT_EQ(first["organizer"], "mailto:sam@clinic.example");
  EXPECT_EQ(first["organizer_cn"], "Coach, Sam");
  EXPECT_EQ(first["attendees"], nlohmann::json::array({"mailto:ana@mail.example"}));
  EXPECT_EQ(first["start_is_utc"], true);
  EXPECT_EQ(first["start_utc"], "2027-03-13T14:00:00.000Z");
  EXPECT_EQ(first["end_utc"], "2027-03-13T14:45:00.000Z");

  const auto& cancel = parsed[1];
  EXPECT_EQ(cancel["method"], "CANCEL");
  EXPECT_EQ(cancel["events"][0]["uid"], "consult-2@backplan.example");
  EXPECT_EQ(cancel["events"][0]["sequence"], 2);
  EXPECT_EQ(cancel["events"][0]["status"], "CANCELLED");

  const auto& feed = parsed[2];
  EXPECT_EQ(feed["method"], "PUBLISH");
  // X-WR-CALNAME is written as TEXT, the default type of an x-property (RFC
  // 5545 3.8.8.2); ical.js leaves properties it does not know unparsed.
  EXPECT_EQ(feed["name"], "Sam's consults\\, NYC");
  ASSERT_EQ(feed["events"].size(), 4u);
  // The practitioner's 09:00 on both sides of each change; London and Kolkata
  // shift with the gap between the zones.
  const std::array<std::array<const char*, 3>, 4> expected = {{
      {"2027-03-13 09:00", "2027-03-13 14:00", "2027-03-13 19:30"},
      {"2027-03-14 09:00", "2027-03-14 13:00", "2027-03-14 18:30"},
      {"2027-11-06 09:00", "2027-11-06 13:00", "2027-11-06 18:30"},
      {"2027-11-07 09:00", "2027-11-07 14:00", "2027-11-07 19:30"},
  }};
  for (std::size_t idx = 0; idx < expected.size(); ++idx) {
    const auto& start_in = feed["events"][idx]["start_in"];
    EXPECT_EQ(start_in["America/New_York"], expected[idx][0]) << idx;
    EXPECT_EQ(start_in["Europe/London"], expected[idx][1]) << idx;
    EXPECT_EQ(start_in["Asia/Kolkata"], expected[idx][2]) << idx;
  }
}

}  // namespace
}  // namespace backplan::codec::ics
