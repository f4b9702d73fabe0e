#pragma once

#include "skillsim/records/AttemptRecord.h"
#include "skillsim/records/TraceHeader.h"

#include <skillsim/core/Expected.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::records {

/** The schema version this build writes (docs/results-store.md lists each migration). */
inline constexpr int kStoreSchemaVersion = 6;

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
