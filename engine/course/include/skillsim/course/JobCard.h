#pragma once

#include "skillsim/course/Course.h"

#include <skillsim/core/Expected.h>
#include <skillsim/records/TraceHeader.h>
#include <skillsim/records/WorkstationKey.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::course {

/** The `format` value of a job card file (docs/course-format.md, "Job cards"). */
inline constexpr std::string_view kJobCardFormat = "skillsim.jobcard/1";

/** File name of an enterprise mentor's own signing key in their key folder. */
inline constexpr const char* kMentorKeyFileName = "mentor.key";

/** One item of the mentor's rubric on a job card: ticked (done) and rated 0..max_rating. */
struct JobCardItem {
  std::string id; ///< A mentor rubric item of the course (RubricItem::id).
  bool ticked = false;
  int rating = 0; ///< 0..10; an unticked item counts 0 whatever its rating.

  friend bool operator==(const JobCardItem&, const JobCardItem&) = default;
};

/**
 * A workplace job card (工作任务单): the learning task done on a real machine in a company's
 * workshop, checked by the enterprise mentor (企业师傅).
 */
struct JobCard {
  std::string course;       ///< Course id.
  std::string learningTask; ///< Learning task id.
  std::string trainee;      ///< Trainee id, as the results store has it.
  std::string company;
  std::string workshop;
  std::string machine;            ///< The real machine, as the company names it (model, number).
  std::string date;               ///< The day the job was done, YYYY-MM-DD.
  std::string mentorName;         ///< The mentor's name as written on the card.
  std::string mentorId;           ///< The mentor's id in the company (staff or certificate number).
  std::vector<JobCardItem> items; ///< In the course's mentor rubric order.
  std::string remarks;            ///< The mentor's remarks; may be empty.

  friend bool operator==(const JobCard&, const JobCard&) = default;
};

/** The mentor's signature over a card's canonical bytes (jobCardSignedBytes). */
struct JobCardSignature {
  records::PublicKey publicKey{}; ///< The mentor's own Ed25519 key.
  std::int64_t signedUtc = 0;     ///< When it was signed, s since 1970-01-01T00:00:00Z.
  records::Signature signature{};

  friend bool operator==(const JobCardSignature&, const JobCardSignature&) = default;
};

/** A job card as its file holds it. */
struct JobCardFile {
  JobCard card;
  std::optional<JobCardSignature> signature; ///< nullopt: not signed yet.

  friend bool operator==(const JobCardFile&, const JobCardFile&) = default;
};

/**
 * The bytes a mentor signs: the format, every field of `card` and the signature's key and time,
 * each length-prefixed (`name=<byte count>:<value>\n`), so that changing, moving or adding any
 * byte of any field changes them. Comments and layout of the file are not signed.
 */
[[nodiscard]] std::string jobCardSignedBytes(const JobCard& card, const records::PublicKey& key,
                                             std::int64_t signedUtc);

/** Signs `card` with the mentor's key at `nowUtc` (Ed25519, libsodium through records). */
[[nodiscard]] JobCardSignature signJobCard(const JobCard& card, const records::WorkstationKey& key,
                                           std::int64_t nowUtc);

/** What a job card's signature says. */
enum class JobCardStatus : std::uint8_t {
  Signed,       ///< Signed by the key it names and unchanged since.
  Unsigned,     ///< No signature: never counts.
  Altered,      ///< The signature does not match the card: changed after signing; never counts.
  UntrustedKey, ///< Validly signed, but by a key not among the trusted ones; never counts.
};

/** The verification of one card. */
struct JobCardVerification {
  JobCardStatus status = JobCardStatus::Unsigned;
  std::optional<records::PublicKey> signer; ///< The key the card names, when signed.
  /** True only for Signed: the only state in which the card counts in a score. */
  [[nodiscard]] bool counts() const { return status == JobCardStatus::Signed; }
};

/**
 * Verifies a card's signature. When `trustedKeys` is not empty, a valid signature by a key not
 * in it is UntrustedKey (a mentor's key must be known to the school to count).
 */
[[nodiscard]] JobCardVerification
verifyJobCard(const JobCardFile& file, const std::vector<records::PublicKey>& trustedKeys = {});

/**
 * Parses a job card file (TOML, docs/course-format.md). Errors: InvalidInput at file:line:column
 * with the field for a TOML syntax error (a truncated file), an unknown or missing key, an empty
 * required text, a date that is not a real YYYY-MM-DD, a rating outside 0..10, an item listed
 * twice, a public key or signature that is not hex of the right length.
 */
[[nodiscard]] core::Expected<JobCardFile> parseJobCard(std::string_view text,
                                                       const std::string& file);

/** Reads and parses a job card file; NotFound / Io when it cannot be read. */
[[nodiscard]] core::Expected<JobCardFile> loadJobCard(const std::filesystem::path& path);

/** The file text of a card: TOML that parseJobCard reads back to the same JobCardFile. */
[[nodiscard]] std::string jobCardToToml(const JobCardFile& file);

/**
 * Checks a card against its course: the course id matches, the learning task exists and its
 * items are exactly the course's mentor rubric items with ratings within their max_rating.
 * Errors: InvalidInput naming the card's file and the field.
 */
[[nodiscard]] core::Expected<void>
checkJobCardAgainstCourse(const JobCard& card, const Course& course, const std::string& file);

/**
 * The mentor part of a learning task's score (TaskScore.h) from a card: 100 * sum of the ticked
 * items' ratings / sum of max_rating over the course's mentor rubric. nullopt unless the card
 * counts (verification Signed) and fits the course (checkJobCardAgainstCourse).
 */
[[nodiscard]] std::optional<double> mentorPercent(const JobCardFile& file,
                                                  const JobCardVerification& verification,
                                                  const Course& course);

} // namespace skillsim::course
