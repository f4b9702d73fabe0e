#include <skillsim/ui/Format.h>
#include <skillsim/ui/I18n.h>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>
#include <string>

using namespace skillsim::ui;

TEST(Format, ClockTruncatesToTenths) {
  EXPECT_EQ(formatClock(0.0), "00:00.0");
  EXPECT_EQ(formatClock(83.47), "01:23.4");
  EXPECT_EQ(formatClock(59.99), "00:59.9");
  EXPECT_EQ(formatClock(600.0), "10:00.0");
  EXPECT_EQ(formatClock(-3.0), "00:00.0");
  EXPECT_EQ(formatClock(std::nan("")), "00:00.0");
}

TEST(Format, PointsDropATrailingZero) {
  EXPECT_EQ(formatPoints(5.0), "5");
  EXPECT_EQ(formatPoints(2.5), "2.5");
  EXPECT_EQ(formatPoints(87.25), "87.3");
  EXPECT_EQ(formatPoints(0.0), "0");
}

TEST(Format, QuantitiesReadAsATraineeReadsThem) {
  // 3 degrees in radians reads back as degrees, never as radians.
  EXPECT_EQ(formatQuantity(3.0 * std::numbers::pi / 180.0, skillsim::sim::Unit::Radian, 1),
            "3.0\u00b0");
  EXPECT_EQ(formatQuantity(2.454, skillsim::sim::Unit::Metre, 2), "2.45 m");
  EXPECT_EQ(formatQuantity(0.2, skillsim::sim::Unit::MetrePerSecond, 2), "0.20 m/s");
  EXPECT_EQ(formatQuantity(150.0, skillsim::sim::Unit::Kilogram, 0), "150 kg");
  EXPECT_EQ(formatQuantity(1471.5, skillsim::sim::Unit::Newton, 0), "1472 N");
  EXPECT_EQ(formatQuantity(12.5, skillsim::sim::Unit::Second, 1), "12.5 s");
  EXPECT_EQ(formatQuantity(4.0, skillsim::sim::Unit::None, 0), "4");
  EXPECT_EQ(formatQuantity(-std::numeric_limits<double>::infinity(), skillsim::sim::Unit::Metre, 2),
            "\u2014")
      << "never -inf";
  EXPECT_EQ(formatQuantity(std::nan(""), skillsim::sim::Unit::Radian, 1), "\u2014");
}

// A load resting a hair under the floor (-0.0004 m after the solver) reads "0.00 m", never
// "-0.00 m"; a real negative value keeps its sign.
TEST(Format, AValueThatRoundsToZeroHasNoMinusSign) {
  using skillsim::sim::Unit;
  EXPECT_EQ(formatQuantity(-0.0004, Unit::Metre, 2), "0.00 m");
  EXPECT_EQ(formatQuantity(-0.0, Unit::Second, 1), "0.0 s");
  EXPECT_EQ(formatQuantity(-0.0001, Unit::Radian, 1), "0.0\u00b0");
  EXPECT_EQ(formatQuantity(-0.0001, Unit::RadianPerSecond, 1), "0.0\u00b0/s");
  EXPECT_EQ(formatQuantity(-0.006, Unit::Metre, 2), "-0.01 m");
  EXPECT_EQ(formatQuantity(-2.5, Unit::Metre, 1), "-2.5 m");
}

// Units in the words of the UI table's language (issue 14 point 4): the [unit] tables of
// assets/i18n (zh-CN: metre = " 米", second = " 秒", metre_per_second = " 米/秒", degree = "°").
TEST(Format, QuantitiesInChineseTakeTheirUnitsFromTheChineseTable) {
  const std::string assets = std::string(SKILLSIM_SOURCE_DIR) + "/assets";
  auto zh = I18n::load(assets, Language::ChineseSimplified);
  auto en = I18n::load(assets, Language::English);
  ASSERT_TRUE(zh) << zh.error().toString();
  ASSERT_TRUE(en) << en.error().toString();
  EXPECT_EQ(formatQuantity(2.454, skillsim::sim::Unit::Metre, 2, *zh), "2.45 米");
  EXPECT_EQ(formatQuantity(12.5, skillsim::sim::Unit::Second, 1, *zh), "12.5 秒");
  EXPECT_EQ(formatQuantity(0.2, skillsim::sim::Unit::MetrePerSecond, 2, *zh), "0.20 米/秒");
  EXPECT_EQ(formatQuantity(150.0, skillsim::sim::Unit::Kilogram, 0, *zh), "150 千克");
  EXPECT_EQ(formatQuantity(3.0 * std::numbers::pi / 180.0, skillsim::sim::Unit::Radian, 1, *zh),
            "3.0°");
  EXPECT_EQ(formatQuantity(std::nan(""), skillsim::sim::Unit::Metre, 2, *zh), "\u2014");
  EXPECT_EQ(formatQuantity(4.0, skillsim::sim::Unit::None, 0, *zh), "4");
  // English keeps the symbols, as formatQuantity without a table.
  EXPECT_EQ(formatQuantity(2.454, skillsim::sim::Unit::Metre, 2, *en), "2.45 m");
  EXPECT_EQ(formatQuantity(12.5, skillsim::sim::Unit::Second, 1, *en), "12.5 s");
}
