#include "codec/intake_json.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "codec/json_field_reader.h"
#include "core/names.h"
#include "core/scores/psfs.h"
#include "core/scores/rmdq.h"

namespace backplan::codec {
namespace {

using core::FieldErrors;
using nlohmann::json;

constexpr std::size_t kMaxTextLength = 500;
constexpr int kMaxAge = 120;
constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2200;
constexpr std::size_t kMaxPainRegions = 50;

std::string Child(const std::string& parent, std::string_view key) {
  return ChildPath(parent, key);
}
std::string Index(const std::string& parent, std::size_t i) {
  return IndexPath(parent, i);
}
std::string Shown(const json& v) {
  return ShownValue(v);
}
std::string TypeName(const json& v) {
  return JsonTypeName(v);
}

// Validates one document, collecting every error with its path.
class IntakeReader : public JsonFieldReader {
 public:
  using JsonFieldReader::JsonFieldReader;
  using JsonFieldReader::RejectUnknownKeys;

  std::optional<int> IntValue(const json& v, const std::string& path, int min, int max) {
    if (!v.is_number_integer() && !v.is_number_unsigned()) {
      Fail(path, "must be an integer " + Range(min, max) + ", got " + TypeName(v));
      return std::nullopt;
    }
    // The JSON library stores every non-negative integer as unsigned.
    const bool in_range = v.is_number_unsigned()
                              ? v.get<std::uint64_t>() <= static_cast<std::uint64_t>(max) &&
                                    static_cast<std::int64_t>(v.get<std::uint64_t>()) >= min
                              : v.get<std::int64_t>() >= min && v.get<std::int64_t>() <= max;
    if (!in_range) {
      Fail(path, "must be " + Range(min, max) + ", got " + Shown(v));
      return std::nullopt;
    }
    return static_cast<int>(v.get<std::int64_t>());
  }

  std::optional<int> Int(const json& object, const std::string& parent, std::string_view key,
                         int min, int max, bool required) {
    const json* v = Member(object, parent, key, required);
    return v ? IntValue(*v, Child(parent, key), min, max) : std::nullopt;
  }

  std::optional<bool> Bool(const json& object, const std::string& parent, std::string_view key,
                           bool required) {
    const json* v = Member(object, parent, key, required);
    if (!v)
      return std::nullopt;
    if (!v->is_boolean()) {
      Fail(Child(parent, key), "must be true or false, got " + TypeName(*v));
      return std::nullopt;
    }
    return v->get<bool>();
  }

  std::optional<std::string> Text(const json& object, const std::string& parent,
                                  std::string_view key, bool required) {
    const json* v = Member(object, parent, key, required);
    if (!v)
      return std::nullopt;
    return TextValue(*v, Child(parent, key));
  }

  std::optional<std::string> TextValue(const json& v, const std::string& path) {
    if (!v.is_string()) {
      Fail(path, "must be a string, got " + TypeName(v));
      return std::nullopt;
    }
    const auto& s = v.get_ref<const std::string&>();
    if (s.size() > kMaxTextLength) {
      Fail(path, "must be at most " + std::to_string(kMaxTextLength) + " bytes long");
      return std::nullopt;
    }
    return s;
  }

  template <typename Enum>
  std::optional<Enum> EnumValue(const json& v, const std::string& path) {
    if (!v.is_string()) {
      Fail(path, "must be one of " + core::AllowedNames<Enum>() + ", got " + TypeName(v));
      return std::nullopt;
    }
    auto value = core::FromName<Enum>(v.get_ref<const std::string&>());
    if (!value)
      Fail(path, "must be one of " + core::AllowedNames<Enum>() + ", got " + Shown(v));
    return value;
  }

  template <typename Enum>
  std::optional<Enum> EnumMember(const json& object, const std::string& parent,
                                 std::string_view key, bool required) {
    const json* v = Member(object, parent, key, required);
    return v ? EnumValue<Enum>(*v, Child(parent, key)) : std::nullopt;
  }

