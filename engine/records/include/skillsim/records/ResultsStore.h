#pragma once

#include "skillsim/records/AttemptRecord.h"

#include <skillsim/core/Expected.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::records {

/** The schema version this build writes (docs/results-store.md lists each migration). */
inline constexpr int kStoreSchemaVersion = 3;

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
};

} // namespace skillsim::records
