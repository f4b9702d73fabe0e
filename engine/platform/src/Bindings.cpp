#include "skillsim/platform/Bindings.h"

#include "skillsim/core/Check.h"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <sstream>

namespace skillsim::platform {
namespace {

using core::ErrorCode;
using core::makeError;
using core::SourceLocation;

constexpr std::array<std::string_view, static_cast<std::size_t>(Command::Count)> kCommandNames = {
    "neutral", "next_camera", "pause", "quit", "controls_help"};

SourceLocation where(const std::string& file, const toml::source_region& region,
                     std::string field) {
  return SourceLocation{file, static_cast<std::uint32_t>(region.begin.line),
                        static_cast<std::uint32_t>(region.begin.column), std::move(field),
                        std::nullopt};
}

template <typename T, typename M>
void sortBy(std::vector<T>& v, M T::*member) {
  std::stable_sort(v.begin(), v.end(),
                   [&](const T& a, const T& b) { return a.*member < b.*member; });
}

std::string inQuotes(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('\'');
  out.append(s);
  out.push_back('\'');
  return out;
}

/** Parses the text and turns toml++'s tree into Bindings, remembering the first error. */
class Reader {
public:
  Reader(std::string file, const core::ControlLayout& controls)
      : mFile(std::move(file)), mControls(controls) {}

  core::Expected<Bindings> read(const toml::table& root) {
    Bindings out;
    for (const auto& [key, node] : root) {
      const std::string name(key.str());
      if (name == "keyboard") {
        if (const auto* table = expectTable(node, name)) {
          readKeyboard(*table, out);
        }
      } else if (name == "gamepad") {
        if (const auto* table = expectTable(node, name)) {
          readGamepad(*table, out.gamepad);
        }
      } else {
        fail(key.source(), name,
             "unknown section " + inQuotes(name) +
                 "; a bindings file has [keyboard] and [gamepad]");
      }
      if (mError) {
        return std::move(*mError);
      }
    }
    // TOML tables are unordered; list bindings in slot order so equal files compare equal.
    sortBy(out.keyAxes, &KeyAxisBinding::slot);
    sortBy(out.keyButtons, &KeyButtonBinding::bit);
    sortBy(out.keyCommands, &KeyCommandBinding::command);
    sortBy(out.gamepad.axes, &GamepadAxisBinding::slot);
    sortBy(out.gamepad.buttons, &GamepadButtonBinding::bit);
    sortBy(out.gamepad.commands, &GamepadCommandBinding::command);
    return out;
  }

private:
  void fail(const toml::source_region& region, std::string field, std::string message) {
    if (!mError) {
      mError = makeError(ErrorCode::InvalidInput, std::move(message),
                         where(mFile, region, std::move(field)));
    }
  }

  const toml::table* expectTable(const toml::node& node, const std::string& field) {
    const auto* table = node.as_table();
    if (!table) {
      fail(node.source(), field, "expected a table, found a " + typeName(node));
    }
    return table;
  }

  static std::string typeName(const toml::node& node) {
    std::ostringstream s;
    s << node.type();
    return s.str();
  }

  std::optional<std::string> expectString(const toml::node& node, const std::string& field) {
    if (const auto* s = node.as_string()) {
      return s->get();
    }
    fail(node.source(), field, "expected a string, found a " + typeName(node));
    return std::nullopt;
  }

  std::optional<Key> readKey(const toml::node& node, const std::string& field) {
    auto text = expectString(node, field);
    if (!text) {
      return std::nullopt;
    }
    auto key = keyFromName(*text);
    if (!key) {
      fail(node.source(), field,
           "unknown key " + inQuotes(*text) +
               "; expected a key name such as W, 7, Space, Up, F1, Kp8, LeftShift "
               "(docs/input-bindings.md lists them all)");
      return std::nullopt;
    }
    // One key, one meaning: a key bound twice would make an action silently unreachable.
    auto [it, inserted] = mKeyUse.emplace(*key, field);
    if (!inserted) {
      fail(node.source(), field,
           "key " + inQuotes(keyName(*key)) + " is already bound to " + it->second +
               "; each key may have one meaning");
      return std::nullopt;
    }
    return key;
  }

  std::optional<GamepadButton> readPadButton(const toml::node& node, const std::string& field) {
    auto text = expectString(node, field);
    if (!text) {
      return std::nullopt;
    }
    auto button = gamepadButtonFromName(*text);
    if (!button) {
      fail(node.source(), field,
           "unknown gamepad button " + inQuotes(*text) +
               "; expected one of a, b, x, y, left_bumper, right_bumper, back, start, guide, "
               "left_thumb, right_thumb, dpad_up, dpad_right, dpad_down, dpad_left");
      return std::nullopt;
    }
    return button;
  }

