#pragma once
// The client's diary over the API (issue 4, item 5, and the trigger part of
// item 6): one day at a time, a whole CSV file at once, the exposures a
// practitioner defines for the client, and the trigger finder over what is
// stored.
//
// A day is one row per client and date; recording a day again (by entry or by
// import) replaces it, and the store keeps the replaced version in the diary
// history. An import is all-or-nothing: the file is parsed whole
// (codec/diary_csv.h) and, only when it has no errors, every day is written in
// ONE write transaction with one audit row.
//
// Permissions (permissions.h): entering, importing and reading the diary, for
// the client themselves or staff with access to the client; defining an
// exposure, for staff only (a client gets 403). A foreign or unknown client
// id is "not found". Every write is audited in its transaction, every read
// through the AuditWriter. Thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "codec/diary_csv.h"
#include "core/diary.h"
#include "core/triggers/trigger_finder.h"
#include "service/audit_writer.h"
#include "service/auth_service.h"
#include "service/principal.h"
#include "service/service_error.h"
#include "storage/store.h"

namespace backplan::service {

// A stored day with the entry it holds.
struct DiaryDay {
  storage::DiaryEntryRow row;
  core::DiaryEntry entry;
};

struct RecordedDay {
  DiaryDay day;
  bool replaced = false;  // the day had an entry, now in the history
};

// The result of an import. When row_errors is not empty the file was refused
// and nothing was stored (the caller reports them: 400, exit code 2).
struct DiaryImport {
  int imported_days = 0;
  int replaced_days = 0;  // of those, days that had an entry before
  codec::DiaryCsvErrors row_errors;
};

struct ExposureRequest {
  std::string name;
  std::string kind;  // minutes, count, hours, scale, yes_no
  std::string label;
};

class DiaryService {
 public:
  DiaryService(storage::Store& store, Clock clock, AuditWriter& audit)
      : store_(store), clock_(std::move(clock)), audit_(audit) {}

  // `date` is YYYY-MM-DD; `entry_json` as in codec/diary_entry_json.h.
  Outcome<RecordedDay> PutEntry(const Principal& p, storage::Id client_id, const std::string& date,
                                const std::string& entry_json);
  // Oldest first; from/to (YYYY-MM-DD, inclusive) are optional.
  Outcome<std::vector<DiaryDay>> Entries(const Principal& p, storage::Id client_id,
                                         const std::optional<std::string>& from,
                                         const std::optional<std::string>& to);
  Outcome<DiaryImport> ImportCsv(const Principal& p, storage::Id client_id,
                                 const std::string& csv_text);
  // The whole diary as diary CSV v1, the client's own exposures as columns.
  Outcome<std::string> ExportCsv(const Principal& p, storage::Id client_id);
  Outcome<std::vector<core::ExposureDefinition>> Exposures(const Principal& p,
                                                           storage::Id client_id);
  Outcome<core::ExposureDefinition> DefineExposure(const Principal& p, storage::Id client_id,
                                                   const ExposureRequest& request);
  Outcome<core::TriggerReport> Triggers(const Principal& p, storage::Id client_id);

 private:
  // The client's diary and exposure definitions in one read, audited as
  // `action`; nullopt in `error` cases.
  struct Loaded {
    std::vector<DiaryDay> days;
    std::vector<core::ExposureDefinition> custom;
  };
  Outcome<Loaded> Load(const Principal& p, storage::Id client_id,
                       const std::optional<std::string>& from, const std::optional<std::string>& to,
                       const char* action);

  storage::Store& store_;
  Clock clock_;
  AuditWriter& audit_;
};

}  // namespace backplan::service