  std::optional<std::chrono::year_month_day> Date(const json& object, const std::string& parent,
                                                  std::string_view key, bool required) {
    const json* v = Member(object, parent, key, required);
    if (!v)
      return std::nullopt;
    const std::string path = Child(parent, key);
    if (!v->is_string()) {
      Fail(path, "must be a date YYYY-MM-DD, got " + TypeName(*v));
      return std::nullopt;
    }
    const auto& s = v->get_ref<const std::string&>();
    auto digits = [&](std::size_t from, std::size_t count) {
      return std::all_of(s.begin() + static_cast<long>(from),
                         s.begin() + static_cast<long>(from + count),
                         [](char c) { return c >= '0' && c <= '9'; });
    };
    if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits(0, 4) || !digits(5, 2) ||
        !digits(8, 2)) {
      Fail(path, "must be a date YYYY-MM-DD, got " + Shown(*v));
      return std::nullopt;
    }
    const int year = std::stoi(s.substr(0, 4));
    const unsigned month = static_cast<unsigned>(std::stoi(s.substr(5, 2)));
    const unsigned day = static_cast<unsigned>(std::stoi(s.substr(8, 2)));
    const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{month},
                                           std::chrono::day{day}};
    if (!date.ok() || year < kMinYear || year > kMaxYear) {
      Fail(path, "is not a valid calendar date: " + s);
      return std::nullopt;
    }
    return date;
  }

  // A list of distinct item numbers in [min, max].
  std::optional<std::vector<int>> ItemList(const json& v, const std::string& path, int min,
                                           int max) {
    if (!v.is_array()) {
      Fail(path, "must be an array of item numbers, got " + TypeName(v));
      return std::nullopt;
    }
    std::vector<int> items;
    std::set<int> seen;
    bool ok = true;
    for (std::size_t i = 0; i < v.size(); ++i) {
      auto item = IntValue(v[i], Index(path, i), min, max);
      if (!item) {
        ok = false;
        continue;
      }
      if (!seen.insert(*item).second) {
        Fail(Index(path, i), "item " + std::to_string(*item) + " is listed twice");
        ok = false;
        continue;
      }
      items.push_back(*item);
    }
    return ok ? std::optional(items) : std::nullopt;
  }

  // Objects with a closed set of questions (red flags, contraindications,
  // provocation tests, neuro signs) refuse keys they do not know: a misspelt
  // "yes" must never be lost as "not asked".
  template <typename Enum>
  void RejectUnknownKeys(const json& object, const std::string& path) {
    for (const auto& [key, value] : object.items())
      if (!core::FromName<Enum>(key))
        Fail(Child(path, key),
             "is not a known question; expected one of " + core::AllowedNames<Enum>());
  }

  static std::string Range(int min, int max) {
    return std::to_string(min) + "–" + std::to_string(max);
  }
};

void ReadPain(IntakeReader& r, const json& pain, core::Intake& intake) {
  const std::string base = "pain";
  if (const json* regions = r.Array(pain, base, "regions", true)) {
    const std::string path = "pain.regions";
    if (regions->size() > kMaxPainRegions)
      r.Fail(path, "must list at most " + std::to_string(kMaxPainRegions) + " regions");
    for (std::size_t i = 0; i < regions->size() && i < kMaxPainRegions; ++i) {
      const json& entry = (*regions)[i];
      const std::string at = Index(path, i);
      if (!entry.is_object()) {
        r.Fail(at, "must be an object, got " + TypeName(entry));
        continue;
      }
      auto region = r.EnumMember<core::Region>(entry, at, "region", true);
      auto side = r.EnumMember<core::Side>(entry, at, "side", false);
      auto intensity = r.Int(entry, at, "intensity", 0, 10, true);
      if (!region || !intensity)
        continue;
      const core::Side resolved = side.value_or(core::Side::central);
      for (const auto& earlier : intake.pain_regions)
        if (earlier.region == *region && earlier.side == resolved)
          r.Fail(at, "repeats region " + std::string(core::Name(*region)) + " on side " +
                         std::string(core::Name(resolved)));
      intake.pain_regions.push_back({*region, resolved, *intensity});
    }
  }

  if (const json* leg = r.Object(pain, base, "leg", true)) {
    const std::string at = "pain.leg";
    auto extent = r.EnumMember<core::LegExtent>(*leg, at, "extent", true);
    auto side = r.EnumMember<core::Side>(*leg, at, "side", true);
    if (extent && side) {
      if (*side == core::Side::central) {
        r.Fail(at + ".side", "must be left, right, both or none, got \"central\"");
      } else if (*extent == core::LegExtent::none && *side != core::Side::none) {
        r.Fail(at + ".side", "must be none when extent is none");
      } else if (*extent != core::LegExtent::none && *side == core::Side::none) {
        r.Fail(at + ".side",
               "must be left, right or both when extent is " + std::string(core::Name(*extent)));
      }
      intake.leg_extent = *extent;
      intake.leg_side = *side;
    }
  }

  if (const json* neuro = r.Object(pain, base, "neuro", true)) {
    const std::string at = "pain.neuro";
    r.RejectUnknownKeys(*neuro, at, {"numbness", "tingling", "weakness", "progressive_weakness"});
    intake.neuro.numbness = r.Bool(*neuro, at, "numbness", true).value_or(false);
    intake.neuro.tingling = r.Bool(*neuro, at, "tingling", true).value_or(false);
    intake.neuro.weakness = r.Bool(*neuro, at, "weakness", true).value_or(false);
    intake.neuro.progressive_weakness =
        r.Bool(*neuro, at, "progressive_weakness", true).value_or(false);
  }

  if (const json* nprs = r.Object(pain, base, "nprs", true)) {
    const std::string at = "pain.nprs";
    auto now = r.Int(*nprs, at, "now", 0, 10, true);
    intake.nprs.best_24h = r.Int(*nprs, at, "best_24h", 0, 10, false);
    intake.nprs.worst_24h = r.Int(*nprs, at, "worst_24h", 0, 10, false);
    intake.nprs.now = now.value_or(0);
    if (intake.nprs.best_24h && intake.nprs.worst_24h &&
        *intake.nprs.best_24h > *intake.nprs.worst_24h)
      r.Fail(at + ".best_24h", "must not be above worst_24h (" +
                                   std::to_string(*intake.nprs.best_24h) + " > " +
                                   std::to_string(*intake.nprs.worst_24h) + ")");
  }
}

