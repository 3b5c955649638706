// The browser console of a hosted game: cli/web/console.html, embedded at build time
// (cli/cmake/embed_file.cmake) and served by the game at GET /?token=T.
#pragma once

#include <string_view>

namespace gameday::cli {

std::string_view console_page_html();

}  // namespace gameday::cli
