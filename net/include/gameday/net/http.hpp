// A plain HTTP client for posting to other tools (an Alertmanager's API): one request, one
// answer, bounded in time. http:// only; Boost.Beast stays inside http.cpp.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace gameday::net {

struct HttpUrl {
  std::string host;
  std::uint16_t port = 80;
  std::string path = "/";  // with its query, if any
};

// Nothing, with `error` saying why, when `url` is not http://HOST[:PORT][/PATH].
std::optional<HttpUrl> parse_http_url(const std::string& url, std::string& error);

struct HttpAnswer {
  int status = 0;
  std::string body;
};

// POSTs `body` as application/json to `url`, waiting at most `timeout` for the whole exchange.
// Nothing, with `error`, when there was no answer (no connection, a timeout).
std::optional<HttpAnswer> post_json(const HttpUrl& url, const std::string& body,
                                    std::chrono::milliseconds timeout, std::string& error);

}  // namespace gameday::net
