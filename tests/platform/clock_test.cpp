#include "platform/clock.hpp"

#include <gtest/gtest.h>

namespace sinergi {
namespace {

TEST(Timestamp, RoundTripsIsoUtc) {
    auto t = ParseTimestamp("2026-11-23T04:25:05Z");
    ASSERT_TRUE(t);
    EXPECT_EQ(FormatTimestamp(*t), "2026-11-23T04:25:05Z");
    EXPECT_EQ(FormatTimestamp(*ParseTimestamp("2024-02-29")), "2024-02-29T00:00:00Z");
}

TEST(Timestamp, RejectsImpossibleDatesAndOtherShapes) {
    EXPECT_FALSE(ParseTimestamp("2025-02-29"));
    EXPECT_FALSE(ParseTimestamp("2026-13-01"));
    EXPECT_FALSE(ParseTimestamp("2026-11-23T24:00:00Z"));
    EXPECT_FALSE(ParseTimestamp("23/11/2026"));
    EXPECT_FALSE(ParseTimestamp(""));
}

}  // namespace
}  // namespace sinergi
