#pragma once
// Internal to the server: the step between Beast's messages and the plain
// Request/Response, and the checks on both sides of it. What arrives is
// checked for framing that Beast accepts but a server must not (request
// smuggling); what leaves is checked for header injection and completed
// with the security headers.
//
// Thread-safety: pure functions.

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "http/message.h"

namespace backplan::http::wire {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;
using BeastResponse = boost::beast::http::response<boost::beast::http::string_body>;

// Why a request header cannot be served, or nullopt. Checked once the header
// is in, before the body is read: Content-Length together with
// Transfer-Encoding, a Transfer-Encoding other than exactly one "chunked"
// (Beast 1.74 treats "gzip" or "chunked, chunked" as no body, which would let
// the body be read as the next request), a target not in origin form.
std::optional<std::string_view> FramingProblem(const BeastRequest& header);

Request FromBeast(BeastRequest&& message, std::string remote_address);

// The response as sent: Content-Type and Content-Length from the fields,
// the security headers, Connection per `keep_alive`, no Server header; no
// body for HEAD (the Content-Length of the body it would have had) and for
// 204 and 304. A status outside 200–599, or a header name or value that is
// not a valid field (CR, LF, NUL …), turns it into a 500 problem instead:
// the handler has a bug, and sending it would let data forge headers.
BeastResponse ToBeast(Response response, unsigned version, bool keep_alive, bool head_request);

}  // namespace backplan::http::wire
