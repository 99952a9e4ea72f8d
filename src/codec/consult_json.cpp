#include "codec/consult_json.h"

#include <array>
#include <sstream>
#include <string_view>

#include <date/date.h>

#include "codec/json_field_reader.h"

namespace backplan::codec {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;
namespace consults = core::consults;

// Sunday first, as date::weekday::c_encoding() counts.
constexpr std::array<std::string_view, 7> kWeekdays = {"sunday",   "monday", "tuesday", "wednesday",
                                                       "thursday", "friday", "saturday"};

std::optional<std::chrono::minutes> ParseTimeOfDay(const std::string& text) {
  if (text.size() != 5 || text[2] != ':')
    return std::nullopt;
  for (const std::size_t digit_idx : {0, 1, 3, 4})
    if (text[digit_idx] < '0' || text[digit_idx] > '9')
      return std::nullopt;
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0))
    return std::nullopt;
  return std::chrono::minutes(hours * 60 + minutes);
}

std::string TimeOfDayText(std::chrono::minutes time) {
  const auto count = time.count();
  std::string out(5, '0');
  out[0] = static_cast<char>('0' + count / 600);
  out[1] = static_cast<char>('0' + count / 60 % 10);
  out[2] = ':';
  out[3] = static_cast<char>('0' + count % 60 / 10);
  out[4] = static_cast<char>('0' + count % 10);
  return out;
}

std::optional<date::local_days> ParseDate(const std::string& text) {
  if (text.size() != 10)
    return std::nullopt;
  std::istringstream in(text);
  date::local_days day;
  in >> date::parse("%F", day);
  if (in.fail())
    return std::nullopt;
  return day;
}

class Reader : public JsonFieldReader {
 public:
  using JsonFieldReader::JsonFieldReader;

  std::optional<std::string> Text(const json& object, const std::string& parent,
                                  std::string_view key, bool required) {
    const json* v = Member(object, parent, key, required);
    if (!v)
      return std::nullopt;
    if (!v->is_string()) {
      Fail(ChildPath(parent, key), "must be a string, got " + JsonTypeName(*v));
      return std::nullopt;
    }
    return v->get<std::string>();
  }

  void Integer(const json& object, const std::string& parent, std::string_view key, int min,
               int max, int& out) {
    const json* v = Member(object, parent, key, false);
    if (!v)
      return;
    if (!v->is_number_integer()) {
      Fail(ChildPath(parent, key), "must be an integer, got " + JsonTypeName(*v));
      return;
    }
    const auto value = v->get<long long>();
    if (value < min || value > max) {
      Fail(ChildPath(parent, key), "must be " + std::to_string(min) + "–" + std::to_string(max) +
                                       ", got " + ShownValue(*v));
      return;
    }
    out = static_cast<int>(value);
  }

  std::optional<std::chrono::minutes> TimeOfDay(const json& object, const std::string& parent,
                                                std::string_view key) {
    const auto text = Text(object, parent, key, true);
    if (!text)
      return std::nullopt;
    const auto time = ParseTimeOfDay(*text);
    if (!time)
      Fail(ChildPath(parent, key), "must be a local time of day \"HH:MM\" (00:00–24:00)");
    return time;
  }

  std::optional<date::local_days> Date(const json& object, const std::string& parent,
                                       std::string_view key) {
    const auto text = Text(object, parent, key, true);
    if (!text)
      return std::nullopt;
    const auto day = ParseDate(*text);
    if (!day)
      Fail(ChildPath(parent, key), "must be a calendar date YYYY-MM-DD");
    return day;
  }

  std::optional<consults::LocalTimeRange> Range(const json& value, const std::string& path) {
    if (!value.is_object()) {
      Fail(path, "must be an object, got " + JsonTypeName(value));
      return std::nullopt;
    }
    const auto start = TimeOfDay(value, path, "start");
    const auto end = TimeOfDay(value, path, "end");
    if (!start || !end)
      return std::nullopt;
    return consults::LocalTimeRange{*start, *end};
  }
};

}  // namespace

