// Throughput of the whole assessment path for one intake: parse the JSON text,
// validate, assess, build and serialize the result. The baseline in the same
// run is the JSON work this path cannot avoid, done by the same library:
// parsing the intake text and dumping an already-built result document. The
// ratio shows what validation, the clinical rules and building the result
// cost on top of that.
//
// Allocations are counted by replacing global operator new in this binary.

#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <new>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "codec/assessment_json.h"
#include "codec/intake_json.h"
#include "core/assessment.h"

namespace {
std::atomic<long> g_allocations{0};
}

// GCC 12 flags free() on memory from the replaced operator new as a mismatch,
// although this pair is exactly how a replacement is meant to be written.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

void* operator new(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size))
    return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}

namespace {

std::string ReadExample(const std::string& name) {
  std::ifstream in(std::string(BACKPLAN_SOURCE_DIR) + "/examples/" + name);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

const char* kExamples[] = {"chronic-localized.json", "acute-radicular.json",
                           "cauda-equina-emergency.json"};

void BM_ParseAssessSerialize(benchmark::State& state) {
  const std::string text = ReadExample(kExamples[state.range(0)]);
  state.SetLabel(kExamples[state.range(0)]);
  const long before = g_allocations.load();
  for (auto _ : state) {
    auto parsed = backplan::codec::ParseIntake(text);
    if (!parsed.intake) {
      state.SkipWithError("example intake is invalid");
      break;
    }
    auto out = backplan::codec::AssessmentToJson(backplan::core::Assess(*parsed.intake)).dump();
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["plans_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["allocs_per_plan"] =
      static_cast<double>(g_allocations.load() - before) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_ParseAssessSerialize)->DenseRange(0, 2);

void BM_BaselineJsonParseAndDump(benchmark::State& state) {
  const std::string text = ReadExample(kExamples[state.range(0)]);
  state.SetLabel(kExamples[state.range(0)]);
  const long before = g_allocations.load();
  const auto result = backplan::codec::AssessmentToJson(
      backplan::core::Assess(*backplan::codec::ParseIntake(text).intake));
  for (auto _ : state) {
    auto intake = nlohmann::json::parse(text);
    benchmark::DoNotOptimize(&intake);
    auto out = result.dump();
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["docs_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["allocs_per_doc"] =
      static_cast<double>(g_allocations.load() - before) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_BaselineJsonParseAndDump)->DenseRange(0, 2);

}  // namespace

BENCHMARK_MAIN();
