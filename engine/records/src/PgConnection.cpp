#include "PgConnection.h"

#include <libpq-fe.h>

#include <array>
#include <cstdio>

namespace skillsim::records {
namespace {

/** The type oid of bytea (pg_type.dat), whose text form is escaped and is read back unescaped. */
constexpr Oid kByteaOid = 17;

void ignoreNotice(void*, const char*) {} // "relation already exists, skipping" and the like

/** SQLSTATE classes that mean "not now": the attempt is queued and written later. */
bool transientState(const char* state) {
  if (state == nullptr) {
    return true; // no server answer at all: the connection is gone
  }
  const std::string s(state);
  return s.rfind("08", 0) == 0 ||      // connection exception
         s.rfind("53", 0) == 0 ||      // insufficient resources (disk full, too many connections)
         s.rfind("57P", 0) == 0 ||     // operator intervention (shutdown, cannot connect now)
         s == "55P03" ||               // lock_not_available (lock_timeout)
         s == "55006" ||               // object_in_use
         s == "25006" ||               // read_only_sql_transaction
         s == "40001" || s == "40P01"; // serialization failure, deadlock
}

std::string trimmed(const char* text) {
  std::string s = text != nullptr ? text : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) {
    s.pop_back();
  }
  return s;
}

} // namespace

std::string redactPassword(const std::string& url) {
  // postgresql://user:password@host... -> postgresql://user:***@host...
  const auto scheme = url.find("://");
  const auto at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos || at < scheme) {
    return url;
  }
  const auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) {
    return url;
  }
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

core::Expected<std::unique_ptr<PgConnection>> PgConnection::open(const std::string& url,
                                                                 const StoreOptions& options) {
  std::unique_ptr<PgConnection> c(new PgConnection());
  c->mShownUrl = redactPassword(url);
  // Keywords before "dbname" are defaults that the URL's own parameters override.
  const std::string timeout = std::to_string(options.connectTimeoutS);
  const std::array<const char*, 4> keys = {"connect_timeout", "application_name", "dbname",
                                           nullptr};
  const std::array<const char*, 4> values = {timeout.c_str(), "skillsim", url.c_str(), nullptr};
  c->mConn = PQconnectdbParams(keys.data(), values.data(), 1);
  if (c->mConn == nullptr || PQstatus(c->mConn) != CONNECTION_OK) {
    return core::makeError(core::ErrorCode::Unavailable,
                           "results store (postgresql) at " + c->mShownUrl +
                               " cannot be reached: " +
                               trimmed(c->mConn ? PQerrorMessage(c->mConn) : "out of memory"));
  }
  PQsetNoticeProcessor(c->mConn, ignoreNotice, nullptr);
  const std::string settings = "SET lock_timeout = " + std::to_string(options.lockTimeoutMs) +
                               "; SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'";
  if (auto e = c->execute(settings); !e) {
    return std::move(e).error();
  }
  return c;
}

PgConnection::~PgConnection() {
  if (mConn != nullptr) {
    PQfinish(mConn);
  }
}

core::Expected<void> PgConnection::execute(std::string_view sql) {
  auto rows = query(sql, {});
  if (!rows) {
    return std::move(rows).error();
  }
  return {};
}

core::Expected<std::vector<SqlRow>> PgConnection::query(std::string_view sql,
                                                        std::span<const SqlValue> params) {
  std::vector<std::string> text(params.size());
  std::vector<const char*> values(params.size(), nullptr);
  std::vector<int> lengths(params.size(), 0);
  std::vector<int> formats(params.size(), 0); // 0 text, 1 binary (bytea)
  for (std::size_t i = 0; i < params.size(); ++i) {
    const SqlValue& p = params[i];
    if (std::holds_alternative<std::nullptr_t>(p)) {
      continue;
    }
    if (const auto* n = std::get_if<std::int64_t>(&p)) {
      text[i] = std::to_string(*n);
    } else if (const auto* d = std::get_if<double>(&p)) {
      std::array<char, 40> buffer{};
      std::snprintf(buffer.data(), buffer.size(), "%.17g", *d); // round-trips exactly
      text[i] = buffer.data();
    } else if (const auto* b = std::get_if<SqlBytes>(&p)) {
      text[i] = b->bytes;
      formats[i] = 1;
    } else {
      text[i] = std::get<std::string>(p);
    }
    values[i] = text[i].c_str();
    lengths[i] = static_cast<int>(text[i].size());
  }
  const std::string statement(sql);
  PGresult* result = params.empty()
                         ? PQexec(mConn, statement.c_str())
                         : PQexecParams(mConn, statement.c_str(), static_cast<int>(params.size()),
                                        nullptr, values.data(), lengths.data(), formats.data(), 0);
  std::unique_ptr<PGresult, void (*)(PGresult*)> guard(result, PQclear);
  const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const bool gone = PQstatus(mConn) != CONNECTION_OK;
    const std::string detail =
        trimmed(result ? PQresultErrorMessage(result) : PQerrorMessage(mConn));
    return core::makeError(gone || transientState(state) ? core::ErrorCode::Unavailable
                                                         : core::ErrorCode::Io,
                           "results store (postgresql) at " + mShownUrl + ": " + detail +
                               (state ? std::string(" (SQLSTATE ") + state + ")" : ""));
  }
  const char* tuples = PQcmdTuples(result);
  mChanges = (tuples != nullptr && tuples[0] != '\0') ? std::strtoll(tuples, nullptr, 10) : 0;
  std::vector<SqlRow> rows;
  const int n = PQntuples(result);
  const int columns = PQnfields(result);
  rows.reserve(static_cast<std::size_t>(n));
  for (int r = 0; r < n; ++r) {
    SqlRow row;
    row.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      if (PQgetisnull(result, r, c)) {
        row.emplace_back(nullptr);
      } else if (PQftype(result, c) == kByteaOid) {
        std::size_t length = 0;
        unsigned char* raw = PQunescapeBytea(
            reinterpret_cast<const unsigned char*>(PQgetvalue(result, r, c)), &length);
        if (raw == nullptr) {
          return core::makeError(core::ErrorCode::Io, "results store (postgresql) at " + mShownUrl +
                                                          ": out of memory reading a bytea value");
        }
        row.emplace_back(SqlBytes{std::string(reinterpret_cast<const char*>(raw), length)});
        PQfreemem(raw);
      } else {
        row.emplace_back(std::string(PQgetvalue(result, r, c),
                                     static_cast<std::size_t>(PQgetlength(result, r, c))));
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

} // namespace skillsim::records
