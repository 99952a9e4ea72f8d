// The trigger finder for one client with three years of daily entries and 20
// exposures (19 null, one planted trigger; tests/support/diary_gen.h). The
// baseline in the same run is the read any analysis of this diary cannot
// avoid: one pass over every entry's exposure table computing each exposure's
// mean. The ratio shows what the statistics cost on top of reading the data.
// Goal: under 1 ms per client on one core.

#include <benchmark/benchmark.h>

#include <string_view>
#include <vector>

#include "core/triggers/trigger_finder.h"
#include "support/diary_gen.h"

namespace {

const backplan::core::Diary& ThreeYearDiary() {
  static const backplan::core::Diary diary = [] {
    backplan::testing::DiaryGenOptions options;
    options.days = 3 * 365;
    options.null_exposures = 19;  // plus the planted trigger: 20 exposures
    return backplan::testing::GenerateDiary(42, options).diary;
  }();
  return diary;
}

void BM_FindTriggers(benchmark::State& state) {
  const auto& diary = ThreeYearDiary();
  for (auto _ : state) {
    auto report = backplan::core::FindTriggers(diary);
    benchmark::DoNotOptimize(report.findings.data());
  }
  state.SetLabel("1095 days x 20 exposures");
}
BENCHMARK(BM_FindTriggers)
    ->Unit(benchmark::kMicrosecond)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);

// Per-exposure means in one pass. Each entry's map is sorted by name, so it is
// merged against the sorted list of names seen so far: the cheapest way to
// match values to exposures without assuming every day has the same ones.
void BM_BaselineExposureMeans(benchmark::State& state) {
  const auto& diary = ThreeYearDiary();
  for (auto _ : state) {
    std::vector<std::string_view> names;
    std::vector<double> sums;
    std::vector<int> counts;
    for (const auto& entry : diary) {
      std::size_t column = 0;
      for (const auto& [name, value] : entry.exposures) {
        while (column < names.size() && names[column] < name)
          ++column;
        if (column == names.size() || names[column] != name) {
          const auto at = static_cast<std::ptrdiff_t>(column);
          names.insert(names.begin() + at, name);
          sums.insert(sums.begin() + at, 0.0);
          counts.insert(counts.begin() + at, 0);
        }
        sums[column] += value;
        ++counts[column];
        ++column;
      }
    }
    for (std::size_t column = 0; column < sums.size(); ++column)
      sums[column] /= counts[column];
    benchmark::DoNotOptimize(sums.data());
  }
  state.SetLabel("1095 days x 20 exposures");
}
BENCHMARK(BM_BaselineExposureMeans)
    ->Unit(benchmark::kMicrosecond)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);

}  // namespace

BENCHMARK_MAIN();
