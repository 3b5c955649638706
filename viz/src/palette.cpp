// Colour choices that depend on state. The thresholds for edges match the health thresholds of
// services without an SLO (1% degraded), so a failing edge and its failing caller agree.
#include "palette.hpp"

namespace gameday::viz::palette {

sf::Color health(Health h) {
  switch (h) {
    case Health::Idle: return grey;
    case Health::Ok: return blue;
    case Health::Degraded: return orange;
    case Health::Critical: return vermillion;
  }
  return grey;
}

sf::Color text_on(Health h) {
  return h == Health::Ok || h == Health::Critical ? sf::Color::White : ink;
}

sf::Color edge(double failure_share) {
  if (failure_share >= 0.10) return vermillion;
  if (failure_share >= 0.01) return orange;
  return sky;
}

sf::Color with_alpha(sf::Color c, std::uint8_t a) {
  c.a = a;
  return c;
}

}  // namespace gameday::viz::palette
