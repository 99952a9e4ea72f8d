#pragma once
// An instant as a reader in some zone sees it: "2027-03-14T09:00:00-04:00"
// (RFC 3339 / ISO 8601 local date-time with its UTC offset). Slots are stored
// and compared in UTC and only rendered per viewer; the zone is looked up by
// the caller (date::locate_zone).

#include <chrono>
#include <string>

#include <date/tz.h>

namespace backplan::core::consults {

struct LocalDateTime {
  date::local_seconds local{};
  std::chrono::seconds utc_offset{0};  // local = UTC + offset
  std::string abbreviation;            // "EDT", "BST", "IST"; informative only
};

LocalDateTime ToLocal(std::chrono::sys_seconds instant, const date::time_zone& zone);

// "YYYY-MM-DDThh:mm:ss±hh:mm"; UTC renders as "+00:00".
std::string FormatLocalIso(std::chrono::sys_seconds instant, const date::time_zone& zone);

}  // namespace backplan::core::consults
