#pragma once
// A demo clinic for trying backplan at once: an admin, a practitioner, and
// three clients with assessments of the bundled example intakes. Created only
// in an empty store; the logins are printed so a new user can sign in.

#include <string>
#include <vector>

#include "service/assessment_service.h"
#include "service/auth_service.h"
#include "service/care_service.h"
#include "service/clinic_service.h"
#include "service/diary_service.h"

namespace backplan::cli {

struct DemoLogin {
  std::string role;
  std::string email;
  std::string password;
};

// Empty when the store already had users (nothing is changed then).
std::vector<DemoLogin> SeedDemoClinic(service::ClinicService& clinic, service::AuthService& auth,
                                      service::AssessmentService& assessments,
                                      service::CareService& care, service::DiaryService& diary);

}  // namespace backplan::cli
