#include "gameday/net/http.hpp"

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <charconv>

namespace gameday::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

std::optional<HttpUrl> parse_http_url(const std::string& url, std::string& error) {
  std::string_view rest = url;
  if (!rest.starts_with("http://")) {
    error = "'" + url + "': expected http://HOST[:PORT][/PATH]";
    return std::nullopt;
  }
  rest.remove_prefix(7);
  const std::size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  HttpUrl u;
  if (slash != std::string_view::npos) u.path = std::string(rest.substr(slash));
  // "[::1]:9093", "127.0.0.1:9093", "alertmanager"
  const std::size_t close = authority.rfind(']');
  const std::size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos && (close == std::string_view::npos || colon > close)) {
    const std::string_view port = authority.substr(colon + 1);
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc{} || end != port.data() + port.size() || value == 0 || value > 65535) {
      error = "'" + url + "': the port must be a number from 1 to 65535";
      return std::nullopt;
    }
    u.port = static_cast<std::uint16_t>(value);
    authority = authority.substr(0, colon);
  }
  if (authority.starts_with('[') && authority.ends_with(']'))
    authority = authority.substr(1, authority.size() - 2);
  if (authority.empty()) {
    error = "'" + url + "': no host";
    return std::nullopt;
  }
  u.host = std::string(authority);
  return u;
}

std::optional<HttpAnswer> post_json(const HttpUrl& url, const std::string& body,
                                    std::chrono::milliseconds timeout, std::string& error) {
  try {
    asio::io_context io;
    beast::tcp_stream stream(io);
    stream.expires_after(timeout);
    tcp::resolver resolver(io);
    stream.connect(resolver.resolve(url.host, std::to_string(url.port)));
    http::request<http::string_body> request(http::verb::post, url.path, 11);
    request.set(http::field::host, url.host);
    request.set(http::field::content_type, "application/json");
    request.set(http::field::user_agent, "gameday");
    request.body() = body;
    request.prepare_payload();
    http::write(stream, request);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(1 << 20);  // an answer is a status and a short message
    http::read(stream, buffer, parser);
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    return HttpAnswer{static_cast<int>(parser.get().result_int()), parser.get().body()};
  } catch (const std::exception& e) {
    error = e.what();
    return std::nullopt;
  }
}

}  // namespace gameday::net
