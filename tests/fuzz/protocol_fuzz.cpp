// Fuzz target: a message from a client of a hosted game, as the host reads it before anything
// reaches the game (cli/src/protocol.cpp), from a client that has joined and from one that has
// not. Invariants: no crash or sanitizer report; a refusal is the protocol's error message (a
// JSON object of type "error" with a text); a command line taken is at most line_max
// characters and one line; a join taken has a name that passes name_problem, and the
// facilitator's seat if and only if it came through the facilitator's link.
#include <nlohmann/json.hpp>

#include "fuzz_support.hpp"
#include "protocol.hpp"

using namespace gameday;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  for (const bool joined : {false, true}) {
    for (const bool facilitator : {false, true}) {
      const auto read = cli::read_client_message(text, 7, facilitator, joined);
      if (const auto* refused = std::get_if<cli::Refusal>(&read)) {
        const auto j = nlohmann::json::parse(refused->message, nullptr, false);
        if (!j.is_object() || j.value("type", "") != "error" || !j["text"].is_string())
          fuzz::fail("a refusal that is not an error message: " + refused->message);
        continue;
      }
      const cli::Request& r = std::get<cli::Request>(read);
      if (r.client != 7 || r.facilitator != facilitator) fuzz::fail("the request lost its client");
      if (r.kind == cli::Request::Kind::Join) {
        if (joined) fuzz::fail("a second join was taken");
        if (cli::name_problem(r.name)) fuzz::fail("a join taken with a bad name: " + r.name);
        if ((r.seat == "facilitator") != facilitator)
          fuzz::fail("the facilitator's seat without the facilitator's link, or the reverse");
      } else {
        if (!joined) fuzz::fail("a command taken before the join");
        if (r.line.find_first_of("\r\n") != std::string::npos) fuzz::fail("a line with a break");
      }
    }
  }
  return 0;
}
