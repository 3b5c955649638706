#include "gameday/net/server.hpp"

#include <sys/random.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/beast/websocket.hpp>
#include <cerrno>
#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <utility>

namespace gameday::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

std::string random_token() {
  unsigned char bytes[16];
  std::size_t got = 0;
  while (got < sizeof bytes) {
    const ssize_t n = ::getrandom(bytes + got, sizeof bytes - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::runtime_error("getrandom failed: no randomness for a token");
    got += static_cast<std::size_t>(n);
  }
  static constexpr char hex[] = "0123456789abcdef";
  std::string token;
  for (const unsigned char b : bytes) {
    token += hex[b >> 4];
    token += hex[b & 15];
  }
  return token;
}

namespace {

// Compares every byte, so the time taken does not tell how much of a guess was right.
bool same_token(std::string_view given, std::string_view token) {
  if (given.size() != token.size()) return false;
  unsigned char differ = 0;
  for (std::size_t i = 0; i < token.size(); ++i)
    differ |= static_cast<unsigned char>(given[i] ^ token[i]);
  return differ == 0;
}

struct Target {
  std::string_view path;
  std::string_view token;
};

// "/ws?token=T&x=y" -> {"/ws", "T"}.
Target parse_target(std::string_view target) {
  Target t;
  const std::size_t q = target.find('?');
  t.path = target.substr(0, q);
  std::string_view query = q == std::string_view::npos ? "" : target.substr(q + 1);
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    if (pair.starts_with("token=")) t.token = pair.substr(6);
    query = amp == std::string_view::npos ? "" : query.substr(amp + 1);
  }
  return t;
}

constexpr auto request_timeout = std::chrono::seconds(10);
constexpr std::size_t request_header_max = 8192;

}  // namespace

class WsSession;

class Server::Impl {
 public:
  Impl(const Limits& limits, std::string page)
      : acceptor_(io_),
        limits_(limits),
        page_(std::move(page)),
        player_token_(random_token()),
        facilitator_token_(random_token()) {}

  void push(ClientEvent e) {
    const std::lock_guard lock(mutex_);
    inbound_.push_back(std::move(e));
  }

  void accept();

  // Declared first, destroyed last: handlers still queued in it refer to what follows.
  asio::io_context io_;
  tcp::acceptor acceptor_;
  const Limits limits_;
  const std::string page_;
  const std::string player_token_;
  const std::string facilitator_token_;
  std::mutex mutex_;
  std::vector<ClientEvent> inbound_;  // guarded by mutex_
  MetricsSource metrics_;             // guarded by mutex_
  std::atomic<std::size_t> connected_{0};
  std::uint16_t port_ = 0;  // as bound, read from other threads without touching the acceptor
  // The network thread's own.
  std::map<ClientId, std::shared_ptr<WsSession>> sessions_;
  ClientId next_id_ = 1;
  std::thread thread_;
};

// One console's WebSocket. Lives on the network thread only.
class WsSession : public std::enable_shared_from_this<WsSession> {
 public:
  WsSession(beast::tcp_stream&& stream, Server::Impl& server, bool facilitator)
      : ws_(std::move(stream)),
        server_(server),
        id_(server.next_id_++),
        facilitator_(facilitator),
        allowance_(server.limits_.messages_per_second) {}

  void accept(http::request<http::string_body> request) {
    beast::get_lowest_layer(ws_).expires_never();
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.read_message_max(server_.limits_.message_bytes);
    ws_.async_accept(request, [self = shared_from_this()](beast::error_code ec) {
      if (ec) return;
      self->server_.sessions_[self->id_] = self;
      ++self->server_.connected_;
      self->registered_ = true;
      self->read();
    });
  }

  void send(std::string text) {
    if (closing_ || gone_) return;
    if (queue_.size() >= server_.limits_.queued) {  // fallen too far behind: dropped
      beast::error_code ignored;
      beast::get_lowest_layer(ws_).socket().close(ignored);
      gone();
      return;
    }
    queue_.push_back(std::move(text));
    if (queue_.size() == 1) write();
  }

  void close(std::string text) {
    if (!text.empty()) send(std::move(text));
    if (gone_) return;
    closing_ = true;
    if (queue_.empty()) finish();
  }