void ReadProvocation(IntakeReader& r, const json& provocation, core::Intake& intake) {
  r.RejectUnknownKeys<core::Movement>(provocation, "provocation");
  for (core::Movement m : core::kAllMovements) {
    auto response =
        r.EnumMember<core::ProvocationResponse>(provocation, "provocation", core::Name(m), false);
    if (response)
      intake.provocation[static_cast<std::size_t>(m)] = *response;
  }
}

void ReadQuestionnaires(IntakeReader& r, const json& q, core::Intake& intake) {
  const std::string base = "questionnaires";
  auto& out = intake.questionnaires;

  if (const json* odi = r.Array(q, base, "odi", false)) {
    const std::string path = "questionnaires.odi";
    if (odi->size() != 10) {
      r.Fail(path,
             "must have 10 sections (null for unanswered), got " + std::to_string(odi->size()));
    } else {
      std::array<core::OdiSection, 10> sections;
      for (std::size_t i = 0; i < 10; ++i) {
        const json& section = (*odi)[i];
        const std::string at = Index(path, i);
        if (section.is_null())
          continue;
        if (section.is_array()) {  // a double tick: both statements
          if (section.empty() || section.size() > 2) {
            r.Fail(at, "a double tick must list 1 or 2 statements, got " +
                           std::to_string(section.size()));
            continue;
          }
          for (std::size_t k = 0; k < section.size(); ++k)
            if (auto v = r.IntValue(section[k], Index(at, k), 0, 5))
              sections[i].ticks.push_back(*v);
        } else if (auto v = r.IntValue(section, at, 0, 5)) {
          sections[i].ticks.push_back(*v);
        }
      }
      out.odi = sections;
    }
  }

  if (const json* rmdq = r.Member(q, base, "rmdq", false))
    out.rmdq = r.ItemList(*rmdq, "questionnaires.rmdq", 1, core::kRmdqItems);

  if (const json* sb = r.Object(q, base, "start_back", false)) {
    const std::string at = "questionnaires.start_back";
    core::StartBackAnswers answers;
    bool ok = true;
    if (const json* agree = r.Member(*sb, at, "agree", true)) {
      auto items = r.ItemList(*agree, at + ".agree", 1, 8);
      ok = ok && items.has_value();
      if (items)
        answers.agree = *items;
    } else {
      ok = false;
    }
    if (const json* disagree = r.Member(*sb, at, "disagree", false)) {
      answers.disagree = r.ItemList(*disagree, at + ".disagree", 1, 8);
      ok = ok && answers.disagree.has_value();
      if (answers.disagree)
        for (int item : *answers.disagree)
          if (std::find(answers.agree.begin(), answers.agree.end(), item) != answers.agree.end()) {
            r.Fail(at + ".disagree", "item " + std::to_string(item) + " is also in agree");
            ok = false;
          }
    }
    answers.bothersomeness = r.EnumMember<core::Bothersomeness>(*sb, at, "bothersomeness", false);
    if (sb->contains("bothersomeness") && !(*sb)["bothersomeness"].is_null() &&
        !answers.bothersomeness)
      ok = false;
    if (ok)
      out.start_back = answers;
  }

  if (const json* psfs = r.Array(q, base, "psfs", false)) {
    const std::string path = "questionnaires.psfs";
    if (psfs->size() > static_cast<std::size_t>(core::kPsfsMaxActivities))
      r.Fail(path, "must list at most " + std::to_string(core::kPsfsMaxActivities) +
                       " activities, got " + std::to_string(psfs->size()));
    for (std::size_t i = 0; i < psfs->size() && i < core::kPsfsMaxActivities; ++i) {
      const json& entry = (*psfs)[i];
      const std::string at = Index(path, i);
      if (!entry.is_object()) {
        r.Fail(at, "must be an object, got " + TypeName(entry));
        continue;
      }
      auto activity = r.Text(entry, at, "activity", true);
      auto score = r.Int(entry, at, "score", 0, 10, true);
      if (activity && activity->empty())
        r.Fail(at + ".activity", "must not be empty");
      if (activity && score)
        out.psfs.push_back({*activity, *score});
    }
  }
}

}  // namespace

