// iCalendar output for consults (codec/ics): TEXT escaping, folding at 75
// octets without splitting UTF-8, CRLF, REQUEST / CANCEL / PUBLISH forms.

#include "codec/ics/consult_ics.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "codec/ics/ics_text.h"

namespace backplan::codec::ics {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

std::chrono::sys_seconds Utc(int y, unsigned m, unsigned d, int hour, int minute = 0) {
  return std::chrono::sys_days{std::chrono::year{y} / m / d} + hours{hour} + minutes{minute};
}

ConsultEvent Consult() {
  ConsultEvent event;
  event.uid = "consult-42@backplan.example";
  event.sequence = 2;
  event.start = Utc(2027, 3, 14, 13);
  event.end = Utc(2027, 3, 14, 13, 30);
  event.summary = "Back-pain consult with Sam Coach";
  event.description = "Bring your diary.";
  event.video_url = "https://meet.example/backplan-7f3a";
  event.organizer = {"Sam Coach", "sam@clinic.example"};
  event.attendee = {"Ana Client", "ana@mail.example"};
  return event;
}

// Physical lines without their CRLF; fails the test if any line lacks one.
std::vector<std::string> PhysicalLines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t from = 0;
  while (from < text.size()) {
    const std::size_t crlf = text.find("\r\n", from);
    EXPECT_NE(crlf, std::string::npos) << "no CRLF after offset " << from;
    if (crlf == std::string::npos)
      break;
    lines.push_back(text.substr(from, crlf - from));
    from = crlf + 2;
  }
  return lines;
}

// RFC 5545 3.1 unfolding: CRLF followed by one space or tab is removed.
std::vector<std::string> UnfoldedLines(const std::string& text) {
  std::vector<std::string> lines;
  for (const std::string& physical : PhysicalLines(text)) {
    if (!physical.empty() && physical[0] == ' ' && !lines.empty())
      lines.back() += physical.substr(1);
    else
      lines.push_back(physical);
  }
  return lines;
}

