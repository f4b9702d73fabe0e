#include <skillsim/platform/Bindings.h>
#include <skillsim/sim/machines/forklift/ForkliftSpec.h>
#include <skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h>

#include <gtest/gtest.h>

#include <string>

using namespace skillsim;
using namespace skillsim::platform;

namespace {

/** The overhead crane's declared controls (the machine the installed bindings file is for). */
const core::ControlLayout& crane() {
  static const core::ControlLayout kLayout =
      sim::overheadCraneType()->describe(sim::OverheadCraneSpec{}).controls;
  return kLayout;
}

core::Expected<Bindings> parseBindings(std::string_view text, const std::string& file) {
  return platform::parseBindings(text, file, crane());
}

Bindings defaultBindings() { return platform::defaultBindings(crane()); }

std::string errorOf(std::string_view text) {
  auto b = parseBindings(text, "b.toml");
  EXPECT_FALSE(b) << "expected an error for:\n" << text;
  return b ? std::string() : b.error().toString();
}

} // namespace

TEST(Bindings, InstalledFileEqualsTheMachinesDeclaredDefaults) {
  auto b =
      loadBindings(std::string(SKILLSIM_SOURCE_DIR) + "/assets/input/overhead_crane.toml", crane());
  ASSERT_TRUE(b) << b.error().toString();
  EXPECT_EQ(*b, defaultBindings());
  // The declared defaults themselves: W/S bridge, D/A trolley, Up/Down hoist, H horn, …
  ASSERT_EQ(b->keyAxes.size(), 3u);
  EXPECT_EQ(b->keyAxes[0].slot, sim::crane_controls::kBridgeTravel);
  EXPECT_EQ(b->keyAxes[0].increase, Key::W);
  EXPECT_EQ(b->keyAxes[2].decrease, Key::Down);
  ASSERT_EQ(b->keyButtons.size(), 4u);
  EXPECT_EQ(b->keyButtons[0].key, Key::H);
  EXPECT_EQ(b->keyButtons[3].bit, sim::crane_controls::kRelease);
  EXPECT_EQ(b->keyButtons[3].key, Key::R);
}

// The forklift's installed file (issue 15 point 5): it is the truck's declared defaults, and it
// binds every declared control on the keyboard (the pedals with one key each: 0 .. 1) and the
// analog ones on the gamepad: accelerator and brake on the triggers, steering on the left stick.
TEST(Bindings, TheForkliftFileBindsEveryDeclaredControl) {
  const core::ControlLayout truck = sim::forkliftType()->describe(sim::ForkliftSpec{}).controls;
  auto b = loadBindings(std::string(SKILLSIM_SOURCE_DIR) + "/assets/input/forklift.toml", truck);
  ASSERT_TRUE(b) << b.error().toString();
  EXPECT_EQ(*b, platform::defaultBindings(truck));
  namespace fc = sim::forklift_controls;
  ASSERT_EQ(b->keyAxes.size(), truck.axisIds().size()); // every axis control has its keys
  for (std::size_t slot = 0; slot < truck.axisIds().size(); ++slot) {
    EXPECT_EQ(b->keyAxes[slot].slot, slot) << truck.axisIds()[slot];
  }
  EXPECT_EQ(b->keyAxes[fc::kAccelerator].increase, Key::W);
  EXPECT_FALSE(b->keyAxes[fc::kAccelerator].decrease.has_value()); // a pedal
  EXPECT_EQ(b->keyAxes[fc::kServiceBrake].increase, Key::S);
  EXPECT_EQ(b->keyAxes[fc::kInching].increase, Key::Q);
  EXPECT_EQ(b->keyAxes[fc::kSteering].increase, Key::D);
  EXPECT_EQ(b->keyAxes[fc::kSteering].decrease, Key::A);
  EXPECT_EQ(b->keyAxes[fc::kDirection].increase, Key::F);
  EXPECT_EQ(b->keyAxes[fc::kDirection].decrease, Key::R);
  EXPECT_EQ(b->keyAxes[fc::kLift].increase, Key::Up);
  EXPECT_EQ(b->keyAxes[fc::kTilt].decrease, Key::Left);
  ASSERT_EQ(b->keyButtons.size(), truck.buttonIds().size());
  EXPECT_EQ(b->keyButtons[fc::kHorn].key, Key::H);
  EXPECT_EQ(b->keyButtons[fc::kParkingBrake].key, Key::B);
  EXPECT_TRUE(b->gamepad.enabled);
  auto padAxis = [&](std::size_t slot) -> std::optional<GamepadAxisBinding> {
    for (const auto& g : b->gamepad.axes) {
      if (g.slot == slot) {
        return g;
      }
    }
    return std::nullopt;
  };
  ASSERT_TRUE(padAxis(fc::kAccelerator));
  EXPECT_EQ(padAxis(fc::kAccelerator)->source, GamepadAxis::RightTrigger);
  ASSERT_TRUE(padAxis(fc::kServiceBrake));
  EXPECT_EQ(padAxis(fc::kServiceBrake)->source, GamepadAxis::LeftTrigger);
  ASSERT_TRUE(padAxis(fc::kSteering));
  EXPECT_EQ(padAxis(fc::kSteering)->source, GamepadAxis::LeftX);
  ASSERT_TRUE(padAxis(fc::kLift));
  EXPECT_TRUE(padAxis(fc::kLift)->invert); // stick up = raise
  EXPECT_EQ(b->gamepad.buttons.size(), truck.buttonIds().size());
}