 private:
  void read() {
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      self->on_read(ec);
    });
  }

  void on_read(beast::error_code ec) {
    if (ec) return gone();
    if (!ws_.got_text()) {
      buffer_.consume(buffer_.size());
      send(R"j({"type":"error","text":"text messages only (JSON, docs/protocol.md)"})j");
      return read();
    }
    // A token bucket: `messages_per_second` a second, bursts of as many.
    const double rate = server_.limits_.messages_per_second;
    const auto now = SteadyClock::now();
    allowance_ =
        std::min(rate, allowance_ + rate * std::chrono::duration<double>(now - last_).count());
    last_ = now;
    if (allowance_ < 1) {
      send(R"({"type":"error","text":"too many messages: this one was not taken"})");
    } else {
      allowance_ -= 1;
      server_.push({ClientEvent::Kind::Message, id_, facilitator_,
                    beast::buffers_to_string(buffer_.data())});
    }
    buffer_.consume(buffer_.size());
    read();
  }

  void write() {
    ws_.text(true);
    ws_.async_write(asio::buffer(queue_.front()),
                    [self = shared_from_this()](beast::error_code ec, std::size_t) {
                      if (ec) return self->gone();
                      self->queue_.pop_front();
                      if (!self->queue_.empty())
                        self->write();
                      else if (self->closing_)
                        self->finish();
                    });
  }

  void finish() {
    ws_.async_close(websocket::close_code::normal,
                    [self = shared_from_this()](beast::error_code) { self->gone(); });
  }

  // Once, however the connection ended: the game hears of it.
  void gone() {
    const auto keep = shared_from_this();  // leaving the map must not end this object here
    if (gone_) return;
    gone_ = true;
    if (!registered_) return;
    server_.sessions_.erase(id_);
    --server_.connected_;
    server_.push({ClientEvent::Kind::Gone, id_, facilitator_, {}});
  }

  websocket::stream<beast::tcp_stream> ws_;
  Server::Impl& server_;
  beast::flat_buffer buffer_;
  std::deque<std::string> queue_;
  const ClientId id_;
  const bool facilitator_;
  double allowance_;
  SteadyClock::time_point last_ = SteadyClock::now();
  bool registered_ = false;
  bool closing_ = false;
  bool gone_ = false;
};

// One HTTP request: a page, or the upgrade to a console's WebSocket.
class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket&& socket, Server::Impl& server)
      : stream_(std::move(socket)), server_(server) {}

  void start() {
    parser_.emplace();
    parser_->header_limit(request_header_max);
    parser_->body_limit(0);
    stream_.expires_after(request_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) {
                       if (!ec) self->on_request(self->parser_->release());
                     });
  }

 private:
  void on_request(http::request<http::string_body> request) {
    const auto raw_target = request.target();
    Target target = parse_target(std::string_view(raw_target.data(), raw_target.size()));
    const auto authorization = request[http::field::authorization];
    const std::string_view bearer(authorization.data(), authorization.size());
    if (target.token.empty() && bearer.starts_with("Bearer ")) target.token = bearer.substr(7);
    const bool facilitator = same_token(target.token, server_.facilitator_token_);
    if (!facilitator && !same_token(target.token, server_.player_token_))
      return respond(http::status::forbidden, "text/plain", "forbidden\n");
    if (websocket::is_upgrade(request)) {
      if (target.path != "/ws")
        return respond(http::status::not_found, "text/plain", "not found\n");
      if (server_.connected_ >= server_.limits_.clients)
        return respond(http::status::service_unavailable, "text/plain", "the game is full\n");
      std::make_shared<WsSession>(std::move(stream_), server_, facilitator)
          ->accept(std::move(request));
      return;
    }
    if (request.method() != http::verb::get)
      return respond(http::status::method_not_allowed, "text/plain", "GET only\n");
    if (target.path == "/" && !server_.page_.empty())
      return respond(http::status::ok, "text/html; charset=utf-8", server_.page_);
    if (target.path == "/metrics") {
      MetricsSource source;
      {
        const std::lock_guard lock(server_.mutex_);
        source = server_.metrics_;
      }
      if (!source) return respond(http::status::not_found, "text/plain", "not found\n");
      const auto accept = request[http::field::accept];
      MetricsQuery query;
      query.facilitator = facilitator;
      query.openmetrics =
          std::string_view(accept.data(), accept.size()).find("application/openmetrics-text") !=
          std::string_view::npos;
      return respond(http::status::ok,
                     query.openmetrics ? "application/openmetrics-text; version=1.0.0; "
                                         "charset=utf-8"
                                       : "text/plain; version=0.0.4; charset=utf-8",
                     source(query));
    }
    respond(http::status::not_found, "text/plain", "not found\n");
  }

  void respond(http::status status, std::string_view type, std::string_view body) {
    response_.emplace(status, 11);
    response_->set(http::field::content_type, std::string(type));
    response_->set(http::field::cache_control, "no-store");
    response_->set("X-Content-Type-Options", "nosniff");
    // The page's script and styles are its own: nothing from anywhere else runs in it.
    response_->set("Content-Security-Policy",
                   "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                   "connect-src 'self'");
    response_->keep_alive(false);
    response_->body() = std::string(body);
    response_->prepare_payload();
    http::async_write(stream_, *response_,
                      [self = shared_from_this()](beast::error_code, std::size_t) {
                        beast::error_code ignored;
                        self->stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
                      });
  }

  beast::tcp_stream stream_;
  Server::Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<http::response<http::string_body>> response_;
};

