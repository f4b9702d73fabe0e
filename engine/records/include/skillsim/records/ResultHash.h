#pragma once

#include <skillsim/assessment/AttemptResult.h>
#include <skillsim/core/Hash.h>

namespace skillsim::records {

/**
 * Canonical BLAKE2b-256 of an AttemptResult (format 2: skillsim-attempt-result-v2, covering each
 * deduction's and veto's finding, never a rendered text; a format 1 result hashes as v1 with
 * its legacy reasons), field by field in declaration order with
 * core::Hasher: strings as (length, bytes), doubles by their IEEE-754 bits, integers and bools as
 * 64-bit little-endian, vectors as (count, elements). Equal results hash equal on every machine;
 * any change of any field (one deduction's tick, the sign of a zero) changes the hash.
 * docs/trace-format.md gives the exact order.
 */
[[nodiscard]] core::Digest resultHash(const assessment::AttemptResult& result);

/**
 * The format 1 hash (skillsim-attempt-result-v1: each deduction's and veto's reason text where v2
 * has its finding) of `result`, taking the reason texts from `recorded`, a format 1 result read
 * from an old trace, by position. Re-simulating an old trace gives findings, not its texts; with
 * the recorded texts put back, the hash still covers every score, tick, time, position and
 * measured value, so an old trace verifies exactly when all of those agree (docs/trace-format.md).
 */
[[nodiscard]] core::Digest legacyResultHash(const assessment::AttemptResult& result,
                                            const assessment::AttemptResult& recorded);

} // namespace skillsim::records