// A one-key controller is a pedal: allowed for a continuous control, refused for a notched one.
TEST(Bindings, OnlyAContinuousControlMayHaveOneKey) {
  const core::ControlLayout truck = sim::forkliftType()->describe(sim::ForkliftSpec{}).controls;
  auto pedal =
      platform::parseBindings("[keyboard]\naccelerator = { increase = \"K\" }\n", "b.toml", truck);
  ASSERT_TRUE(pedal) << pedal.error().toString();
  ASSERT_EQ(pedal->keyAxes.size(), 1u);
  EXPECT_EQ(pedal->keyAxes[0].increase, Key::K);
  EXPECT_FALSE(pedal->keyAxes[0].decrease.has_value());
  auto lever =
      platform::parseBindings("[keyboard]\ndirection = { increase = \"K\" }\n", "b.toml", truck);
  ASSERT_FALSE(lever);
  EXPECT_NE(lever.error().toString().find("b.toml:2:13: keyboard.direction: missing decrease"),
            std::string::npos)
      << lever.error().toString();
}

TEST(Bindings, ParsesEveryKindOfBinding) {
  auto b = parseBindings(R"(
[keyboard]
hoist = { increase = "kp8", decrease = "Kp2" }
horn = "Space"
pause = "F1"
[gamepad]
enabled = true
device = 3
dead_zone = 0.25
hoist = { axis = "right_trigger" }
attach = "dpad_up"
next_camera = "back"
)",
                         "b.toml");
  ASSERT_TRUE(b) << b.error().toString();
  ASSERT_EQ(b->keyAxes.size(), 1u);
  EXPECT_EQ(b->keyAxes[0].slot, skillsim::sim::crane_controls::kHoist);
  EXPECT_EQ(b->keyAxes[0].increase, Key::Kp8);
  EXPECT_EQ(b->keyAxes[0].decrease, Key::Kp2);
  ASSERT_EQ(b->keyButtons.size(), 1u);
  EXPECT_EQ(b->keyButtons[0].bit, skillsim::sim::crane_controls::kHorn);
  EXPECT_EQ(b->keyButtons[0].key, Key::Space);
  ASSERT_EQ(b->keyCommands.size(), 1u);
  EXPECT_EQ(b->keyCommands[0].command, Command::Pause);
  EXPECT_EQ(b->keyCommands[0].key, Key::F1);
  EXPECT_TRUE(b->gamepad.enabled);
  EXPECT_EQ(b->gamepad.device, 3);
  EXPECT_FLOAT_EQ(b->gamepad.deadZone, 0.25f);
  ASSERT_EQ(b->gamepad.axes.size(), 1u);
  EXPECT_EQ(b->gamepad.axes[0].source, GamepadAxis::RightTrigger);
  EXPECT_FALSE(b->gamepad.axes[0].invert);
  ASSERT_EQ(b->gamepad.buttons.size(), 1u);
  EXPECT_EQ(b->gamepad.buttons[0].bit, skillsim::sim::crane_controls::kAttach);
  EXPECT_EQ(b->gamepad.buttons[0].source, GamepadButton::DpadUp);
  ASSERT_EQ(b->gamepad.commands.size(), 1u);
  EXPECT_EQ(b->gamepad.commands[0].command, Command::NextCamera);
}

TEST(Bindings, AnEmptyFileBindsNothingAndDisablesTheGamepad) {
  auto b = parseBindings("# nothing\n", "b.toml");
  ASSERT_TRUE(b);
  EXPECT_TRUE(b->keyAxes.empty());
  EXPECT_FALSE(b->gamepad.enabled);
}

TEST(Bindings, SyntaxErrorNamesFileLineAndColumn) {
  const std::string e = errorOf("[keyboard]\nhorn = \"H\"\nattach = = \"F\"\n");
  EXPECT_EQ(e.rfind("b.toml:3:", 0), 0u) << e;
  EXPECT_NE(e.find("TOML syntax"), std::string::npos) << e;
}

