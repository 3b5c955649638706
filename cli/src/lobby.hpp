// The consoles of a hosted game over the network: the protocol (docs/protocol.md) spoken with
// each client, and who sits at which. What the game decides (commands, seats, who sees what)
// is the Game's; the lobby turns clients' messages into requests and the game's news into
// messages, and checks what a client may send before anything reaches the game.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gameday/core/time.hpp"
#include "gameday/net/server.hpp"
#include "messages.hpp"
#include "protocol.hpp"

namespace gameday::cli {

class Lobby {
 public:
  explicit Lobby(net::Server& server) : server_(server) {}

  // What clients sent since the last call. A message that is not well formed, too long or out
  // of turn (a command before joining) is answered with an error here and never returned.
  std::vector<Request> take();

  // The person at a client once they have joined; nothing before, or for an unknown client.
  const std::string* person(net::ClientId client) const;
  bool is_present(const std::string& name) const;

  // Seats the client's person (their join was accepted) and sends the welcome with the
  // channel's history, so a late joiner or a reconnect carries on where the team is.
  void seat(net::ClientId client, const std::string& name, const std::string& seat,
            const model::Scenario& scenario, Time now, double speed, bool paused);
  // Refuses a join: says why and closes the connection.
  void refuse(net::ClientId client, const std::string& why);
  // A client has gone: forgets it.
  void forget(net::ClientId client);

  // To one client: the reply to its command line, or its completions.
  void reply(net::ClientId client, Time t, const std::string& line, bool accepted,
             const std::string& text);
  void completions(net::ClientId client, const std::string& line,
                   const std::vector<std::string>& items);
  // What the simulation said: an answer to every console of the person who asked, anything
  // else (pages, effects) to everyone.
  void tell(const sim::ConsoleMessage& m);
  // To everyone: a line on the channel (kept for late joiners), the clock, the end of the game.
  void channel(const ChannelLine& line);
  void clock(Time t, double speed, bool paused);
  void end(Time t, std::string_view reason);

 private:
  struct Seat {
    std::string name;
    std::string seat;
  };
  net::Server& server_;
  std::map<net::ClientId, Seat> seated_;
  std::vector<std::string> history_;  // the channel's messages, as sent
};

}  // namespace gameday::cli
