// Loading the viewer's font with a message that says what to install when it is missing.
#pragma once

#include <SFML/Graphics/Font.hpp>
#include <string>

#include "gameday/viz/render.hpp"

namespace gameday::viz {

Result load_font(const std::string& path, sf::Font& font);

}  // namespace gameday::viz
