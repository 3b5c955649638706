// The one "did you mean" rule that scenario keys, references, commands, notes and the CLI use.
#include "gameday/core/suggest.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace gameday {
namespace {

TEST(Suggest, EditDistanceCountsASwapOfNeighboursAsOneEdit) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("timeout", "timeuot"), 1u);
  EXPECT_EQ(edit_distance("payments", "paymnts"), 1u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(Suggest, TheNearestNameWithinTwoEditsOrSharingAPrefix) {
  const std::vector<std::string> services = {"payments", "orders-db", "checkout", "to"};
  EXPECT_EQ(nearest_name("paymnts", services), "payments");
  EXPECT_EQ(nearest_name("checkuot", services), "checkout");
  EXPECT_EQ(nearest_name("orders", services), "orders-db");  // a shared prefix
  EXPECT_FALSE(nearest_name("x", services));                 // "to" is two edits, too far
  EXPECT_FALSE(nearest_name("inventory", services));
  const std::string_view verbs[] = {"restart", "rollback", "revert"};
  EXPECT_EQ(did_you_mean("restrat", verbs), " (did you mean 'restart'?)");
  EXPECT_EQ(did_you_mean("frobnicate", verbs), "");
}

}  // namespace
}  // namespace gameday
