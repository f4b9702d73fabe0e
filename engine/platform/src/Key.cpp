#include "skillsim/platform/Key.h"

#include <array>

namespace skillsim::platform {
namespace {

constexpr std::array<std::string_view, kKeyCount> kKeyNames = {"A",
                                                               "B",
                                                               "C",
                                                               "D",
                                                               "E",
                                                               "F",
                                                               "G",
                                                               "H",
                                                               "I",
                                                               "J",
                                                               "K",
                                                               "L",
                                                               "M",
                                                               "N",
                                                               "O",
                                                               "P",
                                                               "Q",
                                                               "R",
                                                               "S",
                                                               "T",
                                                               "U",
                                                               "V",
                                                               "W",
                                                               "X",
                                                               "Y",
                                                               "Z",
                                                               "0",
                                                               "1",
                                                               "2",
                                                               "3",
                                                               "4",
                                                               "5",
                                                               "6",
                                                               "7",
                                                               "8",
                                                               "9",
                                                               "Space",
                                                               "Enter",
                                                               "Escape",
                                                               "Tab",
                                                               "Backspace",
                                                               "Insert",
                                                               "Delete",
                                                               "Home",
                                                               "End",
                                                               "PageUp",
                                                               "PageDown",
                                                               "Up",
                                                               "Down",
                                                               "Left",
                                                               "Right",
                                                               "F1",
                                                               "F2",
                                                               "F3",
                                                               "F4",
                                                               "F5",
                                                               "F6",
                                                               "F7",
                                                               "F8",
                                                               "F9",
                                                               "F10",
                                                               "F11",
                                                               "F12",
                                                               "LeftShift",
                                                               "RightShift",
                                                               "LeftControl",
                                                               "RightControl",
                                                               "LeftAlt",
                                                               "RightAlt",
                                                               "Kp0",
                                                               "Kp1",
                                                               "Kp2",
                                                               "Kp3",
                                                               "Kp4",
                                                               "Kp5",
                                                               "Kp6",
                                                               "Kp7",
                                                               "Kp8",
                                                               "Kp9",
                                                               "KpAdd",
                                                               "KpSubtract",
                                                               "KpMultiply",
                                                               "KpDivide",
                                                               "KpEnter",
                                                               "KpDecimal",
                                                               "Minus",
                                                               "Equal",
                                                               "Comma",
                                                               "Period",
                                                               "Slash",
                                                               "Semicolon",
                                                               "Apostrophe",
                                                               "LeftBracket",
                                                               "RightBracket",
                                                               "Backslash",
                                                               "GraveAccent"};

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool equalIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) {
      return false;
    }
  }
  return true;
}

} // namespace

std::string_view keyName(Key key) { return kKeyNames.at(static_cast<std::size_t>(key)); }

std::optional<Key> keyFromName(std::string_view name) {
  for (std::size_t i = 0; i < kKeyNames.size(); ++i) {
    if (equalIgnoringCase(kKeyNames[i], name)) {
      return static_cast<Key>(i);
    }
  }
  return std::nullopt;
}

} // namespace skillsim::platform
