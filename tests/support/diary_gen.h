#pragma once
// Seeded generator of pain diaries for tests and benchmarks: pain with
// carry-over from one half day to the next (an AR(1) process on a latent level,
// rated as whole NPRS points with some rating noise), a set of null exposures of
// every kind that have no effect on pain, and optionally one planted yes/no
// trigger that raises that evening's latent pain (which then carries over to the
// next morning like any other pain). Some values are left unrecorded at random.
// Header-only and deterministic for a given seed and options (std::mt19937_64
// and the libstdc++ distributions).

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "core/diary.h"

namespace backplan::testing {

struct DiaryGenOptions {
  int days = 90;
  double pain_mean = 4.0;   // the level pain returns to
  double carry_over = 0.7;  // AR(1) coefficient per half day (morning → evening → morning)
  // New variation per half day, NPRS points. With the defaults a rating varies
  // around the client's mean with a standard deviation of about 1.1 points.
  double innovation_sd = 0.7;
  double rating_noise_sd = 0.5;  // how far a rating strays from the latent level
  double missing_rate = 0.05;    // chance that a rating or an exposure value is not recorded
  int null_exposures = 20;       // kinds cycle: minutes, count, hours, scale, yes/no
  std::string planted_name = "planted_trigger";  // empty: no planted trigger
  double planted_effect = 1.5;  // NPRS points added to the evening of an exposed day
  double planted_rate = 0.3;    // share of days exposed
  std::chrono::sys_days first_day =
      std::chrono::sys_days{std::chrono::year{2026} / std::chrono::January / 5};  // a Monday
};

struct GeneratedDiary {
  core::Diary diary;
  std::string planted_name;             // empty when none was planted
  std::vector<std::string> null_names;  // exposures with no effect on pain
};

class DiaryGenerator {
 public:
  DiaryGenerator(std::uint64_t seed, DiaryGenOptions options)
      : rng_(seed), options_(std::move(options)) {}

  GeneratedDiary Generate() {
    GeneratedDiary out;
    out.planted_name = options_.planted_name;
    for (int index = 0; index < options_.null_exposures; ++index)
      out.null_names.push_back(NullName(index));
    std::vector<double> scale_state(static_cast<std::size_t>(options_.null_exposures), 0.0);
    const double stationary_sd =
        options_.innovation_sd / std::sqrt(1.0 - options_.carry_over * options_.carry_over);
    double level = options_.pain_mean + Normal(0.0, stationary_sd);
    for (int day = 0; day < options_.days; ++day) {
      core::DiaryEntry entry;
      entry.date = options_.first_day + std::chrono::days{day};
      level = Step(level);
      entry.pain_morning = Rating(level);
      const bool weekday = std::chrono::weekday{entry.date}.iso_encoding() <= 5;
      for (int index = 0; index < options_.null_exposures; ++index)
        Record(entry, out.null_names[static_cast<std::size_t>(index)],
               NullValue(index, weekday, scale_state[static_cast<std::size_t>(index)]));
      double effect = 0.0;
      if (!options_.planted_name.empty()) {
        const bool exposed = Chance(options_.planted_rate);
        effect = exposed ? options_.planted_effect : 0.0;
        Record(entry, options_.planted_name, exposed ? 1.0 : 0.0);
      }
      level = Step(level) + effect;
      entry.pain_evening = Rating(level);
      out.diary.push_back(std::move(entry));
    }
    return out;
  }

 private:
  static constexpr const char* kKindNames[] = {"minutes", "count", "hours", "scale", "yes_no"};

  static std::string NullName(int index) {
    return std::string("null_") + kKindNames[index % 5] + "_" + std::to_string(index / 5);
  }

  double Normal(double mean, double sd) { return std::normal_distribution<double>(mean, sd)(rng_); }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }

  double Step(double level) {
    return options_.pain_mean + options_.carry_over * (level - options_.pain_mean) +
           Normal(0.0, options_.innovation_sd);
  }

  std::optional<int> Rating(double level) {
    const double rated = std::round(level + Normal(0.0, options_.rating_noise_sd));
    const int value = static_cast<int>(std::clamp(rated, 0.0, 10.0));
    return Chance(options_.missing_rate) ? std::nullopt : std::optional<int>(value);
  }

  void Record(core::DiaryEntry& entry, const std::string& name, double value) {
    if (!Chance(options_.missing_rate))
      entry.exposures.emplace(name, value);
  }

  // Realistic shapes, none related to pain: desk minutes with a weekday
  // pattern, counts that are often zero, sleep-like hours, a stress-like scale
  // that drifts over days, and yes/no habits of different frequency.
  double NullValue(int index, bool weekday, double& scale_state) {
    const double variant = index / 5;
    switch (index % 5) {
      case 0: {
        const double base = (weekday ? 200.0 : 80.0) + 20.0 * variant;
        return std::clamp(std::round(base * std::exp(Normal(0.0, 0.4))), 0.0, 1440.0);
      }
      case 1: {
        const double rate = 0.5 + variant;
        return static_cast<double>(std::poisson_distribution<int>(rate)(rng_));
      }
      case 2:
        return std::clamp(std::round(2.0 * Normal(6.5 + 0.3 * variant, 1.0)) / 2.0, 0.0, 24.0);
      case 3:
        scale_state = 0.5 * scale_state + Normal(0.0, 1.5);
        return std::clamp(std::round(3.0 + variant * 0.5 + scale_state), 0.0, 10.0);
      default:
        return Chance(0.2 + 0.1 * variant) ? 1.0 : 0.0;
    }
  }

  std::mt19937_64 rng_;
  DiaryGenOptions options_;
};

inline GeneratedDiary GenerateDiary(std::uint64_t seed, DiaryGenOptions options = {}) {
  return DiaryGenerator(seed, std::move(options)).Generate();
}

}  // namespace backplan::testing