TEST(Bindings, UnknownKeyNameIsReportedWhereItIs) {
  const std::string e = errorOf("[keyboard]\n\nhorn = \"Hx\"\n");
  EXPECT_EQ(e.rfind("b.toml:3:8: keyboard.horn: unknown key 'Hx'", 0), 0u) << e;
  EXPECT_NE(e.find("Space"), std::string::npos) << e;
}

TEST(Bindings, UnknownActionListsTheValidOnes) {
  const std::string e = errorOf("[keyboard]\nhonk = \"H\"\n");
  EXPECT_EQ(e.rfind("b.toml:2:1: keyboard.honk: unknown action 'honk'", 0), 0u) << e;
  EXPECT_NE(e.find("bridge_travel"), std::string::npos) << e;
  EXPECT_NE(e.find("emergency_stop"), std::string::npos) << e;
  EXPECT_NE(e.find("next_camera"), std::string::npos) << e;
}

TEST(Bindings, UnknownSectionIsRejected) {
  const std::string e = errorOf("[mouse]\nx = 1\n");
  EXPECT_EQ(e.rfind("b.toml:1:", 0), 0u) << e;
  EXPECT_NE(e.find("unknown section 'mouse'"), std::string::npos) << e;
}

TEST(Bindings, KeyBoundTwiceIsRejected) {
  const std::string e = errorOf("[keyboard]\nhorn = \"H\"\nrelease = \"h\"\n");
  EXPECT_NE(e.find("key 'H' is already bound to keyboard."), std::string::npos) << e;
  EXPECT_NE(e.find("b.toml:"), std::string::npos) << e;
}

TEST(Bindings, ControllerNeedsBothKeys) {
  const std::string e = errorOf("[keyboard]\nhoist = { increase = \"Up\" }\n");
  EXPECT_EQ(e.rfind("b.toml:2:9: keyboard.hoist: missing decrease", 0), 0u) << e;
}

TEST(Bindings, ControllerMustBeATable) {
  const std::string e = errorOf("[keyboard]\nhoist = \"Up\"\n");
  EXPECT_EQ(e.rfind("b.toml:2:9: keyboard.hoist: expected a table, found a string", 0), 0u) << e;
}

TEST(Bindings, WrongTypeForAKey) {
  const std::string e = errorOf("[keyboard]\nhorn = 7\n");
  EXPECT_EQ(e.rfind("b.toml:2:8: keyboard.horn: expected a string, found a integer", 0), 0u) << e;
}

TEST(Bindings, GamepadSettingsAreRangeChecked) {
  EXPECT_EQ(errorOf("[gamepad]\ndead_zone = 1.5\n")
                .rfind("b.toml:2:13: gamepad.dead_zone: expected a number from 0 to 0.9", 0),
            0u);
  EXPECT_EQ(errorOf("[gamepad]\ndevice = 16\n")
                .rfind("b.toml:2:10: gamepad.device: expected a joystick slot from 0 to 15", 0),
            0u);
  EXPECT_EQ(errorOf("[gamepad]\nenabled = \"yes\"\n")
                .rfind("b.toml:2:11: gamepad.enabled: expected true or false", 0),
            0u);
}

TEST(Bindings, UnknownGamepadAxisAndButton) {
  const std::string axis = errorOf("[gamepad]\nhoist = { axis = \"left_z\" }\n");
  EXPECT_EQ(axis.rfind("b.toml:2:18: gamepad.hoist.axis: unknown gamepad axis 'left_z'", 0), 0u)
      << axis;
  const std::string button = errorOf("[gamepad]\nhorn = \"triangle\"\n");
  EXPECT_EQ(button.rfind("b.toml:2:8: gamepad.horn: unknown gamepad button 'triangle'", 0), 0u)
      << button;
  const std::string field = errorOf("[gamepad]\nhoist = { axis = \"left_y\", scale = 2 }\n");
  EXPECT_NE(field.find("gamepad.hoist.scale: unknown field 'scale'"), std::string::npos) << field;
}

TEST(Bindings, MissingFileIsNotFound) {
  auto b = loadBindings("/nonexistent/bindings.toml", crane());
  ASSERT_FALSE(b);
  EXPECT_EQ(b.error().code, core::ErrorCode::NotFound);
  EXPECT_EQ(b.error().toString().rfind("/nonexistent/bindings.toml: bindings file not found", 0),
            0u);
}

TEST(Bindings, CommandNamesRoundTrip) {
  for (int i = 0; i < static_cast<int>(Command::Count); ++i) {
    const auto c = static_cast<Command>(i);
    EXPECT_EQ(commandFromName(commandName(c)), c);
  }
  EXPECT_EQ(commandFromName("quit"), Command::Quit);
  EXPECT_FALSE(commandFromName("exit"));
}
