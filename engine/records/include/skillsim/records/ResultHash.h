#pragma once

#include <skillsim/assessment/AttemptResult.h>
#include <skillsim/core/Hash.h>

namespace skillsim::records {

/**
 * Canonical BLAKE2b-256 of an AttemptResult, field by field in declaration order with
 * core::Hasher: strings as (length, bytes), doubles by their IEEE-754 bits, integers and bools as
 * 64-bit little-endian, vectors as (count, elements). Equal results hash equal on every machine;
 * any change of any field (one deduction's tick, the sign of a zero) changes the hash.
 * docs/trace-format.md gives the exact order.
 */
[[nodiscard]] core::Digest resultHash(const assessment::AttemptResult& result);

} // namespace skillsim::records
