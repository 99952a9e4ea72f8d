// The OpenAPI document the real binary serves describes exactly the routes the
// router has: no undocumented endpoint, no documented one that is missing.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#include "support/api_helpers.h"
#include "support/http_client.h"
#include "support/router_routes.h"
#include "support/server_process.h"

namespace backplan::testing {
namespace {

using nlohmann::json;
using RouteKey = std::pair<std::string, std::string>;  // method (upper case), path

TEST(ApiOpenApiTest, ServedDocumentMatchesTheRouter) {
  ServerProcessOptions options;
  options.demo = false;
  ServerProcess server(options);
  const auto response = server.client().Get("/api/v1/openapi.json");
  ASSERT_EQ(response.status, 200);
  EXPECT_TRUE(response.ContentType().starts_with("application/json")) << response.ContentType();
  const json document = response.Json();
  ASSERT_FALSE(document.is_discarded()) << "not JSON";
  ASSERT_TRUE(document.is_object());
  ASSERT_TRUE(document.contains("openapi"));
  EXPECT_TRUE(document["openapi"].get<std::string>().starts_with("3."))
      << document["openapi"].dump();
  EXPECT_TRUE(document["info"]["title"].is_string());
  EXPECT_TRUE(document["info"]["version"].is_string());
  ASSERT_TRUE(document["paths"].is_object());

  const std::set<std::string> kMethods = {"get",   "put",  "post",    "delete",
                                          "patch", "head", "options", "trace"};
  std::set<RouteKey> documented;
  for (const auto& [path, item] : document["paths"].items()) {
    for (const auto& [method, operation] : item.items()) {
      if (!kMethods.contains(method))
        continue;  // "parameters", "summary", …
      std::string upper = method;
      for (char& c : upper)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      documented.insert({upper, path});
      EXPECT_TRUE(operation.contains("responses")) << method << " " << path;
      // Every path parameter is declared (on the operation or the path item).
      for (std::size_t open = path.find('{'); open != std::string::npos;
           open = path.find('{', open + 1)) {
        const std::string name = path.substr(open + 1, path.find('}', open) - open - 1);
        bool declared = false;
        for (const auto* holder : {&operation, &item})
          if (holder->contains("parameters"))
            for (const auto& parameter : (*holder)["parameters"]) {
              const json* p = &parameter;
              json resolved;
              if (parameter.contains("$ref")) {
                // "#/components/parameters/Name"
                const std::string ref = parameter["$ref"];
                resolved = document.value(json::json_pointer(ref.substr(1)), json());
                p = &resolved;
              }
              declared |= p->value("in", "") == "path" && p->value("name", "") == name;
            }
        EXPECT_TRUE(declared) << method << " " << path << ": path parameter " << name
                              << " is not declared";
      }
    }
  }

  std::set<RouteKey> routed;
  for (const auto& route : RegisteredRoutes())
    routed.insert({route.method, route.pattern});

  std::ostringstream diff;
  for (const auto& [method, path] : routed)
    if (!documented.contains({method, path}))
      diff << "\n  routed but not documented: " << method << " " << path;
  for (const auto& [method, path] : documented)
    if (!routed.contains({method, path}))
      diff << "\n  documented but not routed: " << method << " " << path;
  EXPECT_EQ(documented, routed) << diff.str();

  // The file in the source tree is the one served.
  const auto source = json::parse(ReadSourceFile("src/api/openapi.json"));
  EXPECT_EQ(source, document);
}

}  // namespace
}  // namespace backplan::testing
