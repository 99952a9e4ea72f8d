#include "cli/demo_clinic.h"

#include <chrono>

#include "cli/demo_care_history.h"

namespace backplan::cli {
namespace {

// The bundled example intakes, compiled in (see CMakeLists.txt).
const char* const kChronicLocalized =
#include "examples/chronic-localized.json.inc"
    ;
const char* const kAcuteRadicular =
#include "examples/acute-radicular.json.inc"
    ;
const char* const kCaudaEquina =
#include "examples/cauda-equina-emergency.json.inc"
    ;

struct DemoClient {
  const char* name;
  const char* email;
  const char* intake;
};

const DemoClient kClients[] = {
    {"Dana Demo (chronic, localized)", "dana@demo.backplan.local", kChronicLocalized},
    {"Ravi Demo (acute, radicular)", "ravi@demo.backplan.local", kAcuteRadicular},
    {"Cleo Demo (cauda equina screen)", "cleo@demo.backplan.local", kCaudaEquina},
};

service::Principal Signed(const storage::UserRow& user) {
  return {user.id, user.clinic_id, user.role, "demo-seed"};
}

// A client who is weeks into care (demo_care_history.h).
constexpr const char* kInCareName = "Mina Demo (in care: sessions, diary)";
constexpr const char* kInCareEmail = "mina@demo.backplan.local";

}  // namespace

std::vector<DemoLogin> SeedDemoClinic(service::ClinicService& clinic, service::AuthService& auth,
                                      service::AssessmentService& assessments,
                                      service::CareService& care, service::DiaryService& diary) {
  const DemoLogin admin{"admin", "admin@demo.backplan.local", "demo-admin-password"};
  const DemoLogin practitioner{"practitioner", "therapist@demo.backplan.local",
                               "demo-therapist-password"};
  const std::string client_password = "demo-client-password";

  auto admin_user = clinic.Bootstrap("Demo Back Clinic", admin.email, "Alex Admin", admin.password);
  if (!admin_user.ok())
    return {};

  auto invited =
      clinic.CreatePractitioner(Signed(admin_user.value()), practitioner.email, "Morgan Therapist");
  if (!invited.ok())
    return {};
  auto therapist =
      auth.CompleteOneTimeLink(invited.value().link_token, practitioner.password, "demo-seed");
  if (!therapist.ok())
    return {};

  std::vector<DemoLogin> logins{admin, practitioner};
  for (const auto& demo : kClients) {
    auto client =
        clinic.CreateClient(Signed(therapist.value()), {demo.name, demo.email, {}, std::nullopt});
    if (!client.ok())
      continue;
    if (auth.CompleteOneTimeLink(client.value().link_token, client_password, "demo-seed").ok())
      logins.push_back({"client", demo.email, client_password});
    service::SubmitAssessment submit;
    submit.client_id = client.value().client->id;
    submit.intake_json = demo.intake;
    (void)assessments.Submit(Signed(therapist.value()), submit);
  }

  auto in_care =
      clinic.CreateClient(Signed(therapist.value()), {kInCareName, kInCareEmail, {}, std::nullopt});
  if (!in_care.ok())
    return logins;
  auto client_user =
      auth.CompleteOneTimeLink(in_care.value().link_token, client_password, "demo-seed");
  if (!client_user.ok())
    return logins;
  logins.push_back({"client", kInCareEmail, client_password});
  const auto now = std::chrono::sys_seconds(std::chrono::seconds(auth.Now()));
  (void)SeedDemoCareHistory(Signed(therapist.value()), Signed(client_user.value()),
                            in_care.value().client->id, kChronicLocalized, now, assessments, care,
                            diary);
  return logins;
}

}  // namespace backplan::cli
