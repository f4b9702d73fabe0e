#pragma once

#include <skillsim/sim/Machine.h>

#include <string>

namespace skillsim::ui {

class I18n;

/** Seconds as a clock "MM:SS.s" (tenths truncated, never rounded up); negative or NaN as 00:00.0.
 */
[[nodiscard]] std::string formatClock(double seconds);

/** Points with at most one decimal, without a trailing ".0": 5 -> "5", 2.5 -> "2.5". */
[[nodiscard]] std::string formatPoints(double points);

/**
 * A measured value as a trainee reads it, with `precision` decimals in the display unit: angles
 * (SI rad) in degrees "3.0°", lengths "2.45 m", speeds "0.20 m/s", masses "150 kg", forces
 * "1471 N", times "12.5 s"; a unitless value as the bare number. NaN and infinities read "—".
 */
[[nodiscard]] std::string formatQuantity(double value, sim::Unit unit, int precision);

/**
 * formatQuantity with the unit in the words of `text`'s language: the table's `[unit]` entry
 * (the same the deduction templates use: zh-CN "2.45 米", "12.5 秒", "0.20 米/秒"; en "2.45 m"),
 * the SI symbol where the table has none. The number is formatted as by formatQuantity.
 */
[[nodiscard]] std::string formatQuantity(double value, sim::Unit unit, int precision,
                                         const I18n& text);

} // namespace skillsim::ui
