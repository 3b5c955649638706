// The viewer's colours: the Okabe-Ito palette, safe for the common colour-vision deficiencies,
// on a light background that survives a washed-out projector. Meaning never rests on hue alone:
// critical nodes are also hatched with a thick outline, down instances are crosses, firing
// alerts are solid where pending ones are hollow.
#pragma once

#include <SFML/Graphics/Color.hpp>

#include "gameday/viz/replay_model.hpp"

namespace gameday::viz::palette {

inline const sf::Color background{250, 250, 247};
inline const sf::Color panel{238, 238, 233};
inline const sf::Color grid{208, 208, 200};
inline const sf::Color ink{25, 25, 25};
inline const sf::Color muted{95, 95, 95};

// Okabe-Ito.
inline const sf::Color blue{0, 114, 178};
inline const sf::Color sky{86, 180, 233};
inline const sf::Color orange{230, 159, 0};
inline const sf::Color vermillion{213, 94, 0};
inline const sf::Color yellow{240, 228, 66};
inline const sf::Color purple{204, 121, 167};
inline const sf::Color green{0, 158, 115};
inline const sf::Color grey{170, 170, 170};

sf::Color health(Health h);
// Ink that reads on a health colour: white on blue and vermillion, black on orange and grey.
sf::Color text_on(Health h);
// Edges: sky blue when calls succeed, orange from 1% failures, vermillion from 10%.
sf::Color edge(double failure_share);
sf::Color with_alpha(sf::Color c, std::uint8_t a);

}  // namespace gameday::viz::palette
