#include "api/openapi.h"

namespace backplan::api {

const std::string& OpenApiDocument() {
  // openapi.json is kept beside this file as the readable source and compiled
  // in, so the binary serves it without any file next to it.
  static const std::string document =
#include "api/openapi.json.inc"
      ;
  return document;
}

}  // namespace backplan::api
