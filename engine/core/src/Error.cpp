#include "skillsim/core/Error.h"

namespace skillsim::core {

std::string SourceLocation::toString() const {
  std::string out;
  if (!file.empty()) {
    out += file;
    if (line > 0) {
      out += ':' + std::to_string(line);
      if (column > 0) {
        out += ':' + std::to_string(column);
      }
    }
  }
  if (!fieldPath.empty()) {
    out += out.empty() ? fieldPath : ": " + fieldPath;
  }
  if (tick) {
    std::string t = "tick " + std::to_string(*tick);
    out += out.empty() ? t : ": " + t;
  }
  return out;
}

const char* toString(ErrorCode code) {
  switch (code) {
  case ErrorCode::InvalidInput: return "invalid input";
  case ErrorCode::NotFound: return "not found";
  case ErrorCode::Io: return "i/o error";
  case ErrorCode::Unsupported: return "unsupported";
  case ErrorCode::Integrity: return "integrity";
  case ErrorCode::Unavailable: return "unavailable";
  case ErrorCode::PhysicsFault: return "physics fault";
  }
  return "unknown";
}

std::string Error::toString() const {
  std::string where = location.toString();
  return where.empty() ? message : where + ": " + message;
}

Error makeError(ErrorCode code, std::string message, SourceLocation location) {
  return Error{code, std::move(message), std::move(location)};
}

} // namespace skillsim::core
