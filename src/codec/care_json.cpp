#include "codec/care_json.h"

#include <cstdio>
#include <set>

#include "codec/json_field_reader.h"
#include "core/names.h"

namespace backplan::codec {
namespace {

using core::FieldErrors;
using nlohmann::json;
using nlohmann::ordered_json;

std::string Child(const std::string& parent, std::string_view key) {
  return ChildPath(parent, key);
}
std::string TypeName(const json& v) {
  return JsonTypeName(v);
}

// Reads one document, collecting every error with its path.
class Reader : public JsonFieldReader {
 public:
  using JsonFieldReader::JsonFieldReader;

  void OnlyKeys(const json& object, const std::string& parent,
                std::initializer_list<std::string_view> keys) {
    RejectUnknownKeys(object, parent, keys);
  }

  void Int(const json& object, const std::string& parent, std::string_view key, int min, int max,
           int& out, bool required = true) {
    const json* v = Member(object, parent, key, required);
    if (!v)
      return;
    if (!v->is_number_integer()) {
      Fail(Child(parent, key), "must be an integer, got " + TypeName(*v));
      return;
    }
    const auto value = v->get<std::int64_t>();
    if (value < min || value > max) {
      Fail(Child(parent, key), "must be " + std::to_string(min) + "–" + std::to_string(max) +
                                   ", got " + std::to_string(value));
      return;
    }
    out = static_cast<int>(value);
  }

  void Bool(const json& object, const std::string& parent, std::string_view key, bool& out) {
    const json* v = Member(object, parent, key, false);
    if (!v)
      return;
    if (!v->is_boolean()) {
      Fail(Child(parent, key), "must be true or false, got " + TypeName(*v));
      return;
    }
    out = v->get<bool>();
  }

  // Optional text up to kMaxCareText characters (bytes, as stored).
  void Text(const json& object, const std::string& parent, std::string_view key, std::string& out) {
    const json* v = Member(object, parent, key, false);
    if (!v)
      return;
    if (!v->is_string()) {
      Fail(Child(parent, key), "must be a string, got " + TypeName(*v));
      return;
    }
    auto text = v->get<std::string>();
    if (text.size() > kMaxCareText) {
      Fail(Child(parent, key), "must be at most " + std::to_string(kMaxCareText) + " bytes");
      return;
    }
    out = std::move(text);
  }

  // A name from `names` (index = enum value).
  template <typename Enum, typename NameOf>
  void Choice(const json& object, const std::string& parent, std::string_view key,
              std::span<const Enum> values, NameOf name_of, Enum& out, bool required) {
    const json* v = Member(object, parent, key, required);
    if (!v)
      return;
    std::string allowed;
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i > 0)
        allowed += (i + 1 == values.size()) ? " or " : ", ";
      allowed += name_of(values[i]);
    }
    if (!v->is_string()) {
      Fail(Child(parent, key), "must be one of " + allowed + ", got " + TypeName(*v));
      return;
    }
    const auto text = v->get<std::string>();
    for (const Enum value : values)
      if (name_of(value) == text) {
        out = value;
        return;
      }
    Fail(Child(parent, key), "must be one of " + allowed);
  }

  void Pain(const json& object, const std::string& parent, std::string_view key,
            core::PainReading& out) {
    const json* v = Object(object, parent, key, true);
    if (!v)
      return;
    const std::string path = Child(parent, key);
    OnlyKeys(*v, path, {"back", "leg"});
    Int(*v, path, "back", 0, 10, out.back);
    Int(*v, path, "leg", 0, 10, out.leg);
  }
};

constexpr std::array<core::LegExtent, 5> kLegExtents = {
    core::LegExtent::none, core::LegExtent::buttock, core::LegExtent::thigh,
    core::LegExtent::below_knee, core::LegExtent::foot};
constexpr std::array<core::GlobalChange, 3> kGlobalChanges = {
    core::GlobalChange::better, core::GlobalChange::same, core::GlobalChange::worse};

auto NameOfLegExtent = [](core::LegExtent v) { return core::Name(v); };

