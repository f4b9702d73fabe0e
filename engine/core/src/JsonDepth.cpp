#include "skillsim/core/JsonDepth.h"

namespace skillsim::core {

std::optional<std::size_t> jsonTooDeepAt(std::string_view text, std::size_t maxDepth) {
  std::size_t depth = 0;
  bool inString = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (inString) {
      if (c == '\\') {
        ++i; // the escaped character, whatever it is
      } else if (c == '"') {
        inString = false;
      }
      continue;
    }
    switch (c) {
    case '"': inString = true; break;
    case '[':
    case '{':
      if (++depth > maxDepth) {
        return i;
      }
      break;
    case ']':
    case '}':
      if (depth > 0) {
        --depth;
      }
      break;
    default: break;
    }
  }
  return std::nullopt;
}

} // namespace skillsim::core