void Server::Impl::accept() {
  acceptor_.async_accept(io_, [this](beast::error_code ec, tcp::socket socket) {
    if (!acceptor_.is_open()) return;
    if (!ec) std::make_shared<HttpSession>(std::move(socket), *this)->start();
    accept();
  });
}

std::unique_ptr<Server> Server::start(const std::string& address, std::uint16_t port,
                                      const Limits& limits, std::string page, std::string& error) {
  auto impl = std::make_unique<Impl>(limits, std::move(page));
  beast::error_code ec;
  const asio::ip::address ip = asio::ip::make_address(address, ec);
  if (ec) {
    error = "'" + address + "' is not an IP address";
    return nullptr;
  }
  const tcp::endpoint endpoint(ip, port);
  impl->acceptor_.open(endpoint.protocol(), ec);
  if (!ec) impl->acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl->acceptor_.bind(endpoint, ec);
  if (!ec) impl->acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    error = "cannot listen on " + address + ":" + std::to_string(port) + ": " + ec.message();
    return nullptr;
  }
  impl->port_ = impl->acceptor_.local_endpoint(ec).port();
  impl->accept();
  Impl* raw = impl.get();
  impl->thread_ = std::thread([raw] { raw->io_.run(); });
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() {
  asio::post(impl_->io_, [impl = impl_.get()] {
    beast::error_code ignored;
    impl->acceptor_.close(ignored);
  });
  impl_->io_.stop();
  impl_->thread_.join();
}

std::uint16_t Server::port() const {
  return impl_->port_;
}

void Server::set_metrics(MetricsSource source) {
  const std::lock_guard lock(impl_->mutex_);
  impl_->metrics_ = std::move(source);
}

const std::string& Server::player_token() const {
  return impl_->player_token_;
}

const std::string& Server::facilitator_token() const {
  return impl_->facilitator_token_;
}

std::vector<ClientEvent> Server::take() {
  const std::lock_guard lock(impl_->mutex_);
  return std::exchange(impl_->inbound_, {});
}

void Server::send(ClientId client, std::string text) {
  asio::post(impl_->io_, [impl = impl_.get(), client, text = std::move(text)]() mutable {
    if (const auto it = impl->sessions_.find(client); it != impl->sessions_.end()) {
      const auto session = it->second;  // send() may drop it from the map
      session->send(std::move(text));
    }
  });
}

void Server::broadcast(std::string text) {
  asio::post(impl_->io_, [impl = impl_.get(), text = std::move(text)] {
    // send() may drop a client, which leaves the map: walk a copy.
    const auto sessions = impl->sessions_;
    for (const auto& [id, session] : sessions) session->send(text);
  });
}

void Server::close(ClientId client, std::string text) {
  asio::post(impl_->io_, [impl = impl_.get(), client, text = std::move(text)]() mutable {
    if (const auto it = impl->sessions_.find(client); it != impl->sessions_.end()) {
      const auto session = it->second;
      session->close(std::move(text));
    }
  });
}

void Server::close_all(std::string text, std::chrono::milliseconds grace) {
  asio::post(impl_->io_, [impl = impl_.get(), text = std::move(text)] {
    const auto sessions = impl->sessions_;
    for (const auto& [id, session] : sessions) session->close(text);
  });
  const auto until = SteadyClock::now() + grace;
  while (impl_->connected_ > 0 && SteadyClock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

}  // namespace gameday::net