  std::string unknownActionMessage(const std::string& name) const {
    std::string axes;
    for (std::size_t i = 0; i < mControls.axisIds().size(); ++i) {
      axes.append(i ? ", " : "").append(mControls.axisIds()[i]);
    }
    std::string buttons;
    for (std::size_t i = 0; i < mControls.buttonIds().size(); ++i) {
      buttons.append(i ? ", " : "").append(mControls.buttonIds()[i]);
    }
    return "unknown action " + inQuotes(name) + "; expected a controller (" + axes +
           "), a button (" + buttons + ") or a command (neutral, next_camera, pause)";
  }

  void readKeyboard(const toml::table& table, Bindings& out) {
    for (const auto& [key, node] : table) {
      const std::string name(key.str());
      const std::string field = "keyboard." + name;
      if (auto axis = mControls.axisSlot(name)) {
        const auto* t = expectTable(node, field);
        if (!t) {
          return;
        }
        KeyAxisBinding b{*axis};
        bool haveIncrease = false;
        bool haveDecrease = false;
        for (const auto& [k, v] : *t) {
          const std::string sub(k.str());
          if (sub == "increase" || sub == "decrease") {
            auto parsed = readKey(v, field + "." + sub);
            if (!parsed) {
              return;
            }
            if (sub == "increase") {
              b.increase = *parsed;
            } else {
              b.decrease = *parsed;
            }
            (sub == "increase" ? haveIncrease : haveDecrease) = true;
          } else {
            fail(k.source(), field + "." + sub,
                 "unknown field " + inQuotes(sub) + "; a controller has increase and decrease");
            return;
          }
        }
        const bool pedal = mControls.axisControl(*axis).kind == core::ControlKind::Continuous;
        if (!haveDecrease && pedal && haveIncrease) {
          b.decrease.reset(); // a pedal: one key, 0 .. 1
        } else if (!haveIncrease || !haveDecrease) {
          fail(node.source(), field,
               std::string("missing ") + (haveIncrease ? "decrease" : "increase") +
                   "; a controller needs both keys, e.g. { increase = \"W\", decrease = \"S\" }");
          return;
        }
        out.keyAxes.push_back(b);
      } else if (auto button = mControls.buttonBit(name)) {
        auto k = readKey(node, field);
        if (!k) {
          return;
        }
        out.keyButtons.push_back({*button, *k});
      } else if (auto command = commandFromName(name)) {
        auto k = readKey(node, field);
        if (!k) {
          return;
        }
        out.keyCommands.push_back({*command, *k});
      } else {
        fail(key.source(), field, unknownActionMessage(name));
        return;
      }
    }
  }

  void readGamepad(const toml::table& table, GamepadBindings& out) {
    for (const auto& [key, node] : table) {
      const std::string name(key.str());
      const std::string field = "gamepad." + name;
      if (name == "enabled") {
        if (const auto* b = node.as_boolean()) {
          out.enabled = b->get();
        } else {
          fail(node.source(), field, "expected true or false, found a " + typeName(node));
          return;
        }
      } else if (name == "device") {
        const auto* i = node.as_integer();
        if (!i || i->get() < 0 || i->get() >= kMaxGamepads) {
          fail(node.source(), field,
               "expected a joystick slot from 0 to 15 (0 = the first connected)");
          return;
        }
        out.device = static_cast<int>(i->get());
      } else if (name == "dead_zone") {
        auto v = node.value<double>();
        if (!v || !(*v >= 0.0 && *v <= 0.9)) {
          fail(node.source(), field, "expected a number from 0 to 0.9 (fraction of full travel)");
          return;
        }
        out.deadZone = static_cast<float>(*v);
      } else if (auto axis = mControls.axisSlot(name)) {
        const auto* t = expectTable(node, field);
        if (!t) {
          return;
        }
        GamepadAxisBinding b{*axis};
        bool haveSource = false;
        for (const auto& [k, v] : *t) {
          const std::string sub(k.str());
          if (sub == "axis") {
            auto text = expectString(v, field + ".axis");
            if (!text) {
              return;
            }
            auto source = gamepadAxisFromName(*text);
            if (!source) {
              fail(v.source(), field + ".axis",
                   "unknown gamepad axis " + inQuotes(*text) +
                       "; expected left_x, left_y, right_x, right_y, left_trigger or "
                       "right_trigger");
              return;
            }
            b.source = *source;
            haveSource = true;
          } else if (sub == "invert") {
            const auto* inv = v.as_boolean();
            if (!inv) {
              fail(v.source(), field + ".invert", "expected true or false");
              return;
            }
            b.invert = inv->get();
          } else {
            fail(k.source(), field + "." + sub,
                 "unknown field " + inQuotes(sub) + "; a gamepad controller has axis and invert");
            return;
          }
        }
        if (!haveSource) {
          fail(node.source(), field, "missing axis, e.g. { axis = \"left_y\", invert = true }");
          return;
        }
        out.axes.push_back(b);
      } else if (auto button = mControls.buttonBit(name)) {
        auto source = readPadButton(node, field);
        if (!source) {
          return;
        }
        out.buttons.push_back({*button, *source});
      } else if (auto command = commandFromName(name)) {
        auto source = readPadButton(node, field);
        if (!source) {
          return;
        }
        out.commands.push_back({*command, *source});
      } else {
        fail(key.source(), field,
             unknownActionMessage(name) + ", or a setting (enabled, device, dead_zone)");
        return;
      }
    }
  }

