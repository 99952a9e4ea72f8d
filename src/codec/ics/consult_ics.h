#pragma once
// iCalendar (RFC 5545 / iTIP RFC 5546) for virtual consults: one invitation or
// cancellation per consult, and a practitioner's feed of many.
//
// Times are written in UTC ("Z" form): every calendar imports it and shows it
// in the reader's own zone, so no VTIMEZONE is needed. The UID is stable for a
// consult's whole life; the caller raises SEQUENCE on every reschedule and on
// cancellation so that calendars replace the earlier copy. Pure: no clock
// (DTSTAMP is passed in), no I/O.

#include <chrono>
#include <span>
#include <string>
#include <string_view>

namespace backplan::codec::ics {

struct CalendarPerson {
  std::string name;   // CN; may be empty
  std::string email;  // written as mailto:email
};

struct ConsultEvent {
  std::string uid;  // stable, globally unique, e.g. "consult-42@backplan.example"
  int sequence = 0;
  std::chrono::sys_seconds start{};
  std::chrono::sys_seconds end{};
  std::string summary;      // "Back-pain consult with Sam Coach"
  std::string description;  // free text; the video link is appended
  std::string video_url;    // LOCATION and URL
  CalendarPerson organizer;
  CalendarPerson attendee;
  bool cancelled = false;  // STATUS:CANCELLED (in a feed, or with METHOD:CANCEL)
};

// METHOD:REQUEST with STATUS:CONFIRMED: the invitation sent on booking and on
// every reschedule.
std::string WriteInvitation(const ConsultEvent& event, std::chrono::sys_seconds dtstamp);

// METHOD:CANCEL with STATUS:CANCELLED: sent when the consult is cancelled.
// `event.sequence` must be above that of the last invitation.
std::string WriteCancellation(const ConsultEvent& event, std::chrono::sys_seconds dtstamp);

// METHOD:PUBLISH: one VCALENDAR with a VEVENT per consult, for a subscribed
// feed. Cancelled consults stay in with STATUS:CANCELLED so that a subscriber
// drops them instead of keeping a stale copy.
std::string WriteFeed(std::span<const ConsultEvent> events, std::string_view calendar_name,
                      std::chrono::sys_seconds dtstamp);

}  // namespace backplan::codec::ics
