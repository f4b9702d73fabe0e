#include "skillsim/records/LiveSeats.h"

#include "skillsim/records/SqlConnection.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <utility>

namespace skillsim::records {
namespace {

SqlValue text(std::string s) { return SqlValue(std::in_place_type<std::string>, std::move(s)); }

core::Expected<void> needsPostgres(const std::string& location) {
  if (location.empty()) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           "live seats: no store location given (a postgresql:// URL)");
  }
  if (!ResultsStore::isPostgresUrl(location)) {
    return core::makeError(core::ErrorCode::Unsupported,
                           "live seats need a PostgreSQL store (a postgresql:// URL); " + location +
                               " is an SQLite file, which a classroom cannot share");
  }
  return {};
}

// The upsert of one seat's state; updated_unix is the server's clock (docs/classroom.md).
constexpr std::string_view kUpsert = R"(INSERT INTO live_seats (seat, trainee_id, scenario_id,
    mode, phase, paused, elapsed_s, tick, score, max_score, last_item_id, last_criterion_id,
    last_points, last_time_s, last_measured, readouts, plan_x, plan_z, area_centre_x,
    area_centre_z, area_extent, updated_unix)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
          $20, $21, EXTRACT(EPOCH FROM clock_timestamp()))
  ON CONFLICT (seat) DO UPDATE SET trainee_id = EXCLUDED.trainee_id,
    scenario_id = EXCLUDED.scenario_id, mode = EXCLUDED.mode, phase = EXCLUDED.phase,
    paused = EXCLUDED.paused, elapsed_s = EXCLUDED.elapsed_s, tick = EXCLUDED.tick,
    score = EXCLUDED.score, max_score = EXCLUDED.max_score, last_item_id = EXCLUDED.last_item_id,
    last_criterion_id = EXCLUDED.last_criterion_id, last_points = EXCLUDED.last_points,
    last_time_s = EXCLUDED.last_time_s, last_measured = EXCLUDED.last_measured,
    readouts = EXCLUDED.readouts, plan_x = EXCLUDED.plan_x, plan_z = EXCLUDED.plan_z,
    area_centre_x = EXCLUDED.area_centre_x, area_centre_z = EXCLUDED.area_centre_z,
    area_extent = EXCLUDED.area_extent, updated_unix = EXCLUDED.updated_unix)";

core::Expected<void> publishOnce(SqlConnection& db, const LiveSeatState& s) {
  const bool has = s.lastDeduction.has_value();
  const LiveDeduction d = has ? *s.lastDeduction : LiveDeduction{};
  const std::array<SqlValue, 21> params = {
      text(s.seat),
      text(s.traineeId),
      text(s.scenarioId),
      text(s.mode),
      text(s.phase),
      std::int64_t{s.paused ? 1 : 0},
      s.elapsedS,
      static_cast<std::int64_t>(s.tick),
      s.score,
      s.maxScore,
      text(d.itemId),
      text(d.criterionId),
      has ? SqlValue(d.points) : SqlValue(nullptr),
      has ? SqlValue(d.timeS) : SqlValue(nullptr),
      has ? SqlValue(d.measured) : SqlValue(nullptr),
      text(liveReadoutsToJson(s.readouts)),
      s.planX,
      s.planZ,
      s.areaCentreX,
      s.areaCentreZ,
      s.areaExtent,
  };
  if (auto u = db.query(kUpsert, params); !u) {
    return std::move(u).error();
  }
  const std::array<SqlValue, 2> notify = {text(kLiveSeatsChannel), text(s.seat)};
  if (auto n = db.query("SELECT pg_notify($1, $2)", notify); !n) {
    return std::move(n).error();
  }
  return {};
}

core::Expected<std::vector<SeatCommand>> fetchCommands(SqlConnection& db, const std::string& seat,
                                                       std::int64_t afterId) {
  const std::array<SqlValue, 2> params = {text(seat), afterId};
  auto rows = db.query(R"(SELECT id, kind, text FROM seat_commands
      WHERE seat = $1 AND applied_tick IS NULL AND id > $2 ORDER BY id)",
                       params);
  if (!rows) {
    return std::move(rows).error();
  }
  std::vector<SeatCommand> out;
  for (const SqlRow& r : *rows) {
    const std::int64_t id = sqlInt(r[0]);
    const std::string word = sqlText(r[1]);
    const auto kind = instructorCommandKindFrom(word);
    if (!kind) {
      return core::makeError(core::ErrorCode::InvalidInput,
                             "seat_commands, id " + std::to_string(id) + ", kind: '" + word +
                                 "' is not pause, resume, message or end");
    }
    out.push_back({id, seat, *kind, sqlText(r[2])});
  }
  return out;
}

