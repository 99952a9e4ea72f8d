#include "core/consults/availability.h"

#include <string>

namespace backplan::core::consults {
namespace {

using std::chrono::minutes;

constexpr minutes kDay{24 * 60};

void CheckRange(const LocalTimeRange& range, const std::string& path, FieldErrors& errors) {
  if (range.start < minutes{0} || range.start >= kDay)
    errors.push_back({path + ".start", "must be 00:00–23:59"});
  if (range.end <= range.start || range.end > kDay)
    errors.push_back({path + ".end", "must be after start and at most 24:00"});
}

}  // namespace

FieldErrors Validate(const Availability& availability) {
  FieldErrors errors;
  for (unsigned weekday_idx = 0; weekday_idx < 7; ++weekday_idx) {
    const auto& ranges = availability.weekly.by_weekday[weekday_idx];
    for (std::size_t range_idx = 0; range_idx < ranges.size(); ++range_idx)
      CheckRange(ranges[range_idx],
                 "weekly[" + std::to_string(weekday_idx) + "][" + std::to_string(range_idx) + "]",
                 errors);
  }
  for (std::size_t extra_idx = 0; extra_idx < availability.extra_hours.size(); ++extra_idx)
    CheckRange(availability.extra_hours[extra_idx].range,
               "extra_hours[" + std::to_string(extra_idx) + "]", errors);
  return errors;
}

FieldErrors Validate(const ConsultType& consult_type) {
  FieldErrors errors;
  if (consult_type.duration <= minutes{0} || consult_type.duration > kDay)
    errors.push_back({"duration", "must be 1 minute to 24 hours"});
  if (consult_type.buffer_before < minutes{0})
    errors.push_back({"buffer_before", "must not be negative"});
  if (consult_type.buffer_after < minutes{0})
    errors.push_back({"buffer_after", "must not be negative"});
  if (consult_type.minimum_notice < minutes{0})
    errors.push_back({"minimum_notice", "must not be negative"});
  if (consult_type.booking_horizon < date::days{0} ||
      consult_type.booking_horizon > date::days{730})
    errors.push_back({"booking_horizon", "must be 0–730 days"});
  if (consult_type.slot_step < minutes{5} || consult_type.slot_step > kDay)
    errors.push_back({"slot_step", "must be 5 minutes to 24 hours"});
  return errors;
}

}  // namespace backplan::core::consults