ConsultSettingsDocument ReadConsultSettings(const json& body, core::FieldErrors& errors) {
  Reader r(errors);
  ConsultSettingsDocument out;
  if (!body.is_object()) {
    r.Fail("", "must be an object");
    return out;
  }
  r.RejectUnknownKeys(body, "",
                      {"time_zone", "weekly_hours", "days_off", "extra_hours", "meeting_url",
                       "change_cutoff_hours"});
  out.time_zone = r.Text(body, "", "time_zone", true).value_or("");
  if (const json* weekly = r.Object(body, "", "weekly_hours", true)) {
    for (const auto& [key, ranges] : weekly->items()) {
      const std::string path = ChildPath("weekly_hours", key);
      std::size_t weekday_idx = 0;
      while (weekday_idx < kWeekdays.size() && kWeekdays[weekday_idx] != key)
        ++weekday_idx;
      if (weekday_idx == kWeekdays.size()) {
        r.Fail(path, "is not a weekday (monday … sunday)");
        continue;
      }
      if (!ranges.is_array()) {
        r.Fail(path, "must be an array, got " + JsonTypeName(ranges));
        continue;
      }
      for (std::size_t range_idx = 0; range_idx < ranges.size(); ++range_idx)
        if (auto range = r.Range(ranges[range_idx], IndexPath(path, range_idx)))
          out.availability.weekly.by_weekday[weekday_idx].push_back(*range);
    }
  }
  if (const json* days_off = r.Array(body, "", "days_off", false)) {
    for (std::size_t day_idx = 0; day_idx < days_off->size(); ++day_idx) {
      const auto& day = (*days_off)[day_idx];
      const auto parsed = day.is_string() ? ParseDate(day.get<std::string>()) : std::nullopt;
      if (!parsed)
        r.Fail(IndexPath("days_off", day_idx), "must be a calendar date YYYY-MM-DD");
      else
        out.availability.days_off.push_back(*parsed);
    }
  }
  if (const json* extra = r.Array(body, "", "extra_hours", false)) {
    for (std::size_t extra_idx = 0; extra_idx < extra->size(); ++extra_idx) {
      const std::string path = IndexPath("extra_hours", extra_idx);
      const auto& entry = (*extra)[extra_idx];
      auto range = r.Range(entry, path);
      if (!entry.is_object())
        continue;
      r.RejectUnknownKeys(entry, path, {"date", "start", "end"});
      const auto day = r.Date(entry, path, "date");
      if (range && day)
        out.availability.extra_hours.push_back({*day, *range});
    }
  }
  out.meeting_url = r.Text(body, "", "meeting_url", false);
  r.Integer(body, "", "change_cutoff_hours", 0, 720, out.change_cutoff_hours);
  return out;
}

ConsultTypeDocument ReadConsultType(const json& body, core::FieldErrors& errors) {
  Reader r(errors);
  ConsultTypeDocument out;
  if (!body.is_object()) {
    r.Fail("", "must be an object");
    return out;
  }
  r.RejectUnknownKeys(
      body, "",
      {"name", "duration_minutes", "buffer_before_minutes", "buffer_after_minutes",
       "minimum_notice_minutes", "booking_horizon_days", "slot_step_minutes", "active"});
  out.name = r.Text(body, "", "name", true).value_or("");
  const auto minutes_field = [&](std::string_view key, int max, std::chrono::minutes& value) {
    int count = static_cast<int>(value.count());
    r.Integer(body, "", key, 0, max, count);
    value = std::chrono::minutes(count);
  };
  constexpr int kYearOfMinutes = 365 * 24 * 60;
  minutes_field("duration_minutes", 24 * 60, out.type.duration);
  minutes_field("buffer_before_minutes", kYearOfMinutes, out.type.buffer_before);
  minutes_field("buffer_after_minutes", kYearOfMinutes, out.type.buffer_after);
  minutes_field("minimum_notice_minutes", kYearOfMinutes, out.type.minimum_notice);
  minutes_field("slot_step_minutes", 24 * 60, out.type.slot_step);
  int horizon = static_cast<int>(out.type.booking_horizon.count());
  r.Integer(body, "", "booking_horizon_days", 0, 3650, horizon);
  out.type.booking_horizon = date::days(horizon);
  if (const json* active = r.Member(body, "", "active", false)) {
    if (active->is_boolean())
      out.active = active->get<bool>();
    else
      r.Fail("active", "must be true or false, got " + JsonTypeName(*active));
  }
  return out;
}

ordered_json AvailabilityToJson(const consults::Availability& availability) {
  const auto range_json = [](const consults::LocalTimeRange& range) {
    return ordered_json{{"start", TimeOfDayText(range.start)}, {"end", TimeOfDayText(range.end)}};
  };
  ordered_json weekly = ordered_json::object();
  // Monday first, as people read a week.
  for (std::size_t offset = 1; offset <= kWeekdays.size(); ++offset) {
    const std::size_t weekday_idx = offset % kWeekdays.size();
    ordered_json ranges = ordered_json::array();
    for (const auto& range : availability.weekly.by_weekday[weekday_idx])
      ranges.push_back(range_json(range));
    weekly[std::string(kWeekdays[weekday_idx])] = std::move(ranges);
  }
  ordered_json days_off = ordered_json::array();
  for (const auto day : availability.days_off)
    days_off.push_back(date::format("%F", day));
  ordered_json extra = ordered_json::array();
  for (const auto& hours : availability.extra_hours) {
    extra.push_back({{"date", date::format("%F", hours.date)},
                     {"start", TimeOfDayText(hours.range.start)},
                     {"end", TimeOfDayText(hours.range.end)}});
  }
  return {{"weekly_hours", std::move(weekly)},
          {"days_off", std::move(days_off)},
          {"extra_hours", std::move(extra)}};
}

}  // namespace backplan::codec