core::Expected<bool> markCommand(SqlConnection& db, std::int64_t id, std::int64_t tick,
                                 const std::string& outcome) {
  const std::array<SqlValue, 3> params = {tick, text(outcome), id};
  if (auto u =
          db.query("UPDATE seat_commands SET applied_tick = $1, outcome = $2 WHERE id = $3 AND "
                   "applied_tick IS NULL",
                   params);
      !u) {
    return std::move(u).error();
  }
  return db.changes() == 1;
}

core::Expected<std::unique_ptr<SqlConnection>> openMigrated(const std::string& location,
                                                            const StoreOptions& options) {
  if (auto ok = needsPostgres(location); !ok) {
    return std::move(ok).error();
  }
  if (auto store = ResultsStore::open(location, options); !store) {
    return std::move(store).error();
  }
  return openSqlConnection(location, options);
}

} // namespace

core::Expected<std::vector<SeatCommand>> pendingSeatCommands(const std::string& location,
                                                             const std::string& seat,
                                                             std::int64_t afterId,
                                                             const StoreOptions& options) {
  auto db = openMigrated(location, options);
  if (!db) {
    return std::move(db).error();
  }
  return fetchCommands(**db, seat, afterId);
}

core::Expected<bool> markSeatCommand(const std::string& location, std::int64_t id,
                                     std::int64_t tick, const std::string& outcome,
                                     const StoreOptions& options) {
  auto db = openMigrated(location, options);
  if (!db) {
    return std::move(db).error();
  }
  return markCommand(**db, id, tick, outcome);
}

std::string liveReadoutsToJson(const std::vector<LiveReadout>& readouts) {
  nlohmann::json a = nlohmann::json::array();
  for (const LiveReadout& r : readouts) {
    nlohmann::json o = {{"metric", r.metric}, {"label_zh", r.labelZh}, {"label_en", r.labelEn},
                        {"unit", r.unit},     {"value", r.value},      {"precision", r.precision}};
    if (!r.wordZh.empty() || !r.wordEn.empty()) {
      o["word_zh"] = r.wordZh;
      o["word_en"] = r.wordEn;
    }
    a.push_back(std::move(o));
  }
  return a.dump();
}

core::Expected<std::vector<LiveReadout>> liveReadoutsFromJson(const std::string& json) {
  const nlohmann::json a = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!a.is_array()) {
    return core::makeError(core::ErrorCode::InvalidInput, "readouts: not a JSON array of readouts");
  }
  std::vector<LiveReadout> out;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const nlohmann::json& r = a[i];
    const auto where = "readouts[" + std::to_string(i) + "]";
    if (!r.is_object()) {
      return core::makeError(core::ErrorCode::InvalidInput, where + ": not an object");
    }
    for (const char* key : {"metric", "label_zh", "label_en", "unit"}) {
      if (!r.contains(key) || !r[key].is_string()) {
        return core::makeError(core::ErrorCode::InvalidInput,
                               where + "." + key + ": missing or not text");
      }
    }
    if (!r.contains("value") || !r["value"].is_number()) {
      return core::makeError(core::ErrorCode::InvalidInput,
                             where + ".value: missing or not a number");
    }
    if (!r.contains("precision") || !r["precision"].is_number_integer()) {
      return core::makeError(core::ErrorCode::InvalidInput,
                             where + ".precision: missing or not an integer");
    }
    for (const char* key : {"word_zh", "word_en"}) {
      if (r.contains(key) && !r[key].is_string()) {
        return core::makeError(core::ErrorCode::InvalidInput, where + "." + key + ": not text");
      }
    }
    out.push_back({r["metric"].get<std::string>(), r["label_zh"].get<std::string>(),
                   r["label_en"].get<std::string>(), r["unit"].get<std::string>(),
                   r["value"].get<double>(), r["precision"].get<int>(),
                   r.value("word_zh", std::string()), r.value("word_en", std::string())});
  }
  return out;
}

