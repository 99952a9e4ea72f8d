#pragma once
// What the HTTP API needs from the layers below it: the use cases, the store
// (only for readiness) and the metrics registry. Not owned.

#include "http/metrics.h"
#include "service/assessment_service.h"
#include "service/attention_service.h"
#include "service/auth_service.h"
#include "service/care_service.h"
#include "service/clinic_service.h"
#include "service/consult_service.h"
#include "service/diary_service.h"
#include "service/home_program_service.h"
#include "service/report_service.h"
#include "storage/store.h"

namespace backplan::api {

struct ApiOptions {
  // Adds `Secure` to the session cookie; on whenever the server sits behind TLS.
  bool secure_cookies = false;
};

struct ApiServices {
  service::AuthService& auth;
  service::ClinicService& clinic;
  service::AssessmentService& assessments;
  storage::Store& store;
  http::Metrics& metrics;
  ApiOptions options;
  // The care loop (sessions, check-ins, progress). Its routes are always
  // registered; without it they answer 503.
  service::CareService* care = nullptr;
  // The diary (entries, import/export, exposures, triggers); like care, its
  // routes are always registered and answer 503 without it.
  service::DiaryService* diary = nullptr;
  // The practitioner's attention list; like care, its route is always
  // registered and answers 503 without it.
  service::AttentionService* attention = nullptr;
  // The progress report and the home program; routes always registered,
  // answering 503 without them.
  service::ReportService* reports = nullptr;
  service::HomeProgramService* home_program = nullptr;
  // Virtual consults (settings, types, slots, bookings, invitations); routes
  // always registered, answering 503 without it.
  service::ConsultService* consults = nullptr;
};

}  // namespace backplan::api
