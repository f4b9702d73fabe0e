// The results store's exam stations and exam sessions (schema 3, docs/results-store.md "Exam
// stations and sessions"): the same statements on SQLite and PostgreSQL.

#include "SqlResultsStore.h"

#include <sodium.h>

#include <array>

namespace skillsim::records {
namespace {

SqlValue text(std::string s) { return SqlValue(std::in_place_type<std::string>, std::move(s)); }

std::optional<std::int64_t> optionalInt(const SqlValue& v) {
  if (std::holds_alternative<std::nullptr_t>(v)) {
    return std::nullopt;
  }
  return sqlInt(v);
}

ExamStation stationFromRow(const SqlRow& row) {
  ExamStation s;
  s.id = sqlInt(row[0]);
  s.name = sqlText(row[1]);
  s.publicKey = parsePublicKey(sqlText(row[2])).value_or(PublicKey{});
  s.registeredBy = sqlText(row[3]);
  s.registeredUtc = sqlInt(row[4]);
  s.revokedBy = sqlText(row[5]);
  s.revokedUtc = optionalInt(row[6]);
  return s;
}

ExamSession sessionFromRow(const SqlRow& row) {
  return {sqlText(row[0]), sqlText(row[1]), sqlInt(row[2]), optionalInt(row[3])};
}

constexpr std::string_view kStationColumns =
    "SELECT id, name, public_key, registered_by, registered_unix, revoked_by, revoked_unix "
    "FROM exam_stations";
constexpr std::string_view kSessionColumns =
    "SELECT id, invigilator_id, opened_unix, closed_unix FROM exam_sessions";

bool blank(const std::string& s) { return s.find_first_not_of(" \t") == std::string::npos; }

/** "ES-" and 8 random hex digits: unique enough for a centre, short enough to type. */
std::string newSessionId() {
  std::array<std::uint8_t, 4> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string id = "ES-";
  for (const std::uint8_t b : bytes) {
    id += kDigits[b >> 4];
    id += kDigits[b & 0xF];
  }
  return id;
}

} // namespace

core::Expected<void> SqlResultsStore::needsExamTables() const {
  if (mVersion < 3) {
    return core::makeError(core::ErrorCode::Unsupported,
                           "this results store is at schema version " + std::to_string(mVersion) +
                               "; exam stations and sessions need version 3 (open it with this "
                               "build to migrate it)");
  }
  return {};
}

core::Expected<void> SqlResultsStore::beginExamWrite() {
  if (auto ok = needsExamTables(); !ok) {
    return ok;
  }
  if (auto b = mDb->beginWrite(); !b) {
    return b;
  }
  if (mDb->backend() == "postgresql") {
    // Two desks registering at once must not both take the next station id.
    if (auto l = mDb->query("SELECT pg_advisory_xact_lock(727274652)"); !l) {
      rollback();
      return std::move(l).error();
    }
  }
  return {};
}

core::Expected<ExamStation> SqlResultsStore::registerStation(const PublicKey& key,
                                                             const std::string& name,
                                                             const std::string& by,
                                                             std::int64_t nowUtc) {
  if (blank(name) || blank(by)) {
    return core::makeError(
        core::ErrorCode::InvalidInput,
        std::string("an exam station needs ") +
            (blank(name) ? "a name (--name)" : "the person registering it (--by)"));
  }
  if (auto b = beginExamWrite(); !b) {
    return std::move(b).error();
  }
  auto fail = [&](core::Error e) -> core::Expected<ExamStation> {
    rollback();
    return e;
  };
  const std::string hex = publicKeyHex(key);
  const std::array<SqlValue, 1> keyParam = {text(hex)};
  auto existing = mDb->query(
      std::string(kStationColumns) + " WHERE public_key = $1 AND revoked_unix IS NULL", keyParam);
  if (!existing) {
    return fail(std::move(existing).error());
  }
  if (!existing->empty()) {
    const ExamStation s = stationFromRow(existing->front());
    return fail(core::makeError(core::ErrorCode::InvalidInput,
                                "key " + keyId(key) + " is already registered as station " +
                                    std::to_string(s.id) + " '" + s.name + "' (by " +
                                    s.registeredBy + " at " + formatUtc(s.registeredUtc) +
                                    "); revoke it first to register it again"));
  }
  auto next = mDb->query("SELECT COALESCE(MAX(id), 0) + 1 FROM exam_stations");
  if (!next) {
    return fail(std::move(next).error());
  }
  ExamStation s{sqlInt(next->front()[0]), name, key, by, nowUtc, "", std::nullopt};
  const std::array<SqlValue, 5> p = {s.id, text(name), text(hex), text(by), std::int64_t{nowUtc}};
  if (auto q = mDb->query("INSERT INTO exam_stations (id, name, public_key, registered_by, "
                          "registered_unix) VALUES ($1, $2, $3, $4, $5)",
                          p);
      !q) {
    return fail(std::move(q).error());
  }
  if (auto c = mDb->execute("COMMIT"); !c) {
    return fail(std::move(c).error());
  }
  return s;
}

core::Expected<std::vector<ExamStation>> SqlResultsStore::stations() {
  if (auto ok = needsExamTables(); !ok) {
    return std::move(ok).error();
  }
  auto rows = mDb->query(std::string(kStationColumns) + " ORDER BY id");
  if (!rows) {
    return std::move(rows).error();
  }
  std::vector<ExamStation> out;
  for (const SqlRow& row : *rows) {
    out.push_back(stationFromRow(row));
  }
  return out;
}

core::Expected<ExamStation> SqlResultsStore::revokeStation(std::int64_t id, const std::string& by,
                                                           std::int64_t nowUtc) {
  if (blank(by)) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           "revoking a station needs the person doing it (--by)");
  }
  if (auto b = beginExamWrite(); !b) {
    return std::move(b).error();
  }
  auto fail = [&](core::Error e) -> core::Expected<ExamStation> {
    rollback();
    return e;
  };
  const std::array<SqlValue, 1> idParam = {id};
  auto rows = mDb->query(std::string(kStationColumns) + " WHERE id = $1", idParam);
  if (!rows) {
    return fail(std::move(rows).error());
  }
  if (rows->empty()) {
    return fail(core::makeError(core::ErrorCode::NotFound,
                                "no exam station " + std::to_string(id) +
                                    " in this store ('skillsim station list' shows them)"));
  }
  ExamStation s = stationFromRow(rows->front());
  if (s.revokedUtc) {
    return fail(core::makeError(core::ErrorCode::InvalidInput,
                                "station " + std::to_string(id) + " '" + s.name +
                                    "' was already revoked by " + s.revokedBy + " at " +
                                    formatUtc(*s.revokedUtc)));
  }
  const std::array<SqlValue, 3> p = {text(by), std::int64_t{nowUtc}, id};
  if (auto q = mDb->query(
          "UPDATE exam_stations SET revoked_by = $1, revoked_unix = $2 WHERE id = $3", p);
      !q) {
    return fail(std::move(q).error());
  }
  if (auto c = mDb->execute("COMMIT"); !c) {
    return fail(std::move(c).error());
  }
  s.revokedBy = by;
  s.revokedUtc = nowUtc;
  return s;
}

