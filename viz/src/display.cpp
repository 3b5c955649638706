// The display check that must come before any SFML call: SFML 2.5 prints a message and calls
// abort() when it cannot open the X display, which would take the whole CLI down. Opening (and
// keeping) a connection with Xlib first turns that into an outcome the caller can report.
//
// The connection stays open for the life of the process, on purpose: an X server resets when
// its last client disconnects, and Xvfb refuses connections for a moment while it does, so
// closing ours right before SFML opens its own would race with that reset.
#include "gameday/viz/render.hpp"

// After the project's headers: Xlib defines macros (None, Above, Below...) that would replace
// enumerators in them.
#include <X11/Xlib.h>

#include <cstdlib>
#include <string>

namespace gameday::viz {

Result check_display() {
  const char* name = std::getenv("DISPLAY");
  if (name == nullptr || *name == '\0')
    return {Outcome::NoDisplay, "no X display: DISPLAY is not set"};
  static Display* kept = nullptr;
  if (kept == nullptr) kept = XOpenDisplay(name);
  if (kept == nullptr)
    return {Outcome::NoDisplay, std::string("no X display: cannot connect to DISPLAY=") + name};
  return {};
}

}  // namespace gameday::viz
