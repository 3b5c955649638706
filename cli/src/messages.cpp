// The protocol's messages from a game to a console; see messages.hpp.
#include "messages.hpp"

#include <nlohmann/json.hpp>

#include "gameday/core/units.hpp"

namespace gameday::cli {
namespace {

using nlohmann::json;

std::string text_of(const json& j) {
  // Replacement characters for bytes that are not UTF-8: the client's text is the client's.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string_view notice_kind(sim::ConsoleMessage::Kind k) {
  switch (k) {
    case sim::ConsoleMessage::Kind::Page: return "page";
    case sim::ConsoleMessage::Kind::Ticket: return "ticket";
    case sim::ConsoleMessage::Kind::Resolved: return "resolved";
    case sim::ConsoleMessage::Kind::Effect: return "effect";
    case sim::ConsoleMessage::Kind::Answer: return "answer";
  }
  return "";
}

}  // namespace

std::string console_message(const sim::ConsoleMessage& m) {
  if (m.kind == sim::ConsoleMessage::Kind::Answer) return answer_message(m.t, m.text);
  return notice_message(m.t, notice_kind(m.kind), m.text);
}

std::string clock_text(Time t) {
  return instant_for_people(t.since_start());
}

std::string console_clock(Duration start_at, Time t) {
  return time_of_day_for_people(start_at, t.since_start()) + " +" + clock_text(t);
}

std::string console_stamp(Duration start_at, Time t) {
  return "[" + console_clock(start_at, t) + "]";
}

std::string welcome_message(const std::string& name, const std::string& seat,
                            const std::string& system, Duration start_at, Time now, double speed,
                            bool paused, const std::vector<std::string>& history) {
  json lines = json::array();
  for (const std::string& line : history) lines.push_back(json::parse(line));
  return text_of({{"type", "welcome"},
                  {"protocol", protocol_version},
                  {"name", name},
                  {"role", seat},
                  {"system", system},
                  {"start_at", time_of_day_for_people(start_at, Duration{})},
                  {"clock", clock_text(now)},
                  {"speed", speed},
                  {"paused", paused},
                  {"history", std::move(lines)}});
}

std::string reply_message(Time t, const std::string& line, bool accepted, const std::string& text) {
  return text_of({{"type", "reply"},
                  {"t", clock_text(t)},
                  {"line", line},
                  {"accepted", accepted},
                  {"text", text}});
}

std::string answer_message(Time t, const std::string& text) {
  return text_of({{"type", "answer"}, {"t", clock_text(t)}, {"text", text}});
}

std::string channel_message(const ChannelLine& line) {
  return text_of({{"type", "channel"},
                  {"t", clock_text(line.t)},
                  {"from", line.from},
                  {"role", line.seat},
                  {"text", line.text},
                  {"reply", line.reply}});
}

std::string notice_message(Time t, std::string_view kind, const std::string& text) {
  return text_of({{"type", "notice"}, {"t", clock_text(t)}, {"kind", kind}, {"text", text}});
}

std::string clock_message(Time t, double speed, bool paused) {
  return text_of({{"type", "clock"}, {"t", clock_text(t)}, {"speed", speed}, {"paused", paused}});
}

std::string end_message(Time t, std::string_view reason) {
  return text_of({{"type", "end"}, {"t", clock_text(t)}, {"reason", reason}});
}

std::string completions_message(const std::string& line, const std::vector<std::string>& items) {
  return text_of({{"type", "completions"}, {"line", line}, {"items", items}});
}

}  // namespace gameday::cli
