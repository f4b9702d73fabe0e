#include <skillsim/core/ActionState.h>
#include <skillsim/core/Controls.h>

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

using namespace skillsim::core;

namespace {

ControlDecl control(std::string id, ControlKind kind, int notches = 0) {
  ControlDecl c;
  c.id = std::move(id);
  c.nameEn = c.id;
  c.nameZh = c.id;
  c.kind = kind;
  c.notches = notches;
  return c;
}

} // namespace

TEST(ActionState, AxesClampAndNanIsNeutral) {
  ActionState s;
  EXPECT_TRUE(s.neutral());
  s.setAxis(2, 0.6f);
  EXPECT_FLOAT_EQ(s.axis(2), 0.6f);
  EXPECT_FALSE(s.neutral());
  s.setAxis(2, 3.0f);
  EXPECT_EQ(s.axis(2), 1.0f);
  s.setAxis(2, -7.0f);
  EXPECT_EQ(s.axis(2), -1.0f);
  s.setAxis(2, std::nanf(""));
  EXPECT_EQ(s.axis(2), 0.0f);
  EXPECT_TRUE(s.neutral());
}

TEST(ActionState, ButtonsAreIndependentBits) {
  ActionState s;
  s.setButton(0, true);
  s.setButton(2, true);
  EXPECT_TRUE(s.button(0));
  EXPECT_TRUE(s.button(2));
  EXPECT_FALSE(s.button(1));
  s.setButton(0, false);
  EXPECT_FALSE(s.button(0));
  EXPECT_TRUE(s.button(2));
  EXPECT_EQ(s.buttons, 1u << 2);
  s.setButton(kMaxButtons - 1, true);
  EXPECT_EQ(s.buttons, (1u << 2) | (1u << 31));
}

TEST(ActionState, SlotsOutsideTheStateAreAContractViolation) {
  ActionState s;
  EXPECT_THROW(s.setAxis(kMaxAxes, 0.5f), std::exception);
  EXPECT_THROW(s.setButton(kMaxButtons, true), std::exception);
}

TEST(ActionState, EqualityIsByValue) {
  ActionState a;
  ActionState b;
  EXPECT_EQ(a, b);
  b.setAxis(4, 0.2f);
  EXPECT_NE(a, b);
}

TEST(ControlLayout, AxesAndButtonsTakeSlotsInDeclarationOrder) {
  // A forklift-like machine: axes and buttons interleaved in the declaration.
  const ControlLayout layout(
      {control("drive", ControlKind::Continuous), control("horn", ControlKind::Button),
       control("lift", ControlKind::Notched, 3), control("enable", ControlKind::HoldToEnable),
       control("steer", ControlKind::Continuous)});
  EXPECT_EQ(layout.axisIds(), (std::vector<std::string>{"drive", "lift", "steer"}));
  EXPECT_EQ(layout.buttonIds(), (std::vector<std::string>{"horn", "enable"}));
  EXPECT_EQ(layout.axisSlot("steer"), 2u);
  EXPECT_EQ(layout.buttonBit("enable"), 1u);
  EXPECT_FALSE(layout.axisSlot("horn")) << "a button has no axis slot";
  EXPECT_FALSE(layout.buttonBit("drive")) << "an axis has no button bit";
  EXPECT_FALSE(layout.axisSlot("unknown"));
  EXPECT_EQ(layout.axisControl(1).notches, 3);
  EXPECT_EQ(layout.buttonControl(0).id, "horn");
  ASSERT_NE(layout.find("lift"), nullptr);
  EXPECT_EQ(layout.find("lift")->kind, ControlKind::Notched);
  EXPECT_EQ(layout.find("nothing"), nullptr);
}

TEST(ControlLayout, SameSlotsComparesIdsNotNames) {
  const ControlLayout a({control("x", ControlKind::Continuous), control("b", ControlKind::Button)});
  ControlDecl renamed = control("x", ControlKind::Continuous);
  renamed.nameEn = "other name";
  const ControlLayout b({renamed, control("b", ControlKind::Button)});
  const ControlLayout c({control("b", ControlKind::Button), control("y", ControlKind::Continuous)});
  EXPECT_TRUE(a.sameSlots(b));
  EXPECT_FALSE(a.sameSlots(c));
}

TEST(ControlLayout, BadDeclarationsAreContractViolations) {
  EXPECT_THROW(
      ControlLayout({control("a", ControlKind::Button), control("a", ControlKind::Button)}),
      std::exception);
  EXPECT_THROW(ControlLayout({control("", ControlKind::Button)}), std::exception);
  EXPECT_THROW(ControlLayout({control("n", ControlKind::Notched, 0)}), std::exception);
  std::vector<ControlDecl> many;
  for (std::size_t i = 0; i <= kMaxAxes; ++i) {
    many.push_back(control("axis" + std::to_string(i), ControlKind::Continuous));
  }
  EXPECT_THROW(ControlLayout(std::move(many)), std::exception);
}

TEST(ControlKind, NamesAsFilesWriteThem) {
  EXPECT_EQ(toString(ControlKind::Notched), "notched");
  EXPECT_EQ(toString(ControlKind::Continuous), "continuous");
  EXPECT_EQ(toString(ControlKind::Button), "button");
  EXPECT_EQ(toString(ControlKind::HoldToEnable), "hold_to_enable");
  EXPECT_TRUE(isAxis(ControlKind::Continuous));
  EXPECT_FALSE(isAxis(ControlKind::HoldToEnable));
}