// Parses the text as a JSON object, or records why it is not one.
std::optional<json> ParseObject(std::string_view text, FieldErrors& errors) {
  if (text.size() > kMaxCareBytes) {
    errors.push_back({"(root)", "is larger than " + std::to_string(kMaxCareBytes) + " bytes"});
    return std::nullopt;
  }
  json document = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) {
    errors.push_back({"(root)", "is not valid JSON"});
    return std::nullopt;
  }
  if (!document.is_object()) {
    errors.push_back({"(root)", "must be an object, got " + TypeName(document)});
    return std::nullopt;
  }
  return document;
}

bool IsDigits(std::string_view text) {
  for (char c : text)
    if (c < '0' || c > '9')
      return false;
  return true;
}

ordered_json ReasonJson(const core::Reason& r) {
  return {{"rule_id", r.rule_id}, {"text", r.text}, {"source", r.source}};
}

ordered_json PressuresJson(const core::RegionPressures& pressures) {
  ordered_json out = ordered_json::object();
  for (const auto region : core::kAllRegions)
    out[std::string(core::Name(region))] = pressures[static_cast<std::size_t>(region)];
  return out;
}

}  // namespace

std::optional<std::chrono::sys_seconds> ParseUtcTime(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SSZ
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || (text[10] != 'T') ||
      text[13] != ':' || text[16] != ':' || text[19] != 'Z')
    return std::nullopt;
  auto number = [&](std::size_t at, std::size_t length) -> std::optional<int> {
    const auto part = text.substr(at, length);
    if (!IsDigits(part))
      return std::nullopt;
    return std::stoi(std::string(part));
  };
  const auto year = number(0, 4), month = number(5, 2), day = number(8, 2);
  const auto hour = number(11, 2), minute = number(14, 2), second = number(17, 2);
  if (!year || !month || !day || !hour || !minute || !second)
    return std::nullopt;
  if (*year < 1970 || *hour > 23 || *minute > 59 || *second > 59)
    return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(*year),
                                         std::chrono::month(static_cast<unsigned>(*month)),
                                         std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok())
    return std::nullopt;
  return std::chrono::sys_days(date) + std::chrono::hours(*hour) + std::chrono::minutes(*minute) +
         std::chrono::seconds(*second);
}

std::string FormatUtcTime(std::chrono::sys_seconds time) {
  const auto days = std::chrono::floor<std::chrono::days>(time);
  const std::chrono::year_month_day date(days);
  const std::chrono::hh_mm_ss clock(time - days);
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()));
  return text;
}

