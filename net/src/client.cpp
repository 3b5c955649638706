#include "gameday/net/client.hpp"

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/beast/websocket.hpp>
#include <charconv>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>
#include <utility>

namespace gameday::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

std::optional<GameUrl> parse_game_url(const std::string& url, std::string& error) {
  std::string_view rest = url;
  bool scheme = false;
  for (const std::string_view prefix : {"http://", "ws://"})
    if (rest.starts_with(prefix)) rest.remove_prefix(prefix.size()), scheme = true;
  const std::size_t slash = rest.find('/');
  const std::string_view authority = rest.substr(0, slash);
  const std::string_view target = slash == std::string_view::npos ? "" : rest.substr(slash);
  const std::size_t colon = authority.rfind(':');
  GameUrl u;
  if (scheme && colon != std::string_view::npos) {
    u.host = authority.substr(0, colon);
    const std::string_view port = authority.substr(colon + 1);
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec == std::errc{} && end == port.data() + port.size() && value > 0 && value < 65536)
      u.port = static_cast<std::uint16_t>(value);
  }
  if (const std::size_t t = target.find("token="); t != std::string_view::npos)
    u.token = target.substr(t + 6, target.find('&', t) - t - 6);
  if (u.host.empty() || u.port == 0 || u.token.empty()) {
    error = "'" + url + "' is not a game's link: expected http://HOST:PORT/?token=T, as " +
            "`gameday host` prints it";
    return std::nullopt;
  }
  if (u.host.starts_with('[') && u.host.ends_with(']'))
    u.host = u.host.substr(1, u.host.size() - 2);
  return u;
}

class Client::Impl {
 public:
  Impl() : ws_(io_) {}

  // The network thread's loop: reads until the connection ends.
  void read() {
    ws_.async_read(buffer_, [this](beast::error_code ec, std::size_t) {
      const std::lock_guard lock(mutex_);
      if (ec) {
        closed_ = ec == websocket::error::closed
                      ? "the game closed the connection" +
                            (ws_.reason().reason.empty()
                                 ? std::string()
                                 : ": " + std::string(ws_.reason().reason.c_str()))
                      : "the connection to the game ended: " + ec.message();
        arrived_.notify_all();
        return;
      }
      inbox_.push_back(beast::buffers_to_string(buffer_.data()));
      buffer_.consume(buffer_.size());
      arrived_.notify_all();
      read();
    });
  }

  void write() {
    ws_.text(true);
    ws_.async_write(asio::buffer(outbox_.front()), [this](beast::error_code ec, std::size_t) {
      if (ec) return;
      outbox_.pop_front();
      if (!outbox_.empty())
        write();
      else if (closing_)
        finish();
    });
  }

  // A close may not overlap a write: it waits for the last one.
  void finish() {
    ws_.async_close(websocket::close_code::normal, [](beast::error_code) {});
  }

  asio::io_context io_;
  websocket::stream<beast::tcp_stream> ws_;
  beast::flat_buffer buffer_;
  std::deque<std::string> outbox_;  // the network thread's
  bool closing_ = false;            // the network thread's
  std::thread thread_;
  mutable std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<std::string> inbox_;     // guarded by mutex_
  std::optional<std::string> closed_;  // guarded by mutex_
};

std::unique_ptr<Client> Client::connect(const GameUrl& url, std::chrono::milliseconds timeout,
                                        std::string& error) {
  auto impl = std::make_unique<Impl>();
  Impl& c = *impl;
  std::promise<std::string> opened;  // empty: the WebSocket is open
  auto result = opened.get_future();
  tcp::resolver resolver(c.io_);
  http::response<http::string_body> refusal;
  const std::string host = url.host, target = "/ws?token=" + url.token;
  resolver.async_resolve(
      host, std::to_string(url.port),
      [&](beast::error_code ec, const tcp::resolver::results_type& results) {
        if (ec) return opened.set_value("cannot find " + host + ": " + ec.message());
        beast::get_lowest_layer(c.ws_).expires_after(timeout);
        beast::get_lowest_layer(c.ws_).async_connect(results, [&](beast::error_code connected,
                                                                  const tcp::endpoint&) {
          if (connected) return opened.set_value("cannot connect: " + connected.message());
          c.ws_.async_handshake(refusal, host, target, [&](beast::error_code shook) {
            if (shook == websocket::error::upgrade_declined) {
              const std::string body = refusal.body().substr(0, 200);
              return opened.set_value("the game refused: " + std::to_string(refusal.result_int()) +
                                      " " + body.substr(0, body.find('\n')));
            }
            if (shook)
              return opened.set_value("cannot open the game's WebSocket: " + shook.message());
            beast::get_lowest_layer(c.ws_).expires_never();
            c.ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
            opened.set_value("");
          });
        });
      });
  // The handshake runs here; reading starts on the network thread once it succeeded.
  while (result.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
    if (c.io_.run_one() == 0) break;
  error = result.wait_for(std::chrono::seconds(0)) == std::future_status::ready
              ? result.get()
              : "the connection attempt stopped without an answer";
  if (!error.empty()) return nullptr;
  c.io_.restart();
  c.read();
  c.thread_ = std::thread([&c] {
    const auto work = asio::make_work_guard(c.io_);
    c.io_.run();
  });
  return std::unique_ptr<Client>(new Client(std::move(impl)));
}

Client::Client(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Client::~Client() {
  impl_->io_.stop();
  if (impl_->thread_.joinable()) impl_->thread_.join();
}

void Client::send(std::string text) {
  asio::post(impl_->io_, [impl = impl_.get(), text = std::move(text)]() mutable {
    if (impl->closing_) return;
    impl->outbox_.push_back(std::move(text));
    if (impl->outbox_.size() == 1) impl->write();
  });
}

std::vector<std::string> Client::take(std::chrono::milliseconds timeout) {
  std::unique_lock lock(impl_->mutex_);
  impl_->arrived_.wait_for(lock, timeout,
                           [&] { return !impl_->inbox_.empty() || impl_->closed_.has_value(); });
  return std::exchange(impl_->inbox_, {});
}

std::optional<std::string> Client::closed() const {
  const std::lock_guard lock(impl_->mutex_);
  return impl_->closed_;
}

void Client::close(std::chrono::milliseconds grace) {
  asio::post(impl_->io_, [impl = impl_.get()] {
    if (impl->closing_) return;
    impl->closing_ = true;
    if (impl->outbox_.empty()) impl->finish();
  });
  std::unique_lock lock(impl_->mutex_);
  impl_->arrived_.wait_for(lock, grace, [&] { return impl_->closed_.has_value(); });
}

}  // namespace gameday::net