bool Has(const std::vector<std::string>& lines, const std::string& line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

bool IsValidUtf8Start(unsigned char c) {
  return (c & 0xC0) != 0x80;
}

TEST(IcsText, EscapesBackslashSemicolonCommaAndNewlines) {
  EXPECT_EQ(EscapeText("a\\b;c,d\ne\r\nf"), "a\\\\b\\;c\\,d\\ne\\nf");
  EXPECT_EQ(EscapeText("plain: colon stays"), "plain: colon stays");
  // A bare CR or other control character cannot start a new property.
  EXPECT_EQ(EscapeText("x\rEND:VEVENT\x01"), "xEND:VEVENT");
}

TEST(IcsText, ParamValuesAreQuotedWhenNeededAndUrisLoseControls) {
  EXPECT_EQ(ParamValue("Sam Coach"), "Sam Coach");
  EXPECT_EQ(ParamValue("Coach, Sam: PT"), "\"Coach, Sam: PT\"");
  EXPECT_EQ(ParamValue("Sam \"The Back\" Coach"), "Sam The Back Coach");
  EXPECT_EQ(UriValue("https://x.example/a b\r\nATTENDEE:mailto:evil@x"),
            "https://x.example/abATTENDEE:mailto:evil@x");
}

TEST(IcsText, UtcDateTimeIsTheZForm) {
  EXPECT_EQ(UtcDateTime(Utc(2027, 3, 14, 7, 5) + std::chrono::seconds{9}), "20270314T070509Z");
  EXPECT_EQ(UtcDateTime(Utc(2027, 12, 31, 23, 59)), "20271231T235900Z");
}

TEST(IcsText, ShortLineIsOneLineWithCrlf) {
  EXPECT_EQ(ContentLine("SUMMARY:hi"), "SUMMARY:hi\r\n");
  const std::string exactly_75(75, 'a');
  EXPECT_EQ(ContentLine(exactly_75), exactly_75 + "\r\n");
}

TEST(IcsText, LongAsciiLineFoldsAt75Octets) {
  const std::string line = "DESCRIPTION:" + std::string(200, 'x');
  const std::string folded = ContentLine(line);
  const auto physical = PhysicalLines(folded);
  ASSERT_EQ(physical.size(), 3u);
  EXPECT_EQ(physical[0].size(), 75u);
  EXPECT_EQ(physical[1].size(), 75u);  // space + 74
  EXPECT_EQ(physical[1][0], ' ');
  EXPECT_EQ(physical[2].size(), 1u + 212u - 75u - 74u);
  EXPECT_EQ(UnfoldedLines(folded), std::vector<std::string>{line});
}

TEST(IcsText, FoldingNeverSplitsAUtf8Sequence) {
  // "é" is 2 octets, "€" 3, "😀" 4: at every alignment a fold must fall before a
  // lead byte.
  for (const std::string unit : {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80"}) {
    for (std::size_t prefix = 0; prefix < 4; ++prefix) {
      std::string line = "SUMMARY:" + std::string(prefix, 'p');
      for (int repeat = 0; repeat < 60; ++repeat)
        line += unit;
      const std::string folded = ContentLine(line);
      for (const std::string& physical : PhysicalLines(folded)) {
        EXPECT_LE(physical.size(), 75u);
        const std::string content = physical[0] == ' ' ? physical.substr(1) : physical;
        ASSERT_FALSE(content.empty());
        EXPECT_TRUE(IsValidUtf8Start(static_cast<unsigned char>(content[0])))
            << "unit size " << unit.size() << ", prefix " << prefix;
      }
      EXPECT_EQ(UnfoldedLines(folded), std::vector<std::string>{line});
    }
  }
}

TEST(ConsultIcs, InvitationHasTheRequestFormAndEveryField) {
  const std::string ics = WriteInvitation(Consult(), Utc(2027, 3, 1, 12));
  const auto lines = UnfoldedLines(ics);
  ASSERT_GE(lines.size(), 4u);
  EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
  EXPECT_EQ(lines.back(), "END:VCALENDAR");
  EXPECT_TRUE(Has(lines, "VERSION:2.0"));
  EXPECT_TRUE(Has(lines, "PRODID:-//backplan//virtual consults//EN"));
  EXPECT_TRUE(Has(lines, "METHOD:REQUEST"));
  EXPECT_TRUE(Has(lines, "UID:consult-42@backplan.example"));
  EXPECT_TRUE(Has(lines, "SEQUENCE:2"));
  EXPECT_TRUE(Has(lines, "DTSTAMP:20270301T120000Z"));
  EXPECT_TRUE(Has(lines, "DTSTART:20270314T130000Z"));
  EXPECT_TRUE(Has(lines, "DTEND:20270314T133000Z"));
  EXPECT_TRUE(Has(lines, "SUMMARY:Back-pain consult with Sam Coach"));
  EXPECT_TRUE(Has(
      lines, "DESCRIPTION:Bring your diary.\\n\\nVideo link: https://meet.example/backplan-7f3a"));
  EXPECT_TRUE(Has(lines, "LOCATION:https://meet.example/backplan-7f3a"));
  EXPECT_TRUE(Has(lines, "URL:https://meet.example/backplan-7f3a"));
  EXPECT_TRUE(Has(lines, "ORGANIZER;CN=Sam Coach:mailto:sam@clinic.example"));
  EXPECT_TRUE(Has(lines,
                  "ATTENDEE;CN=Ana Client;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:"
                  "mailto:ana@mail.example"));
  EXPECT_TRUE(Has(lines, "STATUS:CONFIRMED"));
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "BEGIN:VEVENT"), 1);
  // Every line ends in CRLF, no bare LF anywhere.
  EXPECT_EQ(ics.substr(ics.size() - 2), "\r\n");
  for (std::size_t idx = 0; idx < ics.size(); ++idx) {
    if (ics[idx] == '\n') {
      ASSERT_TRUE(idx > 0 && ics[idx - 1] == '\r') << "bare LF at " << idx;
    }
  }
}

