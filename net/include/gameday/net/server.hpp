// The game server: HTTP and WebSocket on one port, for the consoles of a hosted game
// (docs/protocol.md). It knows nothing of games: it checks tokens, bounds what clients send and
// how much waits for them, and moves text messages between its network thread and the game's.
//
// Two tokens, drawn from the operating system's randomness, tell a player from the facilitator;
// a request without a valid one gets 403 and nothing else. A WebSocket at /ws?token=T carries
// one JSON text message per frame each way. Limits: the number of clients, a message's size,
// messages per second per client (over it, a message is refused with an error sent back), and
// the messages waiting for one client (a client that falls that far behind is dropped: a slow
// reader never slows the game; it can reconnect). Boost.Beast stays inside server.cpp.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace gameday::net {

using ClientId = std::uint64_t;

struct Limits {
  std::size_t clients = 32;          // 0: no consoles, a server for /metrics only
  std::size_t message_bytes = 4096;  // one WebSocket message from a client
  double messages_per_second = 20;   // per client, with bursts of as many
  std::size_t queued = 4096;         // messages waiting to be sent to one client
};

// What a client did, for the game's thread.
struct ClientEvent {
  enum class Kind : std::uint8_t { Message, Gone };
  Kind kind = Kind::Message;
  ClientId client = 0;
  bool facilitator = false;  // connected with the facilitator's token
  std::string text;          // a message's text
};

// A scrape of /metrics: who asked (by token) and whether it accepts OpenMetrics.
struct MetricsQuery {
  bool facilitator = false;
  bool openmetrics = false;
};
using MetricsSource = std::function<std::string(const MetricsQuery&)>;

class Server {
 public:
  // Listens on address:port (port 0: any free one). On failure returns nullptr and says why
  // in `error`. `page` is served at GET /?token=T (a valid token); empty: no page.
  static std::unique_ptr<Server> start(const std::string& address, std::uint16_t port,
                                       const Limits& limits, std::string page, std::string& error);
  ~Server();  // closes every connection and stops the network thread
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  std::uint16_t port() const;
  const std::string& player_token() const;
  const std::string& facilitator_token() const;

  // GET /metrics with a valid token (`?token=T`, or `Authorization: Bearer T` as Prometheus's
  // `authorization` setting sends it) answers with what `source` returns, called on the
  // network thread; the content type follows the scraper's Accept header. Unset: 404.
  void set_metrics(MetricsSource source);

  // Everything clients did since the last call, in order.
  std::vector<ClientEvent> take();
  // Queues a message for one client, or for every client; a client gone or dropped is skipped.
  void send(ClientId client, std::string text);
  void broadcast(std::string text);
  // Sends `text` (when not empty), then closes the client's connection.
  void close(ClientId client, std::string text);
  // The same for every client; waits up to `grace` for them to be closed.
  void close_all(std::string text, std::chrono::milliseconds grace);

  class Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// 32 hexadecimal digits from the operating system's randomness (getrandom), never from the
// simulation's seeded streams.
std::string random_token();

}  // namespace gameday::net
