#pragma once
// Test helpers for building intakes: a clean baseline intake, a seeded random
// generator of valid core::Intake values (every value within the ranges and
// consistency rules the intake format enforces), and an Intake → intake-format
// JSON writer so that generated intakes can also go through the parser.
// Header-only: tests/CMakeLists.txt compiles only the *_test.cpp files and
// support/json_path.cpp.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "core/intake.h"
#include "core/names.h"

namespace backplan::testing {

inline std::chrono::year_month_day Ymd(int y, unsigned m, unsigned d) {
  return std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m},
                                     std::chrono::day{d}};
}

// `days` before `date`.
inline std::chrono::year_month_day DaysBefore(std::chrono::year_month_day date, int days) {
  return std::chrono::year_month_day{std::chrono::sys_days{date} - std::chrono::days{days}};
}

// A chronic, localized, low-irritability intake with every screening question
// answered "no": screening clear, a standard plan.
inline core::Intake BaselineIntake() {
  core::Intake in;
  in.assessed_on = Ymd(2026, 11, 20);
  in.onset_date = DaysBefore(in.assessed_on, 200);
  in.age = 40;
  in.onset_mechanism = "lifting";
  in.pain_regions = {{core::Region::lumbar, core::Side::both, 3}};
  in.nprs = {3, 1, 3};
  for (auto& f : in.red_flags)
    f = false;
  for (auto& c : in.contraindications)
    c = false;
  in.stress = 3;
  return in;
}

class IntakeGenerator {
 public:
  explicit IntakeGenerator(std::uint32_t seed) : rng_(seed) {}

  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <typename T, std::size_t N>
  T Pick(const std::array<T, N>& values) {
    return values[static_cast<std::size_t>(Int(0, static_cast<int>(N) - 1))];
  }
  std::mt19937& Rng() { return rng_; }

  // A random valid intake. Red flags and contraindications are rare so that
  // most intakes still get a plan; each one may also be left unasked.
  core::Intake Next() {
    core::Intake in;
    in.assessed_on =
        Ymd(Int(2020, 2030), static_cast<unsigned>(Int(1, 12)), static_cast<unsigned>(Int(1, 28)));
    in.onset_date = DaysBefore(in.assessed_on, DaysSinceOnset());
    in.age = Int(16, 90);
    in.onset_mechanism = Chance(0.5) ? "lifting" : "";

    const int region_count = Int(0, 4);
    for (int i = 0; i < region_count; ++i) {
      const core::PainRegion p{Pick(core::kAllRegions), Pick(kSides), Int(0, 10)};
      const bool repeat =
          std::any_of(in.pain_regions.begin(), in.pain_regions.end(),
                      [&](const auto& e) { return e.region == p.region && e.side == p.side; });
      if (!repeat)
        in.pain_regions.push_back(p);
    }
    if (Chance(0.6)) {
      in.leg_extent = core::LegExtent::none;
      in.leg_side = core::Side::none;
    } else {
      in.leg_extent = static_cast<core::LegExtent>(Int(1, 4));
      in.leg_side = Pick(kLegSides);
    }
    in.neuro.numbness = Chance(0.15);
    in.neuro.tingling = Chance(0.15);
    in.neuro.weakness = Chance(0.1);
    in.neuro.progressive_weakness = Chance(0.03);

    in.nprs.now = Int(0, 10);
    if (Chance(0.8)) {
      const int best = Int(0, 10);
      in.nprs.best_24h = best;
      in.nprs.worst_24h = Int(best, 10);
    } else if (Chance(0.5)) {
      in.nprs.worst_24h = Int(0, 10);
    }
    for (auto& p : in.provocation)
      p = static_cast<core::ProvocationResponse>(Int(0, 3));
    in.guarding = Chance(0.4);
    in.instability = Chance(0.2);

    for (auto& f : in.red_flags)
      f = RareAnswer(0.03, 0.03);
    for (auto& c : in.contraindications)
      c = RareAnswer(0.04, 0.03);
    if (Chance(0.9))
      in.stress = Int(0, 10);

    auto& q = in.questionnaires;
    if (Chance(0.7)) {
      std::array<core::OdiSection, 10> odi;
      for (auto& s : odi) {
        if (Chance(0.08))
          continue;  // unanswered
        s.ticks.push_back(Int(0, 5));
        if (Chance(0.05))
          s.ticks.push_back(Int(0, 5));  // double tick
      }
      q.odi = odi;
    }
    if (Chance(0.7))
      q.rmdq = Distinct(1, 24, Int(0, 24));
    if (Chance(0.7)) {
      core::StartBackAnswers sb;
      sb.agree = Distinct(1, 8, Int(0, 8));
      if (Chance(0.3)) {
        std::vector<int> disagree;
        for (int item = 1; item <= 8; ++item)
          if (std::find(sb.agree.begin(), sb.agree.end(), item) == sb.agree.end() && Chance(0.9))
            disagree.push_back(item);
        sb.disagree = disagree;
      }
      if (Chance(0.9))
        sb.bothersomeness = static_cast<core::Bothersomeness>(Int(0, 4));
      q.start_back = sb;
    }
    const int activities = Int(0, 5);
    for (int i = 0; i < activities; ++i)
      q.psfs.push_back({"activity " + std::to_string(i), Int(0, 10)});
    return in;
  }