SessionParse ParseSession(std::string_view json_text) {
  SessionParse out;
  const auto document = ParseObject(json_text, out.errors);
  if (!document)
    return out;
  const json& d = *document;
  Reader r(out.errors);
  core::Session session;
  r.OnlyKeys(d, "",
             {"started_at", "duration_minutes", "regions", "pain_before", "pain_after",
              "leg_extent_before", "positioning", "soap", "adjuncts"});

  if (const json* v = r.Member(d, "", "started_at", true)) {
    const auto time = v->is_string() ? ParseUtcTime(v->get<std::string>()) : std::nullopt;
    if (time)
      session.started_at = *time;
    else
      r.Fail("started_at", "must be an RFC 3339 UTC time such as \"2026-11-20T10:00:00Z\"");
  }
  r.Int(d, "", "duration_minutes", 1, kMaxSessionMinutes, session.duration_minutes);

  if (const json* regions = r.Member(d, "", "regions", true)) {
    if (!regions->is_array()) {
      r.Fail("regions", "must be an array, got " + TypeName(*regions));
    } else if (regions->empty()) {
      r.Fail("regions", "must list at least one region worked");
    } else if (regions->size() > kMaxSessionRegions) {
      r.Fail("regions", "must have at most " + std::to_string(kMaxSessionRegions) + " entries");
    } else {
      for (std::size_t i = 0; i < regions->size(); ++i) {
        const std::string path = "regions[" + std::to_string(i) + "]";
        const json& entry = (*regions)[i];
        if (!entry.is_object()) {
          r.Fail(path, "must be an object, got " + TypeName(entry));
          continue;
        }
        r.OnlyKeys(entry, path, {"region", "technique", "pressure", "override_reason"});
        core::RegionWork work;
        r.Choice(
            entry, path, "region", std::span<const core::Region>(core::kAllRegions),
            [](core::Region v) { return core::Name(v); }, work.region, true);
        r.Choice(
            entry, path, "technique", std::span<const core::Technique>(core::kAllTechniques),
            [](core::Technique v) { return core::Name(v); }, work.technique, true);
        r.Int(entry, path, "pressure", 0, core::kMaxPressure, work.pressure);
        r.Text(entry, path, "override_reason", work.override_reason);
        session.regions.push_back(std::move(work));
      }
    }
  }
  r.Pain(d, "", "pain_before", session.pain_before);
  r.Pain(d, "", "pain_after", session.pain_after);
  r.Choice(d, "", "leg_extent_before", std::span<const core::LegExtent>(kLegExtents),
           NameOfLegExtent, session.leg_extent_before, false);
  r.Text(d, "", "positioning", session.positioning);
  if (const json* soap = r.Object(d, "", "soap", false)) {
    r.OnlyKeys(*soap, "soap", {"subjective", "objective", "assessment", "plan"});
    r.Text(*soap, "soap", "subjective", session.notes.subjective);
    r.Text(*soap, "soap", "objective", session.notes.objective);
    r.Text(*soap, "soap", "assessment", session.notes.assessment);
    r.Text(*soap, "soap", "plan", session.notes.plan);
  }
  if (const json* adjuncts = r.Object(d, "", "adjuncts", false)) {
    r.OnlyKeys(*adjuncts, "adjuncts", {"heat", "topical", "other"});
    r.Bool(*adjuncts, "adjuncts", "heat", session.adjuncts.heat);
    r.Bool(*adjuncts, "adjuncts", "topical", session.adjuncts.topical);
    r.Text(*adjuncts, "adjuncts", "other", session.adjuncts.other);
  }
  if (out.errors.empty())
    out.session = std::move(session);
  return out;
}

CheckInParse ParseCheckIn(std::string_view json_text) {
  CheckInParse out;
  const auto document = ParseObject(json_text, out.errors);
  if (!document)
    return out;
  const json& d = *document;
  Reader r(out.errors);
  core::CheckIn check_in;
  r.OnlyKeys(d, "",
             {"kind", "back_pain", "leg_pain", "leg_extent", "global", "flare_reported", "note"});
  r.Choice(
      d, "", "kind", std::span<const core::CheckInKind>(core::kAllCheckInKinds),
      [](core::CheckInKind v) { return core::Name(v); }, check_in.kind, true);
  r.Int(d, "", "back_pain", 0, 10, check_in.back_pain);
  r.Int(d, "", "leg_pain", 0, 10, check_in.leg_pain);
  r.Choice(d, "", "leg_extent", std::span<const core::LegExtent>(kLegExtents), NameOfLegExtent,
           check_in.leg_extent, false);
  r.Choice(
      d, "", "global", std::span<const core::GlobalChange>(kGlobalChanges),
      [](core::GlobalChange v) { return core::Name(v); }, check_in.change, true);
  r.Bool(d, "", "flare_reported", check_in.flare_reported);
  r.Text(d, "", "note", check_in.note);
  if (out.errors.empty())
    out.check_in = std::move(check_in);
  return out;
}

ordered_json SessionToJson(const core::Session& s) {
  ordered_json regions = ordered_json::array();
  for (const auto& work : s.regions) {
    ordered_json entry = {{"region", core::Name(work.region)},
                          {"technique", core::Name(work.technique)},
                          {"pressure", work.pressure}};
    if (!work.override_reason.empty())
      entry["override_reason"] = work.override_reason;
    regions.push_back(std::move(entry));
  }
  return {
      {"started_at", FormatUtcTime(s.started_at)},
      {"duration_minutes", s.duration_minutes},
      {"regions", std::move(regions)},
      {"pain_before", {{"back", s.pain_before.back}, {"leg", s.pain_before.leg}}},
      {"pain_after", {{"back", s.pain_after.back}, {"leg", s.pain_after.leg}}},
      {"leg_extent_before", core::Name(s.leg_extent_before)},
      {"positioning", s.positioning},
      {"soap",
       {{"subjective", s.notes.subjective},
        {"objective", s.notes.objective},
        {"assessment", s.notes.assessment},
        {"plan", s.notes.plan}}},
      {"adjuncts",
       {{"heat", s.adjuncts.heat}, {"topical", s.adjuncts.topical}, {"other", s.adjuncts.other}}}};
}

