#pragma once
// The OpenAPI 3 description of the API, served at /api/v1/openapi.json. A
// test checks that it lists exactly the routes the router serves.

#include <string>

namespace backplan::api {

const std::string& OpenApiDocument();

}  // namespace backplan::api