IntakeParse ReadIntake(const json& doc) {
  IntakeParse result;
  IntakeReader r(result.errors);
  if (!doc.is_object()) {
    r.Fail("", "must be a JSON object, got " + TypeName(doc));
    return result;
  }
  core::Intake intake;

  auto assessed_on = r.Date(doc, "", "assessed_on", true);
  if (const json* client = r.Object(doc, "", "client", true))
    intake.age = r.Int(*client, "client", "age", 0, kMaxAge, true).value_or(0);
  std::optional<std::chrono::year_month_day> onset;
  if (const json* o = r.Object(doc, "", "onset", true)) {
    onset = r.Date(*o, "onset", "date", true);
    intake.onset_mechanism = r.Text(*o, "onset", "mechanism", false).value_or("");
  }
  if (assessed_on)
    intake.assessed_on = *assessed_on;
  if (onset)
    intake.onset_date = *onset;
  if (assessed_on && onset && std::chrono::sys_days{*onset} > std::chrono::sys_days{*assessed_on})
    r.Fail("onset.date", "must not be after assessed_on");

  if (const json* pain = r.Object(doc, "", "pain", true))
    ReadPain(r, *pain, intake);
  if (const json* provocation = r.Object(doc, "", "provocation", false))
    ReadProvocation(r, *provocation, intake);
  if (const json* signs = r.Object(doc, "", "signs", true)) {
    intake.guarding = r.Bool(*signs, "signs", "guarding", true).value_or(false);
    intake.instability = r.Bool(*signs, "signs", "instability", true).value_or(false);
  }
  if (const json* flags = r.Object(doc, "", "red_flags", true)) {
    r.RejectUnknownKeys<core::RedFlag>(*flags, "red_flags");
    for (std::size_t i = 0; i < core::kRedFlagCount; ++i)
      intake.red_flags[i] =
          r.Bool(*flags, "red_flags", core::Name(static_cast<core::RedFlag>(i)), false);
  }
  if (const json* contra = r.Object(doc, "", "contraindications", false)) {
    r.RejectUnknownKeys<core::Contraindication>(*contra, "contraindications");
    for (std::size_t i = 0; i < core::kContraindicationCount; ++i)
      intake.contraindications[i] = r.Bool(
          *contra, "contraindications", core::Name(static_cast<core::Contraindication>(i)), false);
  }
  intake.stress = r.Int(doc, "", "stress", 0, 10, false);
  if (const json* q = r.Object(doc, "", "questionnaires", false))
    ReadQuestionnaires(r, *q, intake);

  if (result.errors.empty())
    result.intake = std::move(intake);
  return result;
}

namespace {

// Refuses documents nested deeper than the format ever needs, so that no
// input can exhaust the stack of the recursive parts of the JSON library.
bool NestedTooDeep(std::string_view text) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '{' || c == '[') {
      if (++depth > kMaxIntakeDepth)
        return true;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return false;
}

}  // namespace

IntakeParse ParseIntake(std::string_view text) {
  IntakeParse result;
  if (text.size() > kMaxIntakeBytes) {
    result.errors.push_back(
        {"(root)", "is larger than " + std::to_string(kMaxIntakeBytes) + " bytes"});
    return result;
  }
  if (NestedTooDeep(text)) {
    result.errors.push_back(
        {"(root)", "is nested deeper than " + std::to_string(kMaxIntakeDepth) + " levels"});
    return result;
  }
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    result.errors.push_back(
        {"(root)", "is not valid JSON (at byte " + std::to_string(e.byte) + ")"});
    return result;
  } catch (const json::exception&) {  // e.g. a number too large for a double
    result.errors.push_back({"(root)", "is not valid JSON (a number is out of range)"});
    return result;
  }
  return ReadIntake(doc);
}

}  // namespace backplan::codec
