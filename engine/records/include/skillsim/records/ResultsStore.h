#pragma once

#include "skillsim/records/AttemptRecord.h"
#include "skillsim/records/TraceHeader.h"

#include <skillsim/core/Expected.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace skillsim::records {

/** The schema version this build writes (docs/results-store.md lists each migration). */
inline constexpr int kStoreSchemaVersion = 8;

/** How a store is opened. */
struct StoreOptions {
  /**
   * Migrate the schema up to this version (1..kStoreSchemaVersion). Only tests and tools that
   * check migrations set it below the latest.
   */
  int schemaVersion = kStoreSchemaVersion;
  /**
   * How long a write waits for a lock held by someone else before the store counts as
   * unavailable (SQLite busy timeout; PostgreSQL lock_timeout), in milliseconds.
   */
  int lockTimeoutMs = 5000;
  /** PostgreSQL only: seconds to wait for the server to answer a connection (connect_timeout). */
  int connectTimeoutS = 5;
};

/** Which attempts to read back; an empty field matches everything. */
struct AttemptQuery {
  std::string traineeId;
  std::string scenarioId;
  std::string attemptId; ///< One attempt by its id.
};

/**
 * An attempt claimed for verification by one worker (schema 6; docs/evaluation-centre.md): the
 * claim holds until `leaseUntilUnix`; after that another worker may claim it again.
 */
struct VerificationClaim {
  std::string attemptId;
  std::int64_t ordinal = 0;    ///< 1 for the attempt's first claim, 2 for the next, ….
  double leaseUntilUnix = 0.0; ///< End of the lease, s since 1970 (the database server's clock).
};

/**
 * The one verdict on a stored attempt (table `verifications`, schema 6): written once, by the
 * worker holding the attempt's latest claim.
 */
struct VerificationVerdict {
  std::string attemptId;
  bool verified = false; ///< Re-simulated bit-exact and the stored record agrees with the trace.
  std::string status;    ///< "OK", "MISMATCH", "INVALID", … (records::toString(VerifyStatus)).
  std::string detail;    ///< One line for a person, English evidence text.
  std::string workerId;  ///< Who verified it, e.g. "host-a:4711".
  std::string buildId;   ///< core::buildId() of the verifying build.
  std::string engineVersion;     ///< core::engineVersion() of the verifying build.
  std::int64_t claimOrdinal = 0; ///< The claim (VerificationClaim::ordinal) it was written under.
  double verifiedUnix = 0.0;     ///< When, s since 1970 (database server's clock); set on write.
};

/** Where verification stands (schema 6): attempts with a stored trace and no verdict yet. */
struct VerificationBacklog {
  std::int64_t unverified = 0;   ///< With a trace, without a verdict (claimed or not).
  std::int64_t leased = 0;       ///< Of those, claimed under a lease that has not expired.
  std::int64_t withoutTrace = 0; ///< Attempts with no stored trace: no worker can verify them.
  std::int64_t verdicts = 0;     ///< Verdict rows.
};

/**
 * An exam station registered with the centre (table `exam_stations`, schema 3): a workstation
 * whose Ed25519 key may sign countable exam attempts. Revoking keeps the row (history): the
 * station stays listed with who revoked it and when.
 */
struct ExamStation {
  std::int64_t id = 0;      ///< 1, 2, … in registration order; `station revoke ID`.
  std::string name;         ///< e.g. "bay 3 left"; free text.
  PublicKey publicKey{};    ///< The station's workstation key (workstation.key's public half).
  std::string registeredBy; ///< Who registered it (a person's id).
  std::int64_t registeredUtc = 0;         ///< When, s since 1970-01-01T00:00:00Z.
  std::string revokedBy;                  ///< Who revoked it; empty while it is in service.
  std::optional<std::int64_t> revokedUtc; ///< When it was revoked, s since 1970; nullopt: not.

  friend bool operator==(const ExamStation&, const ExamStation&) = default;
};

/**
 * An invigilated exam session (table `exam_sessions`, schema 3): opened by an invigilator, closed
 * when the room is done. Exam attempts taken while it is open carry it in their trace header
 * (ExamSessionRef); certify counts an attempt only when it started inside [opened, closed].
 */
struct ExamSession {
  std::string id;             ///< e.g. "ES-3f9a1c2b" (random), printed by `session open`.
  std::string invigilatorId;  ///< Who opened it.
  std::int64_t openedUtc = 0; ///< s since 1970-01-01T00:00:00Z.
  std::optional<std::int64_t> closedUtc; ///< nullopt while open.

  /** What a trace header records of it. */
  [[nodiscard]] ExamSessionRef ref() const { return {id, invigilatorId, openedUtc}; }
  friend bool operator==(const ExamSession&, const ExamSession&) = default;
};

/**
 * Where finished attempts are kept (DESIGN.md, results store): one interface, two backends with
 * the same schema and the same test suite — SQLite (the default, a file) and PostgreSQL (a
 * training centre's server, through libpq). Each attempt is written in one transaction with its
 * trainee, scenario, item results, deductions and vetoes. Not thread-safe: one store per thread.
 *
 * Errors: Unavailable when the store cannot be reached or written now (locked, read-only, server
 * down, disk full) — the caller keeps the attempt (AttemptRecorder queues it); Unsupported when
 * the store's schema is newer than this build; Integrity when an attempt id is already stored
 * with a different result; Io for anything else the database reports.
 */
class ResultsStore {
public:
  virtual ~ResultsStore() = default;

