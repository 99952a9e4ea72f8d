#include "codec/ics/consult_ics.h"

#include "codec/ics/ics_text.h"

namespace backplan::codec::ics {
namespace {

constexpr std::string_view kProductId = "-//backplan//virtual consults//EN";

enum class Method { request, cancel, publish };

std::string_view MethodName(Method method) {
  switch (method) {
    case Method::request:
      return "REQUEST";
    case Method::cancel:
      return "CANCEL";
    case Method::publish:
      return "PUBLISH";
  }
  return "PUBLISH";
}

void Line(std::string& out, std::string_view name, std::string_view value) {
  std::string unfolded;
  unfolded.reserve(name.size() + 1 + value.size());
  unfolded.append(name);
  unfolded += ':';
  unfolded.append(value);
  out += ContentLine(unfolded);
}

std::string PersonProperty(std::string_view name, std::string_view extra_params,
                           const CalendarPerson& person) {
  std::string property{name};
  if (!person.name.empty())
    property += ";CN=" + ParamValue(person.name);
  property += extra_params;
  return property;
}

void OpenCalendar(std::string& out, Method method, std::string_view calendar_name) {
  Line(out, "BEGIN", "VCALENDAR");
  Line(out, "VERSION", "2.0");
  Line(out, "PRODID", kProductId);
  Line(out, "CALSCALE", "GREGORIAN");
  Line(out, "METHOD", MethodName(method));
  if (!calendar_name.empty())
    Line(out, "X-WR-CALNAME", EscapeText(calendar_name));
}

void WriteEvent(std::string& out, const ConsultEvent& event, Method method,
                std::chrono::sys_seconds dtstamp) {
  const bool cancelled = event.cancelled || method == Method::cancel;
  std::string description = event.description;
  if (!event.video_url.empty())
    description +=
        (description.empty() ? "" : "\n\n") + std::string{"Video link: "} + event.video_url;

  Line(out, "BEGIN", "VEVENT");
  Line(out, "UID", EscapeText(event.uid));
  Line(out, "SEQUENCE", std::to_string(event.sequence));
  Line(out, "DTSTAMP", UtcDateTime(dtstamp));
  Line(out, "DTSTART", UtcDateTime(event.start));
  Line(out, "DTEND", UtcDateTime(event.end));
  Line(out, "SUMMARY", EscapeText(event.summary));
  if (!description.empty())
    Line(out, "DESCRIPTION", EscapeText(description));
  if (!event.video_url.empty()) {
    Line(out, "LOCATION", EscapeText(event.video_url));
    Line(out, "URL", UriValue(event.video_url));
  }
  if (!event.organizer.email.empty())
    Line(out, PersonProperty("ORGANIZER", "", event.organizer),
         "mailto:" + UriValue(event.organizer.email));
  if (!event.attendee.email.empty())
    Line(out,
         PersonProperty("ATTENDEE",
                        cancelled ? ";ROLE=REQ-PARTICIPANT"
                                  : ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE",
                        event.attendee),
         "mailto:" + UriValue(event.attendee.email));
  Line(out, "STATUS", cancelled ? "CANCELLED" : "CONFIRMED");
  Line(out, "TRANSP", cancelled ? "TRANSPARENT" : "OPAQUE");
  Line(out, "END", "VEVENT");
}

std::string WriteSingle(const ConsultEvent& event, Method method,
                        std::chrono::sys_seconds dtstamp) {
  std::string out;
  OpenCalendar(out, method, "");
  WriteEvent(out, event, method, dtstamp);
  Line(out, "END", "VCALENDAR");
  return out;
}

}  // namespace

std::string WriteInvitation(const ConsultEvent& event, std::chrono::sys_seconds dtstamp) {
  return WriteSingle(event, Method::request, dtstamp);
}

std::string WriteCancellation(const ConsultEvent& event, std::chrono::sys_seconds dtstamp) {
  return WriteSingle(event, Method::cancel, dtstamp);
}

std::string WriteFeed(std::span<const ConsultEvent> events, std::string_view calendar_name,
                      std::chrono::sys_seconds dtstamp) {
  std::string out;
  OpenCalendar(out, Method::publish, calendar_name);
  for (const ConsultEvent& event : events)
    WriteEvent(out, event, Method::publish, dtstamp);
  Line(out, "END", "VCALENDAR");
  return out;
}

}  // namespace backplan::codec::ics