ordered_json CheckInToJson(const core::CheckIn& c) {
  return {{"kind", core::Name(c.kind)},
          {"back_pain", c.back_pain},
          {"leg_pain", c.leg_pain},
          {"leg_extent", core::Name(c.leg_extent)},
          {"global", core::Name(c.change)},
          {"flare_reported", c.flare_reported},
          {"note", c.note}};
}

std::string OverridePath(const core::Deviation& deviation) {
  return "regions[" + std::to_string(deviation.work_index) + "].override_reason";
}

ordered_json DeviationsToJson(std::span<const core::Deviation> deviations) {
  ordered_json out = ordered_json::array();
  for (const auto& d : deviations) {
    ordered_json entry = {
        {"region_index", d.work_index},
        {"region", core::Name(d.region)},
        {"kind", core::Name(d.kind)},
        {"reason", ReasonJson(d.reason)},
        {"plan_reason", d.plan_reason ? ReasonJson(*d.plan_reason) : ordered_json(nullptr)},
        {"override_reason", d.override_reason}};
    out.push_back(std::move(entry));
  }
  return out;
}

ordered_json ResponseToJson(const core::SessionResponse& response) {
  ordered_json reasons = ordered_json::array();
  for (const auto& reason : response.reasons)
    reasons.push_back(ReasonJson(reason));
  return {{"kind", core::Name(response.kind)},
          {"peripheralized", response.peripheralized},
          {"reasons", std::move(reasons)}};
}

ordered_json ScheduleToJson(const core::ScheduledCheckIn& s) {
  return {{"kind", core::Name(s.kind)},
          {"status", core::Name(s.status)},
          {"due_at", FormatUtcTime(s.due_at)},
          {"overdue_at", FormatUtcTime(s.overdue_at)},
          {"missed_at", FormatUtcTime(s.missed_at)},
          {"answered_at",
           s.answered_at ? ordered_json(FormatUtcTime(*s.answered_at)) : ordered_json(nullptr)}};
}

ordered_json TrendToJson(const core::CareTrend& trend) {
  ordered_json changes = ordered_json::array();
  for (const auto& c : trend.changes)
    changes.push_back({{"instrument", core::Name(c.instrument)},
                       {"baseline", c.baseline},
                       {"latest", c.latest},
                       {"change", c.change},
                       {"fraction", c.fraction ? ordered_json(*c.fraction) : ordered_json(nullptr)},
                       {"direction", core::Name(c.direction)},
                       {"meaningful", c.meaningful},
                       {"reason", ReasonJson(c.reason)}});
  ordered_json advice = ordered_json::array();
  for (const auto& a : trend.advice)
    advice.push_back(
        {{"kind", core::Name(a.kind)}, {"text", a.text}, {"reason", ReasonJson(a.reason)}});
  return {{"changes", std::move(changes)}, {"advice", std::move(advice)}};
}

ordered_json ProgressionToJson(const core::Progression& progression) {
  ordered_json history = ordered_json::array();
  for (const auto& change : progression.history)
    history.push_back({{"region", core::Name(change.region)},
                       {"after_session", change.after_session ? ordered_json(*change.after_session)
                                                              : ordered_json(nullptr)},
                       {"from", change.from},
                       {"to", change.to},
                       {"reason", ReasonJson(change.reason)}});
  return {{"start", PressuresJson(progression.start)},
          {"current", PressuresJson(progression.Current())},
          {"history", std::move(history)}};
}

}  // namespace backplan::codec