namespace {

/** The rows of live_seats over `db`, decoded (readLiveSeats, LiveSeatReader::read). */
core::Expected<std::vector<LiveSeatRow>> readSeatRows(SqlConnection& db) {
  auto rows = db.query(
      R"(SELECT seat, trainee_id, scenario_id, mode, phase, paused, elapsed_s, tick, score,
                max_score, last_item_id, last_criterion_id, last_points, last_time_s,
                last_measured, readouts, plan_x, plan_z, area_centre_x, area_centre_z,
                area_extent, EXTRACT(EPOCH FROM clock_timestamp()) - updated_unix
         FROM live_seats ORDER BY seat)");
  if (!rows) {
    return std::move(rows).error();
  }
  std::vector<LiveSeatRow> out;
  for (const SqlRow& r : *rows) {
    LiveSeatRow row;
    LiveSeatState& s = row.state;
    s.seat = sqlText(r[0]);
    s.traineeId = sqlText(r[1]);
    s.scenarioId = sqlText(r[2]);
    s.mode = sqlText(r[3]);
    s.phase = sqlText(r[4]);
    s.paused = sqlBool(r[5]);
    s.elapsedS = sqlDouble(r[6]);
    s.tick = static_cast<std::uint64_t>(sqlInt(r[7]));
    s.score = sqlDouble(r[8]);
    s.maxScore = sqlDouble(r[9]);
    if (!std::holds_alternative<std::nullptr_t>(r[12])) {
      s.lastDeduction = LiveDeduction{sqlText(r[10]), sqlText(r[11]), sqlDouble(r[12]),
                                      sqlDouble(r[13]), sqlDouble(r[14])};
    }
    auto readouts = liveReadoutsFromJson(sqlText(r[15]));
    if (!readouts) {
      return core::makeError(core::ErrorCode::InvalidInput,
                             "live_seats, seat " + s.seat + ": " + readouts.error().message);
    }
    s.readouts = std::move(*readouts);
    s.planX = sqlDouble(r[16]);
    s.planZ = sqlDouble(r[17]);
    s.areaCentreX = sqlDouble(r[18]);
    s.areaCentreZ = sqlDouble(r[19]);
    s.areaExtent = sqlDouble(r[20]);
    row.ageS = sqlDouble(r[21]);
    row.online = row.ageS <= kLiveSeatOfflineAfterS;
    out.push_back(std::move(row));
  }
  return out;
}

} // namespace

core::Expected<std::vector<LiveSeatRow>> readLiveSeats(const std::string& location,
                                                       const StoreOptions& options) {
  if (auto ok = needsPostgres(location); !ok) {
    return std::move(ok).error();
  }
  if (auto store = ResultsStore::open(location, options); !store) {
    return std::move(store).error();
  }
  auto db = openSqlConnection(location, options);
  if (!db) {
    return std::move(db).error();
  }
  return readSeatRows(**db);
}

core::Expected<std::unique_ptr<LiveSeatPublisher>>
LiveSeatPublisher::start(const std::string& location, StoreOptions options) {
  return startForSeat(location, "", options);
}

core::Expected<std::unique_ptr<LiveSeatPublisher>>
LiveSeatPublisher::startForSeat(const std::string& location, const std::string& seat,
                                StoreOptions options) {
  if (auto ok = needsPostgres(location); !ok) {
    return std::move(ok).error();
  }
  std::unique_ptr<LiveSeatPublisher> p(new LiveSeatPublisher(location, options, seat));
  p->mThread = std::thread([raw = p.get()] { raw->run(); });
  return p;
}

LiveSeatPublisher::LiveSeatPublisher(std::string location, StoreOptions options, std::string seat)
    : mLocation(std::move(location)), mOptions(options), mSeat(std::move(seat)) {}

std::vector<SeatCommand> LiveSeatPublisher::takeCommands() {
  const std::lock_guard lock(mMutex);
  return std::exchange(mInbox, {});
}

void LiveSeatPublisher::markApplied(std::int64_t id, std::uint64_t tick,
                                    InstructorOutcome outcome) {
  {
    const std::lock_guard lock(mMutex);
    mMarks.push_back({id, static_cast<std::int64_t>(tick), std::string(toString(outcome))});
  }
  mWake.notify_all();
}

std::uint64_t LiveSeatPublisher::commandsFetched() const {
  const std::lock_guard lock(mMutex);
  return mFetched;
}