 private:
  static constexpr std::array<core::Side, 5> kSides = {
      core::Side::left, core::Side::right, core::Side::both, core::Side::central, core::Side::none};
  static constexpr std::array<core::Side, 3> kLegSides = {core::Side::left, core::Side::right,
                                                          core::Side::both};

  // Spread over the whole range and concentrated around the band boundaries.
  int DaysSinceOnset() {
    switch (Int(0, 3)) {
      case 0:
        return Int(0, 41);
      case 1:
        return Int(42, 84);
      case 2:
        return Int(85, 3000);
      default:
        return Int(38, 90);
    }
  }

  std::optional<bool> RareAnswer(double p_yes, double p_unasked) {
    if (Chance(p_unasked))
      return std::nullopt;
    return Chance(p_yes);
  }

  std::vector<int> Distinct(int lo, int hi, int count) {
    std::vector<int> all;
    for (int i = lo; i <= hi; ++i)
      all.push_back(i);
    std::shuffle(all.begin(), all.end(), rng_);
    all.resize(static_cast<std::size_t>(std::min<int>(count, static_cast<int>(all.size()))));
    return all;
  }

  std::mt19937 rng_;
};

inline std::string DateText(std::chrono::year_month_day d) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buffer;
}

template <typename T>
nlohmann::json OptionalJson(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

// The intake in intake format v1. Questions not asked are left out.
inline nlohmann::json IntakeToJson(const core::Intake& in) {
  using core::Name;
  using nlohmann::json;
  json doc;
  doc["assessed_on"] = DateText(in.assessed_on);
  doc["client"] = {{"age", in.age}};
  doc["onset"] = {{"date", DateText(in.onset_date)}, {"mechanism", in.onset_mechanism}};
  json regions = json::array();
  for (const auto& p : in.pain_regions)
    regions.push_back(
        {{"region", Name(p.region)}, {"side", Name(p.side)}, {"intensity", p.intensity}});
  doc["pain"] = {{"regions", regions},
                 {"leg", {{"extent", Name(in.leg_extent)}, {"side", Name(in.leg_side)}}},
                 {"neuro",
                  {{"numbness", in.neuro.numbness},
                   {"tingling", in.neuro.tingling},
                   {"weakness", in.neuro.weakness},
                   {"progressive_weakness", in.neuro.progressive_weakness}}},
                 {"nprs",
                  {{"now", in.nprs.now},
                   {"best_24h", OptionalJson(in.nprs.best_24h)},
                   {"worst_24h", OptionalJson(in.nprs.worst_24h)}}}};
  json provocation = json::object();
  for (core::Movement m : core::kAllMovements)
    provocation[Name(m)] = Name(in.Response(m));
  doc["provocation"] = provocation;
  doc["signs"] = {{"guarding", in.guarding}, {"instability", in.instability}};
  json flags = json::object();
  for (std::size_t i = 0; i < core::kRedFlagCount; ++i)
    if (in.red_flags[i])
      flags[Name(static_cast<core::RedFlag>(i))] = *in.red_flags[i];
  doc["red_flags"] = flags;
  json contra = json::object();
  for (std::size_t i = 0; i < core::kContraindicationCount; ++i)
    if (in.contraindications[i])
      contra[Name(static_cast<core::Contraindication>(i))] = *in.contraindications[i];
  doc["contraindications"] = contra;
  if (in.stress)
    doc["stress"] = *in.stress;
  json q = json::object();
  const auto& iq = in.questionnaires;
  if (iq.odi) {
    json odi = json::array();
    for (const auto& s : *iq.odi) {
      if (s.ticks.empty())
        odi.push_back(nullptr);
      else if (s.ticks.size() == 1)
        odi.push_back(s.ticks[0]);
      else
        odi.push_back(s.ticks);
    }
    q["odi"] = odi;
  }
  if (iq.rmdq)
    q["rmdq"] = *iq.rmdq;
  if (iq.start_back) {
    json sb = {{"agree", iq.start_back->agree}};
    if (iq.start_back->disagree)
      sb["disagree"] = *iq.start_back->disagree;
    if (iq.start_back->bothersomeness)
      sb["bothersomeness"] = Name(*iq.start_back->bothersomeness);
    q["start_back"] = sb;
  }
  if (!iq.psfs.empty()) {
    json psfs = json::array();
    for (const auto& a : iq.psfs)
      psfs.push_back({{"activity", a.activity}, {"score", a.score}});
    q["psfs"] = psfs;
  }
  doc["questionnaires"] = q;
  return doc;
}

}  // namespace backplan::testing