  std::string mFile;
  const core::ControlLayout& mControls;
  std::optional<core::Error> mError;
  std::map<Key, std::string> mKeyUse;
};

} // namespace

std::string_view commandName(Command command) {
  return kCommandNames.at(static_cast<std::size_t>(command));
}

std::optional<Command> commandFromName(std::string_view name) {
  for (std::size_t i = 0; i < kCommandNames.size(); ++i) {
    if (kCommandNames[i] == name) {
      return static_cast<Command>(i);
    }
  }
  return std::nullopt;
}

Bindings defaultBindings(const core::ControlLayout& controls) {
  Bindings b;
  for (std::size_t slot = 0; slot < controls.axisIds().size(); ++slot) {
    const core::DefaultBinding& d = controls.axisControl(slot).binding;
    const bool pedal = controls.axisControl(slot).kind == core::ControlKind::Continuous;
    if (!d.key.empty() && (!d.keyDecrease.empty() || pedal)) {
      auto increase = keyFromName(d.key);
      std::optional<Key> decrease;
      if (!d.keyDecrease.empty()) {
        decrease = keyFromName(d.keyDecrease);
        SKILLSIM_CHECK(decrease.has_value(), "a machine's default key is not a key name");
      }
      SKILLSIM_CHECK(increase.has_value(), "a machine's default key is not a key name");
      b.keyAxes.push_back({slot, *increase, decrease});
    }
    if (!d.gamepad.empty()) {
      auto source = gamepadAxisFromName(d.gamepad);
      SKILLSIM_CHECK(source.has_value(), "a machine's default gamepad axis is not an axis name");
      b.gamepad.axes.push_back({slot, *source, d.gamepadInvert});
    }
  }
  for (std::size_t bit = 0; bit < controls.buttonIds().size(); ++bit) {
    const core::DefaultBinding& d = controls.buttonControl(bit).binding;
    if (!d.key.empty()) {
      auto key = keyFromName(d.key);
      SKILLSIM_CHECK(key.has_value(), "a machine's default key is not a key name");
      b.keyButtons.push_back({bit, *key});
    }
    if (!d.gamepad.empty()) {
      auto source = gamepadButtonFromName(d.gamepad);
      SKILLSIM_CHECK(source.has_value(), "a machine's default gamepad button is not a name");
      b.gamepad.buttons.push_back({bit, *source});
    }
  }
  b.keyCommands = {{Command::Neutral, Key::Space},
                   {Command::NextCamera, Key::C},
                   {Command::Pause, Key::P},
                   {Command::Quit, Key::Escape},
                   {Command::ControlsHelp, Key::F1}};
  b.gamepad.enabled = true;
  b.gamepad.device = 0;
  b.gamepad.deadZone = 0.15f;
  b.gamepad.commands = {{Command::Neutral, GamepadButton::LeftBumper},
                        {Command::NextCamera, GamepadButton::RightBumper},
                        {Command::Pause, GamepadButton::Start},
                        {Command::Quit, GamepadButton::Back}};
  return b;
}

core::Expected<Bindings> parseBindings(std::string_view text, const std::string& fileName,
                                       const core::ControlLayout& controls) {
  toml::table root;
  try {
    root = toml::parse(text, fileName);
  } catch (const toml::parse_error& e) {
    return makeError(ErrorCode::InvalidInput, "TOML syntax: " + std::string(e.description()),
                     where(fileName, e.source(), ""));
  }
  return Reader(fileName, controls).read(root);
}

core::Expected<Bindings> loadBindings(const std::filesystem::path& path,
                                      const core::ControlLayout& controls) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return makeError(ErrorCode::NotFound, "bindings file not found", SourceLocation{path.string()});
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (!in && !in.eof()) {
    return makeError(ErrorCode::Io, "cannot read the bindings file", SourceLocation{path.string()});
  }
  return parseBindings(buffer.str(), path.string(), controls);
}

} // namespace skillsim::platform