std::uint64_t LiveSeatPublisher::commandsMarked() const {
  const std::lock_guard lock(mMutex);
  return mMarked;
}

LiveSeatPublisher::~LiveSeatPublisher() {
  {
    const std::lock_guard lock(mMutex);
    mStop = true;
  }
  mWake.notify_all();
  if (mThread.joinable()) {
    mThread.join();
  }
}

void LiveSeatPublisher::offer(LiveSeatState state) {
  {
    const std::lock_guard lock(mMutex);
    ++mStats.offered;
    if (mSlot) {
      ++mStats.replaced;
    }
    mSlot = std::move(state);
  }
  mWake.notify_all();
}

bool LiveSeatPublisher::flush(double timeoutS) {
  std::unique_lock lock(mMutex);
  return mWake.wait_for(lock, std::chrono::duration<double>(timeoutS),
                        [this] { return !mSlot && !mBusy && mMarks.empty(); });
}

LiveSeatPublisher::Stats LiveSeatPublisher::stats() const {
  const std::lock_guard lock(mMutex);
  return mStats;
}

void LiveSeatPublisher::run() {
  using Clock = std::chrono::steady_clock;
  const bool commands = !mSeat.empty();
  const auto pollEvery =
      std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(kSeatCommandPollS));
  std::unique_ptr<SqlConnection> db;
  bool everConnected = false;
  bool migrated = false;
  bool baselined = false;       // stale commands expired (first connection)
  std::int64_t lastFetched = 0; // highest command id handed to the attempt
  double backoffS = 0.0;
  auto nextTry = Clock::now();
  auto nextPoll = Clock::now();
  for (;;) {
    std::optional<LiveSeatState> state;
    std::vector<Mark> marks;
    bool pollDue = false;
    bool stopping = false;
    {
      std::unique_lock lock(mMutex);
      mBusy = false;
      mWake.notify_all();
      auto ready = [this] { return mStop || mSlot.has_value() || !mMarks.empty(); };
      if (commands) {
        mWake.wait_until(lock, nextPoll, ready);
      } else {
        mWake.wait(lock, ready);
      }
      stopping = mStop;
      if (stopping && (mMarks.empty() || !db)) {
        return; // marks not written are still NULL in the table: never marked twice
      }
      const auto now = Clock::now();
      pollDue = commands && !stopping && now >= nextPoll;
      if (!db && now < nextTry) {
        // Down and backing off: the state is lost (latest wins when the server is back); the
        // marks wait for the connection.
        if (mSlot) {
          mSlot.reset();
          ++mStats.failed;
        }
        mWake.notify_all();
        mWake.wait_until(lock, nextTry, [this] { return mStop; });
        continue;
      }
      if (!stopping && mSlot) {
        state = std::move(*mSlot);
        mSlot.reset();
      }
      marks.assign(mMarks.begin(), mMarks.end());
      mMarks.clear();
      if (!state && marks.empty() && !pollDue) {
        continue;
      }
      mBusy = true;
    }
    if (!db) {
      if (!migrated) {
        // The schema first (the workstation's own store open may not have run yet).
        if (auto store = ResultsStore::open(mLocation, mOptions); store) {
          migrated = true;
        }
      }
      if (auto opened = openSqlConnection(mLocation, mOptions); opened && migrated) {
        db = std::move(*opened);
        const std::lock_guard lock(mMutex);
        mStats.reconnects += everConnected ? 1 : 0;
        everConnected = true;
      }
    }
    bool ok = db != nullptr;
    if (ok && commands && !baselined) {
      const std::array<SqlValue, 2> params = {text(kSeatCommandExpired), text(mSeat)};
      ok = static_cast<bool>(db->query("UPDATE seat_commands SET applied_tick = -1, outcome = $1 "
                                       "WHERE seat = $2 AND applied_tick IS NULL",
                                       params));
      baselined = ok;
    }
    bool published = false;
    if (ok && state) {
      ok = static_cast<bool>(publishOnce(*db, *state));
      published = ok;
    }
    std::size_t written = 0;
    while (ok && written < marks.size()) {
      const Mark& m = marks[written];
      ok = static_cast<bool>(markCommand(*db, m.id, m.tick, m.outcome));
      written += ok ? 1 : 0;
    }
    std::vector<SeatCommand> fetched;
    if (ok && pollDue) {
      auto got = fetchCommands(*db, mSeat, lastFetched);
      ok = static_cast<bool>(got);
      if (got) {
        fetched = std::move(*got);
        if (!fetched.empty()) {
          lastFetched = fetched.back().id;
        }
      }
    }
    if (!ok) {
      db.reset(); // reconnect on the next round, after the back-off
    }
    const std::lock_guard lock(mMutex);
    if (pollDue) {
      nextPoll = Clock::now() + pollEvery;
    }
    mMarked += written;
    // Marks not written go back in front, in order, for the next connection.
    mMarks.insert(mMarks.begin(), marks.begin() + static_cast<std::ptrdiff_t>(written),
                  marks.end());
    mFetched += fetched.size();
    mInbox.insert(mInbox.end(), fetched.begin(), fetched.end());
    if (state) {
      if (published) {
        ++mStats.published;
      } else {
        ++mStats.failed;
      }
    }
    if (ok) {
      backoffS = 0.0;
    } else {
      backoffS = std::clamp(backoffS * 2.0, 0.25, 4.0);
      nextTry = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                   std::chrono::duration<double>(backoffS));
    }
    if (stopping) {
      return;
    }
  }
}

