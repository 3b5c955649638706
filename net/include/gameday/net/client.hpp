// A console's connection to a hosted game (docs/protocol.md): a WebSocket client whose network
// I/O runs on a thread of its own, so the console's loop only queues and takes text messages.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gameday::net {

// The link the host printed: http://HOST:PORT/?token=T (ws:// works as well).
struct GameUrl {
  std::string host;
  std::uint16_t port = 0;
  std::string token;
};
// Nothing, with `error` saying what is wrong, when `url` is not such a link.
std::optional<GameUrl> parse_game_url(const std::string& url, std::string& error);

class Client {
 public:
  // Connects and opens the WebSocket within `timeout`; nullptr with `error` on failure (no
  // answer, a refused token, not a game).
  static std::unique_ptr<Client> connect(const GameUrl& url, std::chrono::milliseconds timeout,
                                         std::string& error);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  void send(std::string text);
  // Messages received since the last call, waiting up to `timeout` for the first.
  std::vector<std::string> take(std::chrono::milliseconds timeout);
  // Once the connection has ended: why (the server closed it, the network failed).
  std::optional<std::string> closed() const;
  // Closes the connection, waiting up to `grace` for the close to be acknowledged.
  void close(std::chrono::milliseconds grace);

  class Impl;

 private:
  explicit Client(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gameday::net
