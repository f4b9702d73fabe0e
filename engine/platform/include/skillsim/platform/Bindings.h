#pragma once

#include "skillsim/core/ActionState.h"
#include "skillsim/core/Controls.h"
#include "skillsim/core/Expected.h"
#include "skillsim/platform/Gamepad.h"
#include "skillsim/platform/Key.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::platform {

/**
 * Workstation commands that are not machine controls: they change the view or the session,
 * never the simulation, so they are not part of ActionState (DESIGN.md, determinism contract).
 */
enum class Command : std::uint8_t {
  Neutral,      ///< Every notched controller back to notch 0 (stop all motions).
  NextCamera,   ///< Switch to the next camera view.
  Pause,        ///< Pause or resume (practice mode only; the app ignores it in an exam).
  Quit,         ///< Leave the attempt (back to the start screen); an exam asks to confirm first.
  ControlsHelp, ///< Show or hide the controls card (which key does what).
  Count
};

/** "neutral", "next_camera", "pause", "quit", "controls_help". */
[[nodiscard]] std::string_view commandName(Command command);
/** Inverse of commandName; nullopt for an unknown name. */
[[nodiscard]] std::optional<Command> commandFromName(std::string_view name);

/**
 * Two keys for an axis control (its ActionState slot, core::ControlLayout): a notched control
 * steps one notch per press; a continuous one reads +1 while `increase` is held, -1 while
 * `decrease` is held. A continuous control may have `increase` only (a pedal: 0 .. 1).
 */
struct KeyAxisBinding {
  std::size_t slot = 0;
  Key increase = Key::W;                ///< Towards +1.
  std::optional<Key> decrease = Key::S; ///< Towards -1; none for a one-key (pedal) control.

  friend bool operator==(const KeyAxisBinding&, const KeyAxisBinding&) = default;
};

/** A key held = a button control (its ActionState bit) held. */
struct KeyButtonBinding {
  std::size_t bit = 0;
  Key key = Key::H;

  friend bool operator==(const KeyButtonBinding&, const KeyButtonBinding&) = default;
};

/** A key press = a workstation command. */
struct KeyCommandBinding {
  Command command = Command::Neutral;
  Key key = Key::Space;

  friend bool operator==(const KeyCommandBinding&, const KeyCommandBinding&) = default;
};

/**
 * A gamepad axis driving an axis control (its slot): a notched one takes notch =
 * round(value * notchCount), a continuous one the value itself, after the dead zone.
 */
struct GamepadAxisBinding {
  std::size_t slot = 0;
  GamepadAxis source = GamepadAxis::LeftY;
  bool invert = false; ///< Negate the reading first (GLFW stick Y is + down).

  friend bool operator==(const GamepadAxisBinding&, const GamepadAxisBinding&) = default;
};

/** A gamepad button held = a button control (its bit) held. */
struct GamepadButtonBinding {
  std::size_t bit = 0;
  GamepadButton source = GamepadButton::A;

  friend bool operator==(const GamepadButtonBinding&, const GamepadButtonBinding&) = default;
};

/** A gamepad button press = a workstation command. */
struct GamepadCommandBinding {
  Command command = Command::Neutral;
  GamepadButton source = GamepadButton::Start;

  friend bool operator==(const GamepadCommandBinding&, const GamepadCommandBinding&) = default;
};

/** The gamepad / joystick part of a bindings file (`[gamepad]`). */
struct GamepadBindings {
  bool enabled = false; ///< Read a gamepad at all.
  int device = 0;       ///< GLFW joystick slot, 0..15 (0 = the first one connected).
  /** Readings with |value| below this are 0 (a stick at rest rarely reads exactly 0). [0, 0.9]. */
  float deadZone = 0.15f;
  std::vector<GamepadAxisBinding> axes;
  std::vector<GamepadButtonBinding> buttons;
  std::vector<GamepadCommandBinding> commands;

  friend bool operator==(const GamepadBindings&, const GamepadBindings&) = default;
};

/**
 * What every key and gamepad control does for one machine: its declared default bindings
 * (defaultBindings) or a bindings file (docs/input-bindings.md) naming its control ids.
 */
struct Bindings {
  std::vector<KeyAxisBinding> keyAxes;
  std::vector<KeyButtonBinding> keyButtons;
  std::vector<KeyCommandBinding> keyCommands;
  GamepadBindings gamepad;

  friend bool operator==(const Bindings&, const Bindings&) = default;
};

/**
 * The machine's declared default bindings (core::ControlDecl::binding; a name that is not a key
 * or gamepad control is a contract violation) plus the workstation commands: Space neutral,
 * C next camera, P pause, Escape quit, F1 the controls card; gamepad slot 0 enabled, dead zone
 * 0.15, left bumper neutral, right bumper next camera, Start pause.
 */
[[nodiscard]] Bindings defaultBindings(const core::ControlLayout& controls);

/**
 * Parses a bindings file's text. `fileName` is used in messages only. Errors (InvalidInput) name
 * `file:line:column`, the field, what was found and what would be right: TOML syntax, an unknown
 * action (not one of the machine's control ids or a command), key, gamepad axis or button name, a
 * wrong value type, a dead zone outside [0, 0.9], a device slot outside 0..15, a key bound to two
 * different actions.
 */
[[nodiscard]] core::Expected<Bindings> parseBindings(std::string_view text,
                                                     const std::string& fileName,
                                                     const core::ControlLayout& controls);

/** Reads and parses a bindings file; NotFound / Io when it cannot be read. */
[[nodiscard]] core::Expected<Bindings> loadBindings(const std::filesystem::path& path,
                                                    const core::ControlLayout& controls);

} // namespace skillsim::platform