// ---- The classroom's reader ------------------------------------------------------------------

LiveSeatReader::LiveSeatReader(std::string location, StoreOptions options)
    : mLocation(std::move(location)), mOptions(options) {}
LiveSeatReader::~LiveSeatReader() = default;

core::Expected<std::unique_ptr<LiveSeatReader>> LiveSeatReader::open(const std::string& location,
                                                                     const StoreOptions& options) {
  if (auto ok = needsPostgres(location); !ok) {
    return std::move(ok).error();
  }
  if (auto store = ResultsStore::open(location, options); !store) {
    return std::move(store).error();
  }
  std::unique_ptr<LiveSeatReader> reader(new LiveSeatReader(location, options));
  auto db = openSqlConnection(location, options);
  if (!db) {
    return std::move(db).error();
  }
  reader->mDb = std::move(*db);
  return reader;
}

core::Expected<std::vector<LiveSeatRow>> LiveSeatReader::read() {
  if (mDb) {
    if (auto rows = readSeatRows(*mDb); rows || rows.error().code != core::ErrorCode::Unavailable) {
      return rows;
    }
    mDb.reset(); // lost: one new connection, one more try
  }
  auto db = openSqlConnection(mLocation, mOptions);
  if (!db) {
    return std::move(db).error();
  }
  mDb = std::move(*db);
  return readSeatRows(*mDb);
}

// ---- Instructor commands: sending
// ----------------------------------------------------------------

bool isSeatCommandKind(std::string_view kind) {
  return std::find(kSeatCommandKinds.begin(), kSeatCommandKinds.end(), kind) !=
         kSeatCommandKinds.end();
}

core::Expected<std::int64_t> sendSeatCommand(const std::string& location, const std::string& seat,
                                             const std::string& kind, const std::string& message,
                                             const StoreOptions& options) {
  if (auto ok = needsPostgres(location); !ok) {
    return std::move(ok).error();
  }
  if (seat.empty()) {
    return core::makeError(core::ErrorCode::InvalidInput, "seat command: no seat named");
  }
  if (!isSeatCommandKind(kind)) {
    return core::makeError(core::ErrorCode::InvalidInput, "seat command for " + seat +
                                                              ": unknown kind '" + kind +
                                                              "' (pause, resume, message or end)");
  }
  if (kind == "message" && message.empty()) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           "seat command for " + seat + ": a message needs its text");
  }
  if (auto store = ResultsStore::open(location, options); !store) {
    return std::move(store).error();
  }
  auto db = openSqlConnection(location, options);
  if (!db) {
    return std::move(db).error();
  }
  const std::array<SqlValue, 3> params = {text(seat), text(kind), text(message)};
  auto rows = (*db)->query(R"(INSERT INTO seat_commands (seat, kind, text, sent_unix)
      VALUES ($1, $2, $3, EXTRACT(EPOCH FROM clock_timestamp())) RETURNING id)",
                           params);
  if (!rows) {
    return std::move(rows).error();
  }
  if (rows->size() != 1) {
    return core::makeError(core::ErrorCode::Io, "seat command: the INSERT returned no id");
  }
  return sqlInt((*rows)[0][0]);
}

} // namespace skillsim::records