core::Expected<ExamSession> SqlResultsStore::openSession(const std::string& invigilatorId,
                                                         std::int64_t nowUtc) {
  if (blank(invigilatorId)) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           "an exam session needs its invigilator's id (--invigilator)");
  }
  if (auto b = beginExamWrite(); !b) {
    return std::move(b).error();
  }
  ExamSession s{newSessionId(), invigilatorId, nowUtc, std::nullopt};
  const std::array<SqlValue, 3> p = {text(s.id), text(invigilatorId), std::int64_t{nowUtc}};
  if (auto q = mDb->query(
          "INSERT INTO exam_sessions (id, invigilator_id, opened_unix) VALUES ($1, $2, $3)", p);
      !q) {
    rollback();
    return std::move(q).error();
  }
  if (auto c = mDb->execute("COMMIT"); !c) {
    rollback();
    return std::move(c).error();
  }
  return s;
}

core::Expected<ExamSession> SqlResultsStore::closeSession(const std::string& id,
                                                          std::int64_t nowUtc) {
  if (auto b = beginExamWrite(); !b) {
    return std::move(b).error();
  }
  auto fail = [&](core::Error e) -> core::Expected<ExamSession> {
    rollback();
    return e;
  };
  const std::array<SqlValue, 1> idParam = {text(id)};
  auto rows = mDb->query(std::string(kSessionColumns) + " WHERE id = $1", idParam);
  if (!rows) {
    return fail(std::move(rows).error());
  }
  if (rows->empty()) {
    return fail(
        core::makeError(core::ErrorCode::NotFound, "no exam session '" + id + "' in this store"));
  }
  ExamSession s = sessionFromRow(rows->front());
  if (s.closedUtc) {
    return fail(core::makeError(core::ErrorCode::InvalidInput, "exam session " + id +
                                                                   " was already closed at " +
                                                                   formatUtc(*s.closedUtc)));
  }
  const std::array<SqlValue, 2> p = {std::int64_t{nowUtc}, text(id)};
  if (auto q = mDb->query("UPDATE exam_sessions SET closed_unix = $1 WHERE id = $2", p); !q) {
    return fail(std::move(q).error());
  }
  if (auto c = mDb->execute("COMMIT"); !c) {
    return fail(std::move(c).error());
  }
  s.closedUtc = nowUtc;
  return s;
}

core::Expected<std::vector<ExamSession>> SqlResultsStore::sessions() {
  if (auto ok = needsExamTables(); !ok) {
    return std::move(ok).error();
  }
  auto rows = mDb->query(std::string(kSessionColumns) + " ORDER BY opened_unix, id");
  if (!rows) {
    return std::move(rows).error();
  }
  std::vector<ExamSession> out;
  for (const SqlRow& row : *rows) {
    out.push_back(sessionFromRow(row));
  }
  return out;
}

} // namespace skillsim::records
