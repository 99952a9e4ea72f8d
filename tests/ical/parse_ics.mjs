// Parses .ics files with ical.js (a real iCalendar parser, used by Thunderbird)
// and prints what it read as JSON, for tests/codec/consult_ics_icaljs_test.cpp.
// Usage: node parse_ics.mjs ZONE[,ZONE...] FILE...
// Each event's start is also rendered in every ZONE with the platform's own tz
// data (Intl), as a calendar in that zone would show it.
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const [zoneList, ...files] = process.argv.slice(2);
const zones = zoneList.split(',');

function wallClock(date, zone) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type) => parts.find((p) => p.type === type).value;
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

const calendars = files.map((file) => {
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8')));
  return {
    method: calendar.getFirstPropertyValue('method'),
    name: calendar.getFirstPropertyValue('x-wr-calname'),
    events: calendar.getAllSubcomponents('vevent').map((vevent) => {
      const event = new ICAL.Event(vevent);
      const start = event.startDate.toJSDate();
      return {
        uid: event.uid,
        sequence: event.sequence,
        status: vevent.getFirstPropertyValue('status'),
        summary: event.summary,
        description: event.description,
        location: event.location,
        url: vevent.getFirstPropertyValue('url'),
        organizer: vevent.getFirstPropertyValue('organizer'),
        organizer_cn: vevent.getFirstProperty('organizer')?.getParameter('cn') ?? null,
        attendees: vevent.getAllProperties('attendee').map((p) => p.getFirstValue()),
        start_utc: start.toISOString(),
        end_utc: event.endDate.toJSDate().toISOString(),
        start_is_utc: event.startDate.zone === ICAL.Timezone.utcTimezone,
        start_in: Object.fromEntries(zones.map((zone) => [zone, wallClock(start, zone)])),
      };
    }),
  };
});
process.stdout.write(JSON.stringify(calendars));
