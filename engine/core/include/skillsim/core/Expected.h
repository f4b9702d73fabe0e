#pragma once

#include "skillsim/core/Check.h"
#include "skillsim/core/Error.h"

#include <type_traits>
#include <utility>
#include <variant>

namespace skillsim::core {

/**
 * Either a value of type T or an Error (C++20 has no std::expected). Used for every failure a
 * user can cause; contract violations use SKILLSIM_CHECK instead. Reading the value of an
 * Expected that holds an error (or the reverse) is a contract violation.
 *
 *   Expected<Scenario> s = loadScenario(path);
 *   if (!s) { print(s.error().toString()); return 1; }
 *   use(*s);
 */
template <typename T, typename E = Error>
class [[nodiscard]] Expected {
public:
  Expected(T value) : mState(std::in_place_index<0>, std::move(value)) {}
  Expected(E error) : mState(std::in_place_index<1>, std::move(error)) {}

  [[nodiscard]] bool hasValue() const noexcept { return mState.index() == 0; }
  explicit operator bool() const noexcept { return hasValue(); }

  T& value() & {
    SKILLSIM_CHECK(hasValue(), "Expected::value() on an error");
    return std::get<0>(mState);
  }
  const T& value() const& {
    SKILLSIM_CHECK(hasValue(), "Expected::value() on an error");
    return std::get<0>(mState);
  }
  T&& value() && {
    SKILLSIM_CHECK(hasValue(), "Expected::value() on an error");
    return std::get<0>(std::move(mState));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const E& error() const& {
    SKILLSIM_CHECK(!hasValue(), "Expected::error() on a value");
    return std::get<1>(mState);
  }
  E&& error() && {
    SKILLSIM_CHECK(!hasValue(), "Expected::error() on a value");
    return std::get<1>(std::move(mState));
  }

  /** The value, or `fallback` when this holds an error. */
  template <typename U>
  T valueOr(U&& fallback) const& {
    return hasValue() ? std::get<0>(mState) : static_cast<T>(std::forward<U>(fallback));
  }

private:
  std::variant<T, E> mState;
};

/** Expected<void>: success carries nothing. Default-constructed means success. */
template <typename E>
class [[nodiscard]] Expected<void, E> {
public:
  Expected() = default;
  Expected(E error) : mError(std::move(error)), mHasError(true) {}

  [[nodiscard]] bool hasValue() const noexcept { return !mHasError; }
  explicit operator bool() const noexcept { return hasValue(); }
  const E& error() const& {
    SKILLSIM_CHECK(mHasError, "Expected<void>::error() on success");
    return mError;
  }
  E&& error() && {
    SKILLSIM_CHECK(mHasError, "Expected<void>::error() on success");
    return std::move(mError);
  }

private:
  E mError{};
  bool mHasError = false;
};

} // namespace skillsim::core