  /**
   * Opens (creating and migrating when needed) the store at `location`: a `postgresql://` or
   * `postgres://` URL (libpq connection URI) selects PostgreSQL; anything else is an SQLite file
   * path (parent directories are created) or an SQLite `file:` URI. SQLite runs in WAL mode.
   */
  [[nodiscard]] static core::Expected<std::unique_ptr<ResultsStore>>
  open(const std::string& location, const StoreOptions& options = {});

  /** True when `location` names a PostgreSQL server rather than an SQLite file. */
  [[nodiscard]] static bool isPostgresUrl(std::string_view location);

  /** "sqlite" or "postgresql". */
  [[nodiscard]] virtual std::string_view backend() const = 0;

  /** The schema version the store is at now (highest applied migration). */
  [[nodiscard]] virtual core::Expected<int> schemaVersion() = 0;

  /**
   * Writes one attempt in one transaction (trainee and scenario rows are added or updated as
   * needed). Returns true when written, false when an attempt with the same id and the same
   * result hash is already there (so retrying a queued attempt is harmless).
   */
  virtual core::Expected<bool> recordAttempt(const AttemptRecord& record) = 0;

  /** The stored attempts matching `query`, oldest first (by start, then id), with full results. */
  [[nodiscard]] virtual core::Expected<std::vector<AttemptRecord>>
  attempts(const AttemptQuery& query = {}) = 0;

  /**
   * The signed trace bytes stored with attempt `attemptId` (schema 6), or nullopt when the store
   * keeps none for it (recorded before schema 6, or with no trace). Errors: NotFound for an
   * unknown attempt (naming it).
   */
  [[nodiscard]] virtual core::Expected<std::optional<std::string>>
  attemptTrace(const std::string& attemptId) = 0;

  /**
   * Claims the oldest attempt that has a stored trace, no verdict and no live lease, for
   * `workerId`, for `leaseS` seconds of the database's clock; nullopt when there is none now.
   * PostgreSQL: SELECT … FOR UPDATE SKIP LOCKED, so workers on many machines never take the same
   * attempt; SQLite: the file's write lock (BEGIN IMMEDIATE), workers on one machine only.
   * Errors: Unsupported below schema 6; InvalidInput for an empty worker id or leaseS <= 0.
   */
  virtual core::Expected<std::optional<VerificationClaim>>
  claimVerification(const std::string& workerId, double leaseS) = 0;

  /**
   * Writes `verdict` (its verifiedUnix is set from the database clock) when its worker still
   * holds the attempt's latest claim (`claimOrdinal`) and the attempt has no verdict yet; returns
   * false otherwise (a late worker whose lease was taken over, or a second verdict). Errors:
   * Unsupported below schema 6.
   */
  virtual core::Expected<bool> recordVerdict(const VerificationVerdict& verdict) = 0;

  /** Every verdict, by attempt id. Empty below schema 6. */
  [[nodiscard]] virtual core::Expected<std::vector<VerificationVerdict>> verdicts() = 0;

  /** Every claim ever taken, as (attempt id, ordinal, worker id), by attempt id and ordinal. */
  [[nodiscard]] virtual core::Expected<
      std::vector<std::tuple<std::string, std::int64_t, std::string>>>
  verificationClaims() = 0;

  /** The counts of VerificationBacklog now. Errors: Unsupported below schema 6. */
  [[nodiscard]] virtual core::Expected<VerificationBacklog> verificationBacklog() = 0;

  /**
   * Writes one abandoned attempt (trainee and scenario rows added as needed). Returns true when
   * written, false when the same id with the same trace hash is already there. Errors: Integrity
   * when the id is stored with another trace hash, or is already a finished attempt; Unsupported
   * below schema 5; otherwise as recordAttempt.
   */
  virtual core::Expected<bool> recordAbandoned(const AbandonedAttempt& attempt) = 0;

  /** The stored abandoned attempts matching `query`, oldest first (by start, then id). */
  [[nodiscard]] virtual core::Expected<std::vector<AbandonedAttempt>>
  abandonedAttempts(const AttemptQuery& query = {}) = 0;

  /**
   * Registers an exam station's public key, by `by` at `nowUtc` (s since 1970). Errors:
   * InvalidInput for an empty name or person, or when the key is already registered and not
   * revoked (naming that station); Unsupported below schema 3.
   */
  virtual core::Expected<ExamStation> registerStation(const PublicKey& key, const std::string& name,
                                                      const std::string& by,
                                                      std::int64_t nowUtc) = 0;

  /** Every station ever registered, revoked ones included, by id. */
  [[nodiscard]] virtual core::Expected<std::vector<ExamStation>> stations() = 0;

  /**
   * Revokes station `id` by `by` at `nowUtc`; the row stays. Errors: NotFound for an unknown id;
   * InvalidInput when it is already revoked (saying by whom and when) or `by` is empty.
   */
  virtual core::Expected<ExamStation> revokeStation(std::int64_t id, const std::string& by,
                                                    std::int64_t nowUtc) = 0;

  /** Opens a new exam session by `invigilatorId` at `nowUtc`. Errors: InvalidInput for an empty id.
   */
  virtual core::Expected<ExamSession> openSession(const std::string& invigilatorId,
                                                  std::int64_t nowUtc) = 0;

  /**
   * Closes session `id` at `nowUtc`. Errors: NotFound for an unknown id; InvalidInput when it is
   * already closed (saying when).
   */
  virtual core::Expected<ExamSession> closeSession(const std::string& id, std::int64_t nowUtc) = 0;

  /** Every session, oldest first. */
  [[nodiscard]] virtual core::Expected<std::vector<ExamSession>> sessions() = 0;
};

} // namespace skillsim::records
