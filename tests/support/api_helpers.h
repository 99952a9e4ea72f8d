#pragma once
// Steps the API integration tests (tests/api/) share: sign in, invite a
// practitioner or client and complete their one-time link, read an example
// intake. Each step checks its own status with gtest assertions that throw
// (so a failed step ends the test at once instead of cascading).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>

#include "support/http_client.h"

namespace backplan::testing {

// Thrown by Require(): ends the test with a readable reason.
inline void Require(bool condition, const std::string& what) {
  if (!condition)
    throw std::runtime_error(what);
}

inline std::string Describe(const HttpResponse& response) {
  return "status " + std::to_string(response.status) + ", body " + response.body.substr(0, 400);
}

// The demo clinic `backplan serve --demo` seeds (src/cli/demo_clinic.cpp).
inline constexpr const char* kDemoAdmin = "admin@demo.backplan.local";
inline constexpr const char* kDemoAdminPassword = "demo-admin-password";
inline constexpr const char* kDemoTherapist = "therapist@demo.backplan.local";
inline constexpr const char* kDemoTherapistPassword = "demo-therapist-password";
inline constexpr const char* kDemoDana = "dana@demo.backplan.local";
inline constexpr const char* kDemoRavi = "ravi@demo.backplan.local";
inline constexpr const char* kDemoClientPassword = "demo-client-password";

struct SignedIn {
  std::string token;
  std::string csrf_token;
  std::string cookie;  // "backplan_session=…" from Set-Cookie
  nlohmann::json user;
  long long user_id() const { return user.at("id").get<long long>(); }
  Headers bearer() const { return BearerHeader(token); }
};

inline SignedIn Login(const HttpClient& http, const std::string& email,
                      const std::string& password) {
  const auto response =
      http.PostJson("/api/v1/sessions", {{"email", email}, {"password", password}});
  Require(response.status == 201, "login " + email + ": " + Describe(response));
  const auto body = response.Json();
  SignedIn out;
  out.token = body.at("token").get<std::string>();
  out.csrf_token = body.at("csrf_token").get<std::string>();
  out.user = body.at("user");
  for (const auto& cookie : response.AllHeaders("set-cookie"))
    if (cookie.starts_with("backplan_session="))
      out.cookie = cookie.substr(0, cookie.find(';'));
  return out;
}

// Completes a one-time link (invitation or reset) and returns the user.
inline nlohmann::json CompleteLink(const HttpClient& http, const std::string& token,
                                   const std::string& password) {
  const auto response =
      http.PostJson("/api/v1/one-time-links/complete", {{"token", token}, {"password", password}});
  Require(response.status == 200, "complete link: " + Describe(response));
  return response.Json();
}

struct Person {
  long long user_id = 0;
  long long client_id = 0;  // clients only
  std::string email;
  std::string password;
};

// Admin invites a practitioner, who sets a password through the link.
inline Person CreatePractitioner(const HttpClient& http, const SignedIn& admin,
                                 const std::string& email, const std::string& password) {
  const auto response =
      http.PostJson("/api/v1/practitioners",
                    {{"email", email}, {"display_name", "Practitioner " + email}}, admin.bearer());
  Require(response.status == 201, "create practitioner: " + Describe(response));
  const auto body = response.Json();
  CompleteLink(http, body.at("link_token").get<std::string>(), password);
  return {body.at("user").at("id").get<long long>(), 0, email, password};
}

// A practitioner invites a client, who sets a password through the link.
inline Person CreateClient(const HttpClient& http, const SignedIn& practitioner,
                           const std::string& email, const std::string& password) {
  const auto response =
      http.PostJson("/api/v1/clients", {{"email", email}, {"display_name", "Client " + email}},
                    practitioner.bearer());
  Require(response.status == 201, "create client: " + Describe(response));
  const auto body = response.Json();
  CompleteLink(http, body.at("link_token").get<std::string>(), password);
  return {body.at("user").at("id").get<long long>(), body.at("client").at("id").get<long long>(),
          email, password};
}

inline std::string ReadSourceFile(const std::string& relative) {
  std::ifstream in(std::filesystem::path(BACKPLAN_SOURCE_DIR) / relative, std::ios::binary);
  Require(in.good(), "cannot read " + relative);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline nlohmann::json ExampleIntake(const std::string& name = "chronic-localized") {
  return nlohmann::json::parse(ReadSourceFile("examples/" + name + ".json"));
}

// POST an intake for a client with a bearer token.
inline HttpResponse SubmitIntake(const HttpClient& http, const std::string& token,
                                 long long client_id, const std::string& intake_text,
                                 const std::string& query = "", Headers extra = {}) {
  HttpRequest request{"POST",
                      "/api/v1/clients/" + std::to_string(client_id) + "/assessments" + query,
                      std::move(extra), std::nullopt};
  request.Bearer(token).JsonText(intake_text);
  return http.Send(request);
}

}  // namespace backplan::testing
