#include "skillsim/certify/CertificateDecisionStore.h"

#include <skillsim/export/DerivedUuid.h>
#include <skillsim/records/SqlConnection.h>

#include <array>
#include <cstdio>

namespace skillsim::certify {

using records::SqlConnection;
using records::sqlDouble;
using records::sqlInt;
using records::SqlRow;
using records::sqlText;
using records::SqlValue;

namespace {
constexpr int kDecisionSchemaVersion = 1;

constexpr std::array<std::string_view, 3> kCreate = {
    R"(CREATE TABLE IF NOT EXISTS certificate_decisions_schema (
         version INTEGER PRIMARY KEY))",
    R"(CREATE TABLE IF NOT EXISTS certificate_decisions (
         id TEXT PRIMARY KEY,
         certificate_id TEXT NOT NULL,
         level TEXT NOT NULL,
         trainee_id TEXT NOT NULL,
         decided_on TEXT NOT NULL,
         outcome TEXT NOT NULL CHECK (outcome IN ('awarded', 'not awarded',
                                                  'pending panel review')),
         weighted_percent DOUBLE PRECISION,
         valid_until TEXT NOT NULL,
         counted_attempts TEXT NOT NULL,
         reasons TEXT NOT NULL))",
    R"(CREATE INDEX IF NOT EXISTS certificate_decisions_by_trainee
         ON certificate_decisions (trainee_id, decided_on))",
};

SqlValue text(std::string s) { return SqlValue(std::in_place_type<std::string>, std::move(s)); }

std::string joinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) {
    out += (out.empty() ? "" : "\n") + line;
  }
  return out;
}

std::vector<std::string> splitLines(const std::string& text, char separator) {
  std::vector<std::string> out;
  if (text.empty()) {
    return out;
  }
  std::size_t pos = 0;
  while (true) {
    std::size_t end = text.find(separator, pos);
    out.push_back(text.substr(pos, end == std::string::npos ? end : end - pos));
    if (end == std::string::npos) {
      break;
    }
    pos = end + 1;
  }
  return out;
}

} // namespace

class CertificateDecisionStore::Impl {
public:
  std::unique_ptr<SqlConnection> db;
};

CertificateDecisionStore::CertificateDecisionStore(std::unique_ptr<Impl> impl)
    : mImpl(std::move(impl)) {}

CertificateDecisionStore::~CertificateDecisionStore() = default;

core::Expected<std::unique_ptr<CertificateDecisionStore>>
CertificateDecisionStore::open(const std::string& location, const records::StoreOptions& options) {
  auto connection = records::openSqlConnection(location, options);
  if (!connection) {
    return std::move(connection).error();
  }
  auto impl = std::make_unique<Impl>();
  impl->db = std::move(*connection);
  SqlConnection& db = *impl->db;
  if (auto b = db.beginWrite(); !b) {
    return std::move(b).error();
  }
  auto fail = [&](core::Error e) -> core::Error {
    (void)db.execute("ROLLBACK");
    return e;
  };
  for (std::string_view sql : kCreate) {
    if (auto e = db.execute(sql); !e) {
      return fail(std::move(e).error());
    }
  }
  auto rows = db.query("SELECT COALESCE(MAX(version), 0) FROM certificate_decisions_schema");
  if (!rows) {
    return fail(std::move(rows).error());
  }
  std::int64_t version = rows->empty() ? 0 : sqlInt(rows->front().at(0));
  if (version > kDecisionSchemaVersion) {
    return fail(core::makeError(core::ErrorCode::Unsupported,
                                "the certificate_decisions table is at schema version " +
                                    std::to_string(version) + "; this build knows up to " +
                                    std::to_string(kDecisionSchemaVersion)));
  }
  if (version < kDecisionSchemaVersion) {
    std::array<SqlValue, 1> params{std::int64_t{kDecisionSchemaVersion}};
    if (auto r = db.query("INSERT INTO certificate_decisions_schema (version) VALUES ($1)", params);
        !r) {
      return fail(std::move(r).error());
    }
  }
  if (auto c = db.execute("COMMIT"); !c) {
    return fail(std::move(c).error());
  }
  return std::unique_ptr<CertificateDecisionStore>(new CertificateDecisionStore(std::move(impl)));
}

core::Expected<std::string> CertificateDecisionStore::record(const CertificateDecision& decision) {
  SqlConnection& db = *mImpl->db;
  const std::string date = decision.decidedOn.toString();
  const std::string id =
      exporting::derivedUuid("skillsim-decision\n" + decision.certificateId + "\n" +
                             decision.level + "\n" + decision.traineeId + "\n" + date);
  std::vector<std::string> counted;
  for (const AttemptConsideration& a : decision.attempts) {
    if (a.use == AttemptUse::Counted) {
      counted.push_back(a.attemptId);
    }
  }
  std::string countedText;
  for (const std::string& a : counted) {
    countedText += (countedText.empty() ? "" : ",") + a;
  }
  std::array<SqlValue, 10> params{
      text(id),
      text(decision.certificateId),
      text(decision.level),
      text(decision.traineeId),
      text(date),
      text(std::string(toString(decision.outcome))),
      decision.weightedPercent ? SqlValue(*decision.weightedPercent) : SqlValue(nullptr),
      text(decision.validUntil ? decision.validUntil->toString() : std::string()),
      text(countedText),
      text(joinLines(decision.reasons))};
  if (auto b = db.beginWrite(); !b) {
    return std::move(b).error();
  }
  auto r = db.query(
      R"(INSERT INTO certificate_decisions (id, certificate_id, level, trainee_id, decided_on,
           outcome, weighted_percent, valid_until, counted_attempts, reasons)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (id) DO UPDATE SET outcome = excluded.outcome,
           weighted_percent = excluded.weighted_percent, valid_until = excluded.valid_until,
           counted_attempts = excluded.counted_attempts, reasons = excluded.reasons)",
      params);
  if (!r) {
    (void)db.execute("ROLLBACK");
    return std::move(r).error();
  }
  if (auto c = db.execute("COMMIT"); !c) {
    (void)db.execute("ROLLBACK");
    return std::move(c).error();
  }
  return id;
}

core::Expected<std::vector<StoredCertificateDecision>>
CertificateDecisionStore::decisions(const std::string& traineeId) {
  std::array<SqlValue, 1> params{text(traineeId)};
  auto rows = mImpl->db->query(
      R"(SELECT id, certificate_id, level, trainee_id, decided_on, outcome, weighted_percent,
                valid_until, counted_attempts, reasons
         FROM certificate_decisions WHERE trainee_id = $1
         ORDER BY decided_on, certificate_id, level)",
      params);
  if (!rows) {
    return std::move(rows).error();
  }
  std::vector<StoredCertificateDecision> out;
  for (const SqlRow& row : *rows) {
    StoredCertificateDecision d;
    d.decisionId = sqlText(row.at(0));
    d.certificateId = sqlText(row.at(1));
    d.level = sqlText(row.at(2));
    d.traineeId = sqlText(row.at(3));
    d.decidedOn = sqlText(row.at(4));
    d.outcome = sqlText(row.at(5));
    if (!std::holds_alternative<std::nullptr_t>(row.at(6))) {
      d.weightedPercent = sqlDouble(row.at(6));
    }
    d.validUntil = sqlText(row.at(7));
    d.countedAttempts = splitLines(sqlText(row.at(8)), ',');
    d.reasons = splitLines(sqlText(row.at(9)), '\n');
    out.push_back(std::move(d));
  }
  return out;
}

} // namespace skillsim::certify