TEST(ConsultIcs, CancellationKeepsUidAndSaysCancelled) {
  ConsultEvent event = Consult();
  event.sequence = 3;
  const auto lines = UnfoldedLines(WriteCancellation(event, Utc(2027, 3, 2, 8)));
  EXPECT_TRUE(Has(lines, "METHOD:CANCEL"));
  EXPECT_TRUE(Has(lines, "STATUS:CANCELLED"));
  EXPECT_TRUE(Has(lines, "UID:consult-42@backplan.example"));
  EXPECT_TRUE(Has(lines, "SEQUENCE:3"));
  EXPECT_FALSE(Has(lines, "STATUS:CONFIRMED"));
  EXPECT_FALSE(Has(lines, "METHOD:REQUEST"));
  EXPECT_TRUE(Has(lines, "ATTENDEE;CN=Ana Client;ROLE=REQ-PARTICIPANT:mailto:ana@mail.example"));
}

TEST(ConsultIcs, UserTextIsEscapedAndCannotInjectProperties) {
  ConsultEvent event = Consult();
  event.summary = "Consult; neck, back\nEND:VEVENT";
  event.organizer.name = "Coach, Sam";
  const auto lines = UnfoldedLines(WriteInvitation(event, Utc(2027, 3, 1, 12)));
  EXPECT_TRUE(Has(lines, "SUMMARY:Consult\\; neck\\, back\\nEND:VEVENT"));
  EXPECT_TRUE(Has(lines, "ORGANIZER;CN=\"Coach, Sam\":mailto:sam@clinic.example"));
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "END:VEVENT"), 1);
}

TEST(ConsultIcs, LongUtf8DescriptionIsFoldedAndRoundTrips) {
  ConsultEvent event = Consult();
  event.description = "Douleur lombaire — séance de suivi, échauffement doux 😀 " +
                      std::string(40, 'x') + " Ünïcödé ✓✓✓";
  const std::string ics = WriteInvitation(event, Utc(2027, 3, 1, 12));
  for (const std::string& physical : PhysicalLines(ics))
    EXPECT_LE(physical.size(), 75u) << physical;
  const auto lines = UnfoldedLines(ics);
  EXPECT_TRUE(Has(lines, "DESCRIPTION:" +
                             EscapeText(event.description + "\n\nVideo link: " + event.video_url)));
}

TEST(ConsultIcs, FeedPublishesEveryConsultInOneCalendar) {
  ConsultEvent second = Consult();
  second.uid = "consult-43@backplan.example";
  second.start = Utc(2027, 11, 7, 14);
  second.end = Utc(2027, 11, 7, 15);
  second.cancelled = true;
  const std::vector<ConsultEvent> events = {Consult(), second};
  const auto lines = UnfoldedLines(WriteFeed(events, "Sam's consults", Utc(2027, 3, 1, 12)));
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "BEGIN:VCALENDAR"), 1);
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "BEGIN:VEVENT"), 2);
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "END:VEVENT"), 2);
  EXPECT_TRUE(Has(lines, "METHOD:PUBLISH"));
  EXPECT_TRUE(Has(lines, "X-WR-CALNAME:Sam's consults"));
  EXPECT_TRUE(Has(lines, "UID:consult-43@backplan.example"));
  EXPECT_TRUE(Has(lines, "DTSTART:20271107T140000Z"));
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "STATUS:CANCELLED"), 1);
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "STATUS:CONFIRMED"), 1);
}

TEST(ConsultIcs, EmptyFeedIsStillAValidCalendar) {
  const auto lines = UnfoldedLines(WriteFeed({}, "", Utc(2027, 3, 1, 12)));
  EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
  EXPECT_EQ(lines.back(), "END:VCALENDAR");
  EXPECT_TRUE(Has(lines, "METHOD:PUBLISH"));
  EXPECT_FALSE(Has(lines, "BEGIN:VEVENT"));
}

}  // namespace
}  // namespace backplan::codec::ics
