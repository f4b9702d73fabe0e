#include "SqliteConnection.h"

#include <sqlite3.h>

#include <filesystem>

namespace skillsim::records {
namespace {

/** Codes that mean "not now" rather than "broken": the attempt is queued and retried. */
bool transient(int code) {
  switch (code & 0xFF) {
  case SQLITE_BUSY:
  case SQLITE_LOCKED:
  case SQLITE_READONLY:
  case SQLITE_CANTOPEN:
  case SQLITE_FULL:
  case SQLITE_IOERR:
  case SQLITE_PERM: return true;
  default: return false;
  }
}

std::string rewritePlaceholders(std::string_view sql) {
  std::string out(sql);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '$' && i + 1 < out.size() &&
        std::isdigit(static_cast<unsigned char>(out[i + 1]))) {
      out[i] = '?';
    }
  }
  return out;
}

} // namespace

core::Error SqliteConnection::error(int code, const std::string& what) const {
  const char* detail = mDb != nullptr ? sqlite3_errmsg(mDb) : sqlite3_errstr(code);
  return core::makeError(transient(code) ? core::ErrorCode::Unavailable : core::ErrorCode::Io,
                         "results store (sqlite): " + what + ": " + detail,
                         core::SourceLocation{.file = mLocation});
}

core::Expected<std::unique_ptr<SqliteConnection>>
SqliteConnection::open(const std::string& location, const StoreOptions& options) {
  std::unique_ptr<SqliteConnection> c(new SqliteConnection());
  c->mLocation = location;
  if (location.rfind("file:", 0) != 0) {
    const std::filesystem::path parent = std::filesystem::path(location).parent_path();
    std::error_code ec;
    if (!parent.empty()) {
      std::filesystem::create_directories(parent, ec);
    }
  }
  const int flags =
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(location.c_str(), &c->mDb, flags, nullptr);
  if (rc != SQLITE_OK) {
    auto e = c->error(rc, "cannot open the database");
    e.code = core::ErrorCode::Unavailable;
    return e;
  }
  sqlite3_extended_result_codes(c->mDb, 1);
  sqlite3_busy_timeout(c->mDb, options.lockTimeoutMs);
  if (auto e = c->execute("PRAGMA foreign_keys = ON"); !e) {
    return std::move(e).error();
  }
  // WAL: readers never block the writer, and a crash never corrupts committed attempts.
  auto mode = c->query("PRAGMA journal_mode = WAL", {});
  if (!mode) {
    return std::move(mode).error();
  }
  if (auto e = c->execute("PRAGMA synchronous = FULL"); !e) {
    return std::move(e).error();
  }
  return c;
}

SqliteConnection::~SqliteConnection() {
  if (mDb != nullptr) {
    sqlite3_close_v2(mDb);
  }
}

core::Expected<void> SqliteConnection::execute(std::string_view sql) {
  char* message = nullptr;
  const std::string text(sql);
  const int rc = sqlite3_exec(mDb, text.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    sqlite3_free(message);
    return error(rc, "cannot run '" + text.substr(0, 60) + "'");
  }
  return {};
}

core::Expected<void> SqliteConnection::beginWrite() { return execute("BEGIN IMMEDIATE"); }

core::Expected<std::vector<SqlRow>> SqliteConnection::query(std::string_view sql,
                                                            std::span<const SqlValue> params) {
  const std::string text = rewritePlaceholders(sql);
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(mDb, text.c_str(), static_cast<int>(text.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    return error(rc, "cannot prepare '" + text.substr(0, 60) + "'");
  }
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(stmt, sqlite3_finalize);
  for (std::size_t i = 0; i < params.size(); ++i) {
    const int index = static_cast<int>(i + 1);
    const SqlValue& p = params[i];
    if (std::holds_alternative<std::nullptr_t>(p)) {
      rc = sqlite3_bind_null(stmt, index);
    } else if (const auto* n = std::get_if<std::int64_t>(&p)) {
      rc = sqlite3_bind_int64(stmt, index, *n);
    } else if (const auto* d = std::get_if<double>(&p)) {
      rc = sqlite3_bind_double(stmt, index, *d);
    } else if (const auto* b = std::get_if<SqlBytes>(&p)) {
      rc = sqlite3_bind_blob64(stmt, index, b->bytes.data(), b->bytes.size(), SQLITE_TRANSIENT);
    } else {
      const std::string& s = std::get<std::string>(p);
      rc = sqlite3_bind_text(stmt, index, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    }
    if (rc != SQLITE_OK) {
      return error(rc, "cannot bind parameter " + std::to_string(index));
    }
  }
  std::vector<SqlRow> rows;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    const int n = sqlite3_column_count(stmt);
    SqlRow row;
    row.reserve(static_cast<std::size_t>(n));
    for (int c = 0; c < n; ++c) {
      switch (sqlite3_column_type(stmt, c)) {
      case SQLITE_NULL: row.emplace_back(nullptr); break;
      case SQLITE_INTEGER: row.emplace_back(std::int64_t{sqlite3_column_int64(stmt, c)}); break;
      case SQLITE_FLOAT: row.emplace_back(sqlite3_column_double(stmt, c)); break;
      case SQLITE_BLOB: {
        const auto* b = static_cast<const char*>(sqlite3_column_blob(stmt, c));
        const auto n = static_cast<std::size_t>(sqlite3_column_bytes(stmt, c));
        row.emplace_back(SqlBytes{b != nullptr ? std::string(b, n) : std::string()});
        break;
      }
      default: {
        const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
        row.emplace_back(std::string(t, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))));
      }
      }
    }
    rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) {
    return error(rc, "cannot run '" + text.substr(0, 60) + "'");
  }
  mChanges = sqlite3_changes64(mDb);
  return rows;
}

} // namespace skillsim::records
