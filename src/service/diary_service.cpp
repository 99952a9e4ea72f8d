#include "service/diary_service.h"

#include <stdexcept>

#include "codec/diary_entry_json.h"
#include "service/audit.h"
#include "service/permissions.h"

namespace backplan::service {
namespace {

constexpr std::size_t kMaxExposureLabel = 100;
// Enough for any clinic; keeps a diary file's width bounded.
constexpr std::size_t kMaxClientExposures = 50;

std::vector<core::ExposureDefinition> DefinitionsOf(
    const std::vector<storage::ClientExposureRow>& rows) {
  std::vector<core::ExposureDefinition> definitions;
  for (const auto& row : rows) {
    // The schema allows only the five kind names, so this always succeeds.
    const auto kind = codec::ExposureKindFromName(row.kind).value_or(core::ExposureKind::count);
    definitions.push_back({row.name, kind, row.label});
  }
  return definitions;
}

// The stored entry as the core reads it; nullopt when the row no longer
// parses (a corrupted row).
std::optional<DiaryDay> DayOf(const storage::DiaryEntryRow& row,
                              const std::vector<core::ExposureDefinition>& custom) {
  const auto date = codec::ParseDiaryDate(row.day);
  if (!date)
    return std::nullopt;
  auto parsed = codec::ParseDiaryEntryJson(row.entry_json, *date, custom);
  if (!parsed.entry)
    return std::nullopt;
  return DiaryDay{row, std::move(*parsed.entry)};
}

ServiceError InvalidEntry(core::FieldErrors errors) {
  return {core::ErrorKind::invalid_input, "the diary entry is not valid", std::move(errors), 0};
}

}  // namespace

Outcome<RecordedDay> DiaryService::PutEntry(const Principal& p, storage::Id client_id,
                                            const std::string& date_text,
                                            const std::string& entry_json) {
  const auto now = clock_();
  const auto date = codec::ParseDiaryDate(date_text);
  std::optional<ServiceError> error;
  std::optional<RecordedDay> recorded;
  const auto status = store_.Write([&](storage::WriteTx& tx) {
    if (!CanAccessClientId(tx, p, client_id)) {
      Audit(tx, CallerOf(p), p.clinic_id, "diary_entry.put", "client", client_id, client_id,
            "not_found", now);
      error = NotFound();
      return storage::Status{};
    }
    if (!date) {
      Audit(tx, CallerOf(p), p.clinic_id, "diary_entry.put", "client", client_id, client_id,
            "invalid", now);
      error = Invalid("date", "must be a calendar date YYYY-MM-DD");
      return storage::Status{};
    }
    const auto custom = DefinitionsOf(tx.ClientExposures(client_id));
    auto parsed = codec::ParseDiaryEntryJson(entry_json, *date, custom);
    if (!parsed.entry) {
      Audit(tx, CallerOf(p), p.clinic_id, "diary_entry.put", "client", client_id, client_id,
            "invalid", now);
      error = InvalidEntry(std::move(parsed.errors));
      return storage::Status{};
    }
    storage::DiaryEntryRow row;
    row.client_id = client_id;
    row.day = codec::DiaryDateText(*date);
    row.entry_json = codec::DiaryEntryToJson(*parsed.entry).dump();
    row.recorded_by = p.user_id;
    row.recorded_at = now;
    const bool replaced = tx.PutDiaryEntry(row);
    Audit(tx, CallerOf(p), p.clinic_id, replaced ? "diary_entry.replace" : "diary_entry.create",
          "client", client_id, client_id, "ok", now);
    recorded = RecordedDay{{row, std::move(*parsed.entry)}, replaced};
    return storage::Status{};
  });
  if (error)
    return *error;
  if (!status.ok() || !recorded)
    return Internal();
  return std::move(*recorded);
}

Outcome<DiaryService::Loaded> DiaryService::Load(const Principal& p, storage::Id client_id,
                                                 const std::optional<std::string>& from,
                                                 const std::optional<std::string>& to,
                                                 const char* action) {
  Loaded loaded;
  bool allowed = false;
  bool readable = true;
  const auto now = clock_();
  if (!store_
           .Read([&](storage::ReadTx& tx) {
             allowed = CanAccessClientId(tx, p, client_id);
             if (allowed) {
               loaded.custom = DefinitionsOf(tx.ClientExposures(client_id));
               for (const auto& row : tx.DiaryEntries(client_id, from, to)) {
                 auto day = DayOf(row, loaded.custom);
                 if (!day) {
                   readable = false;
                   break;
                 }
                 loaded.days.push_back(std::move(*day));
               }
             }
             Audit(audit_, CallerOf(p), p.clinic_id, action, "client", client_id, client_id,
                   allowed ? "ok" : "not_found", now);
             return storage::Status{};
           })
           .ok() ||
      !readable)
    return Internal();
  if (!allowed)
    return NotFound();
  return loaded;
}

Outcome<std::vector<DiaryDay>> DiaryService::Entries(const Principal& p, storage::Id client_id,
                                                     const std::optional<std::string>& from,
                                                     const std::optional<std::string>& to) {
  auto loaded = Load(p, client_id, from, to, "diary.list");
  if (!loaded.ok())
    return loaded.error();
  return std::move(loaded.value().days);
}

Outcome<DiaryImport> DiaryService::ImportCsv(const Principal& p, storage::Id client_id,
                                             const std::string& csv_text) {
  const auto now = clock_();
  // The definitions are read first so the file is parsed outside the writer;
  // definitions are only ever added, so a file valid now stays valid.
  std::vector<core::ExposureDefinition> custom;
  bool allowed = false;
  if (!store_
           .Read([&](storage::ReadTx& tx) {
             allowed = CanAccessClientId(tx, p, client_id);
             if (allowed)
               custom = DefinitionsOf(tx.ClientExposures(client_id));
             return storage::Status{};
           })
           .ok())
    return Internal();

  DiaryImport result;
  std::optional<codec::DiaryCsvParse> parsed;
  if (allowed)
    parsed = codec::ParseDiaryCsv(csv_text, custom);

  std::optional<ServiceError> error;
  const auto status = store_.Write([&](storage::WriteTx& tx) {
    if (!allowed || !CanAccessClientId(tx, p, client_id)) {
      Audit(tx, CallerOf(p), p.clinic_id, "diary.import", "client", client_id, client_id,
            "not_found", now);
      error = NotFound();
      return storage::Status{};
    }
    if (!parsed->diary) {
      Audit(tx, CallerOf(p), p.clinic_id, "diary.import", "client", client_id, client_id, "invalid",
            now);
      result.row_errors = parsed->errors;
      return storage::Status{};
    }
    for (const auto& entry : *parsed->diary) {
      storage::DiaryEntryRow row;
      row.client_id = client_id;
      row.day = codec::DiaryDateText(entry.date);
      row.entry_json = codec::DiaryEntryToJson(entry).dump();
      row.recorded_by = p.user_id;
      row.recorded_at = now;
      if (tx.PutDiaryEntry(row))
        ++result.replaced_days;
      ++result.imported_days;
    }
    Audit(tx, CallerOf(p), p.clinic_id, "diary.import", "client", client_id, client_id, "ok", now);
    return storage::Status{};
  });
  if (error)
    return *error;
  if (!status.ok())
    return Internal();
  return result;
}

Outcome<std::string> DiaryService::ExportCsv(const Principal& p, storage::Id client_id) {
  auto loaded = Load(p, client_id, std::nullopt, std::nullopt, "diary.export");
  if (!loaded.ok())
    return loaded.error();
  core::Diary diary;
  for (auto& day : loaded.value().days)
    diary.push_back(std::move(day.entry));
  try {
    return codec::WriteDiaryCsv(diary, loaded.value().custom);
  } catch (const std::invalid_argument&) {
    return Internal();  // a stored exposure without its definition
  }
}

Outcome<std::vector<core::ExposureDefinition>> DiaryService::Exposures(const Principal& p,
                                                                       storage::Id client_id) {
  std::vector<core::ExposureDefinition> custom;
  bool allowed = false;
  const auto now = clock_();
  if (!store_
           .Read([&](storage::ReadTx& tx) {
             allowed = CanAccessClientId(tx, p, client_id);
             if (allowed)
               custom = DefinitionsOf(tx.ClientExposures(client_id));
             Audit(audit_, CallerOf(p), p.clinic_id, "exposure.list", "client", client_id,
                   client_id, allowed ? "ok" : "not_found", now);
             return storage::Status{};
           })
           .ok())
    return Internal();
  if (!allowed)
    return NotFound();
  return custom;
}

Outcome<core::ExposureDefinition> DiaryService::DefineExposure(const Principal& p,
                                                               storage::Id client_id,
                                                               const ExposureRequest& request) {
  const auto now = clock_();
  if (!IsStaff(p)) {
    // Which exposures are worth tracking is a clinical decision.
    Audit(audit_, CallerOf(p), p.clinic_id, "exposure.create", "client", client_id, client_id,
          "denied", now);
    return Forbidden();
  }
  std::optional<ServiceError> error;
  std::optional<core::ExposureDefinition> defined;
  const auto status = store_.Write([&](storage::WriteTx& tx) {
    if (!CanAccessClientId(tx, p, client_id)) {
      Audit(tx, CallerOf(p), p.clinic_id, "exposure.create", "client", client_id, client_id,
            "not_found", now);
      error = NotFound();
      return storage::Status{};
    }
    const auto existing = DefinitionsOf(tx.ClientExposures(client_id));
    core::FieldErrors errors;
    if (auto problem = codec::CustomExposureNameProblem(request.name, existing); !problem.empty())
      errors.push_back({"name", problem});
    const auto kind = codec::ExposureKindFromName(request.kind);
    if (!kind)
      errors.push_back({"kind", "must be one of minutes, count, hours, scale, yes_no"});
    if (request.label.empty() || request.label.size() > kMaxExposureLabel)
      errors.push_back({"label", "must be 1–" + std::to_string(kMaxExposureLabel) + " bytes"});
    if (existing.size() >= kMaxClientExposures)
      errors.push_back(
          {"name", "the client has " + std::to_string(kMaxClientExposures) + " exposures already"});
    if (!errors.empty()) {
      Audit(tx, CallerOf(p), p.clinic_id, "exposure.create", "client", client_id, client_id,
            "invalid", now);
      error = ServiceError{core::ErrorKind::invalid_input, "the exposure is not valid",
                           std::move(errors), 0};
      return storage::Status{};
    }
    storage::ClientExposureRow row{client_id,     request.name, request.kind,
                                   request.label, p.user_id,    now};
    const auto inserted = tx.InsertClientExposure(row);
    if (!inserted.ok()) {
      error = Invalid("name", "is already defined for this client");
      return storage::Status{};
    }
    Audit(tx, CallerOf(p), p.clinic_id, "exposure.create", "client", client_id, client_id, "ok",
          now);
    defined = core::ExposureDefinition{request.name, *kind, request.label};
    return storage::Status{};
  });
  if (error)
    return *error;
  if (!status.ok() || !defined)
    return Internal();
  return std::move(*defined);
}

Outcome<core::TriggerReport> DiaryService::Triggers(const Principal& p, storage::Id client_id) {
  auto loaded = Load(p, client_id, std::nullopt, std::nullopt, "triggers.read");
  if (!loaded.ok())
    return loaded.error();
  core::Diary diary;
  for (auto& day : loaded.value().days)
    diary.push_back(std::move(day.entry));
  core::TriggerOptions options;
  options.exposure_definitions = loaded.value().custom;
  return core::FindTriggers(diary, options);
}

}  // namespace backplan::service
