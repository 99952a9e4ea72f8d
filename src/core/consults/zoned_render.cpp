#include "core/consults/zoned_render.h"

namespace backplan::core::consults {

LocalDateTime ToLocal(std::chrono::sys_seconds instant, const date::time_zone& zone) {
  const date::sys_info info = zone.get_info(instant);
  return {zone.to_local(instant), info.offset, info.abbrev};
}

std::string FormatLocalIso(std::chrono::sys_seconds instant, const date::time_zone& zone) {
  // %Ez is the offset with a colon (-04:00, +05:30), which RFC 3339 requires.
  return date::format("%FT%T%Ez", date::zoned_seconds{&zone, instant});
}

}  // namespace backplan::core::consults
