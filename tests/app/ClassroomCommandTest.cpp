// `skillsim classroom` (issue 19, point 2; docs/classroom.md): the grid's cells worded from the
// criterion data, the text output of seats published by the real LiveSeatPublisher into a real
// PostgreSQL server (SKILLSIM_TEST_PG_URL; scripts/test.sh starts one), offline seats, the
// instructor's commands in seat_commands, and the refusals (an SQLite store, a bad script).

#include "ClassroomTestSupport.h"

#include <skillsim/app/ClassroomCommand.h>
#include <skillsim/app/Cli.h>
#include <skillsim/app/LiveSeat.h>
#include <skillsim/scenario/AttemptRunner.h>
#include <skillsim/scenario/ScenarioLoader.h>
#include <skillsim/sim/machines/forklift/ForkliftSpec.h>
#include <skillsim/ui/I18n.h>

#include <gtest/gtest.h>

#include <chrono>
#include <sstream>
#include <thread>
#include <tuple>
#include <vector>

using namespace skillsim;

namespace {

const std::string kSource = SKILLSIM_SOURCE_DIR;

ui::I18n language(ui::Language l) {
  auto text = ui::I18n::load(kSource + "/assets", l);
  EXPECT_TRUE(text) << text.error().toString();
  return std::move(*text);
}

records::LiveSeatRow onlineRow(const records::LiveSeatState& s) {
  return records::LiveSeatRow{s, 0.5, true};
}

} // namespace

TEST(Classroom, AReadoutTheWorkstationSentInDegreesKeepsItsDegreeSign) {
  // app::liveSeatState sends angles in degrees with the unit "°" or "°/s" (never radians); the
  // cell writes the number with the sign on it, and an unknown unit after a space.
  app::ScenarioCatalogue scenarios(kSource + "/scenarios");
  const auto en = language(ui::Language::English);
  records::LiveSeatState s = test::classroomSeat("bay-02", 80.0);
  ASSERT_EQ(s.readouts.size(), 2U);
  s.readouts[0].unit = "\u00b0";
  s.readouts[0].value = 3.04;
  s.readouts[1].unit = "\u00b0/s";
  s.readouts[1].value = -1.26;
  s.readouts[1].precision = 1;
  s.readouts.push_back(s.readouts[1]);
  s.readouts[2].unit = "bar";
  s.readouts[2].value = 6.0;
  s.readouts[2].precision = 1;
  const auto views = app::classroomSeatViews({onlineRow(s)}, scenarios, en);
  ASSERT_EQ(views.size(), 1U);
  ASSERT_EQ(views[0].readouts.size(), 3U);
  EXPECT_EQ(views[0].readouts[0], "load swing 3.0\u00b0");
  EXPECT_EQ(views[0].readouts[1], "load height -1.3\u00b0/s");
  EXPECT_EQ(views[0].readouts[2], "load height 6.0 bar");
}

TEST(Classroom, AFlagReadoutShowsItsLabelWhileOnAndChineseReadoutsUseTheFullWidthSemicolon) {
  app::ScenarioCatalogue scenarios(kSource + "/scenarios");
  records::LiveSeatState s = test::classroomSeat("bay-03", 80.0);
  ASSERT_EQ(s.readouts.size(), 2U);
  records::LiveReadout on{"load_engaged",         "载荷已挂钩", "load engaged",
                          records::kLiveFlagUnit, 1.0,          0};
  records::LiveReadout off{"overload", "超载", "overload", records::kLiveFlagUnit, 0.0, 0};
  s.readouts.push_back(on);
  s.readouts.push_back(off);
  const auto en =
      app::classroomSeatViews({onlineRow(s)}, scenarios, language(ui::Language::English));
  ASSERT_EQ(en.size(), 1U);
  ASSERT_EQ(en[0].readouts.size(), 3U) << "the flag that is off is not shown";
  EXPECT_EQ(en[0].readouts[2], "load engaged");
  const auto zhText = language(ui::Language::ChineseSimplified);
  const auto zh = app::classroomSeatViews({onlineRow(s)}, scenarios, zhText);
  ASSERT_EQ(zh[0].readouts.size(), 3U);
  EXPECT_EQ(zh[0].readouts[2], "载荷已挂钩");
  std::ostringstream out;
  app::printClassroomGrid(zh, zhText, out);
  EXPECT_NE(out.str().find(zh[0].readouts[0] + "\uff1b" + zh[0].readouts[1] + "\uff1b载荷已挂钩\n"),
            std::string::npos)
      << out.str();
  EXPECT_EQ(out.str().find("; "), std::string::npos) << out.str();
}

TEST(Classroom, ACellIsWordedFromTheCriterionAndTheDeclaredReadouts) {
  app::ScenarioCatalogue scenarios(kSource + "/scenarios");
  const auto en = language(ui::Language::English);
  const auto views =
      app::classroomSeatViews({onlineRow(test::classroomSeat("bay-01", 75.25))}, scenarios, en);
  ASSERT_EQ(views.size(), 1U);
  const ui::ClassroomSeatView& v = views[0];
  EXPECT_EQ(v.seat, "bay-01");
  EXPECT_EQ(v.trainee, "T-bay-01");
  EXPECT_EQ(v.scenario, "Q2 overhead crane operator practical exam");
  EXPECT_EQ(v.mode, "Exam");
  EXPECT_EQ(v.phase, "travel from A to B");
  EXPECT_EQ(v.elapsed, "01:15.2");
  EXPECT_EQ(v.score, "95 / 100");
  // The criterion transfer_height_ab is a band on load_height (m): its item's title, the
  // metric's declared label and the measured 1.5 m, at 72.5 s.
  EXPECT_EQ(v.lastDeduction, "-5 points: Moving the bucket along a curved path and setting it "
                             "down precisely, load height 1.50 m, 01:12.5");
  // 0.0523598776 rad is 3.0 degrees; 2.345 m with two decimals.
  ASSERT_EQ(v.readouts.size(), 2U);
  EXPECT_EQ(v.readouts[0], "load swing 3.0°");
  EXPECT_EQ(v.readouts[1], "load height 2.35 m");
  EXPECT_EQ(v.status, "online");
  EXPECT_FLOAT_EQ(v.mapU, 0.75f);
  EXPECT_FLOAT_EQ(v.mapV, 0.25f);
}

TEST(Classroom, ACellIsWordedInChineseAndAnOfflinePausedSeatReadsOffline) {
  app::ScenarioCatalogue scenarios(kSource + "/scenarios");
  const auto zh = language(ui::Language::ChineseSimplified);
  auto s = test::classroomSeat("bay-02", 10.0);
  s.paused = true;
  s.mode = "practice";
  s.planX = 40.0; // outside the area: the dot stays on the east edge
  const auto views = app::classroomSeatViews({{s, 9.0, false}}, scenarios, zh);
  ASSERT_EQ(views.size(), 1U);
  EXPECT_EQ(views[0].mode, "练习");
  EXPECT_EQ(views[0].phase, "A 圈至 B 圈运行");
  EXPECT_EQ(views[0].status, "离线");
  EXPECT_FALSE(views[0].online);
  EXPECT_EQ(views[0].lastDeduction,
            "-5 分：吊运物件（水桶）曲线运行并精确落放，载荷离地高度 1.50 米，01:12.5");
  EXPECT_EQ(views[0].readouts[1].find("载荷离地高度 2.35"), 0U) << views[0].readouts[1];
  EXPECT_FLOAT_EQ(views[0].mapU, 1.0f);
}

TEST(Classroom, AnUnknownScenarioShowsItsIdAndTheBareDeduction) {
  app::ScenarioCatalogue scenarios(kSource + "/scenarios");
  const auto en = language(ui::Language::English);
  auto s = test::classroomSeat("bay-03", 1.0);
  s.scenarioId = "elsewhere.unknown";
  s.readouts = {{"m", "z", "e", "furlong", 2.0, 0}};
  const auto views = app::classroomSeatViews({onlineRow(s)}, scenarios, en);
  ASSERT_EQ(views.size(), 1U);
  EXPECT_EQ(views[0].scenario, "elsewhere.unknown");
  EXPECT_EQ(views[0].lastDeduction, "-5 points, 01:12.5");
  EXPECT_EQ(views[0].readouts[0], "e 2 furlong");
}

TEST(Classroom, AnSqliteStoreIsRefusedSayingLiveSeatsNeedPostgres) {
  std::ostringstream out, err;
  EXPECT_EQ(app::runCli({"classroom", "--db", "/tmp/results.sqlite", "--print"}, out, err), 2);
  EXPECT_NE(err.str().find("--db /tmp/results.sqlite: live seats need a PostgreSQL store"),
            std::string::npos)
      << err.str();
}

TEST(Classroom, ABadScriptIsAUsageErrorNamingTheCommand) {
  std::ostringstream out, err;
  EXPECT_EQ(app::runCli({"classroom", "--db", "postgresql://127.0.0.1:1/x", "--script",
                         "frames 2; nudge bay-01"},
                        out, err),
            2);
  EXPECT_NE(err.str().find("--script command 2: unknown 'nudge'"), std::string::npos) << err.str();
  std::ostringstream err2;
  EXPECT_EQ(
      app::runCli({"classroom", "--db", "postgresql://127.0.0.1:1/x", "--script", "message bay-01"},
                  out, err2),
      2);
  EXPECT_NE(err2.str().find("--script command 1: 'message' needs a seat and the text"),
            std::string::npos)
      << err2.str();
}

TEST(Classroom, AnUnreachableServerIsNamedNotACrash) {
  std::ostringstream out, err;
  EXPECT_EQ(
      app::runCli({"classroom", "--db", "postgresql://skillsim@127.0.0.1:1/none?connect_timeout=2",
                   "--print", "--scenarios", kSource + "/scenarios"},
                  out, err),
      1);
  EXPECT_NE(err.str().find("skillsim classroom: "), std::string::npos) << err.str();
  EXPECT_EQ(out.str(), "");
}

TEST(Classroom, SendingACommandChecksItsKindAndRefusesSqlite) {
  auto bad = records::sendSeatCommand("postgresql://127.0.0.1:1/x", "bay-01", "nudge", "");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, core::ErrorCode::InvalidInput);
  EXPECT_EQ(bad.error().message,
            "seat command for bay-01: unknown kind 'nudge' (pause, resume, message or end)");
  auto empty = records::sendSeatCommand("postgresql://127.0.0.1:1/x", "bay-01", "message", "");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().message, "seat command for bay-01: a message needs its text");
  auto noSeat = records::sendSeatCommand("postgresql://127.0.0.1:1/x", "", "pause", "");
  ASSERT_FALSE(noSeat);
  EXPECT_EQ(noSeat.error().message, "seat command: no seat named");
  auto sqlite = records::sendSeatCommand("/tmp/results.sqlite", "bay-01", "pause", "");
  ASSERT_FALSE(sqlite);
  EXPECT_EQ(sqlite.error().code, core::ErrorCode::Unsupported);
}

using ClassroomPg = test::ClassroomPgTest;

TEST_F(ClassroomPg, PublishedSeatsPrintAsTextOneBlockPerSeat) {
  {
    auto a = records::LiveSeatPublisher::start(mLocation);
    auto b = records::LiveSeatPublisher::start(mLocation);
    ASSERT_TRUE(a && b);
    (*a)->offer(test::classroomSeat("bay-01", 75.25));
    auto second = test::classroomSeat("bay-02", 3.0);
    second.lastDeduction.reset();
    second.score = 100.0;
    (*b)->offer(second);
    ASSERT_TRUE((*a)->flush(10.0) && (*b)->flush(10.0));
    ASSERT_EQ((*a)->stats().published + (*b)->stats().published, 2U);
  }
  std::ostringstream out, err;
  ASSERT_EQ(app::runCli({"classroom", "--db", mLocation, "--headless", "--once", "--lang", "en",
                         "--scenarios", kSource + "/scenarios"},
                        out, err),
            0)
      << err.str();
  EXPECT_EQ(out.str(),
            "Classroom: 2 seats\n"
            "bay-01 [online] Trainee T-bay-01 | Q2 overhead crane operator practical exam | Exam "
            "| Phase travel from A to B | 01:15.2 | Score 95 / 100\n"
            "  Last deduction: -5 points: Moving the bucket along a curved path and setting it "
            "down precisely, load height 1.50 m, 01:12.5\n"
            "  Readouts: load swing 3.0°; load height 2.35 m\n"
            "  Position on the map (across / down): 75% / 25%\n"
            "bay-02 [online] Trainee T-bay-02 | Q2 overhead crane operator practical exam | Exam "
            "| Phase travel from A to B | 00:03.0 | Score 100 / 100\n"
            "  Last deduction: —\n"
            "  Readouts: load swing 3.0°; load height 2.35 m\n"
            "  Position on the map (across / down): 75% / 25%\n");
}

TEST_F(ClassroomPg, OneSeatIsCountedInTheSingularInBothLanguages) {
  {
    auto p = records::LiveSeatPublisher::start(mLocation);
    ASSERT_TRUE(p);
    (*p)->offer(test::classroomSeat("bay-01", 75.25));
    ASSERT_TRUE((*p)->flush(10.0));
  }
  for (const auto& [lang, head] : {std::pair<std::string, std::string>{"en", "Classroom: 1 seat\n"},
                                   {"zh-CN", ": 1 个座位\n"}}) {
    std::ostringstream out, err;
    ASSERT_EQ(app::runCli({"classroom", "--db", mLocation, "--headless", "--once", "--lang", lang,
                           "--scenarios", kSource + "/scenarios"},
                          out, err),
              0)
        << err.str();
    const std::string firstLine = out.str().substr(0, out.str().find('\n') + 1);
    EXPECT_TRUE(firstLine.ends_with(head)) << lang << ": " << firstLine;
  }
}

TEST_F(ClassroomPg, ASeatThatStoppedPublishingPrintsOfflineWithinFiveSeconds) {
  {
    auto p = records::LiveSeatPublisher::start(mLocation);
    ASSERT_TRUE(p);
    (*p)->offer(test::classroomSeat("bay-05", 1.0));
    ASSERT_TRUE((*p)->flush(10.0));
  }
  const auto stopped = std::chrono::steady_clock::now();
  std::string shown;
  double afterS = 0.0;
  while (afterS < 8.0) {
    std::ostringstream out, err;
    ASSERT_EQ(app::runCli({"classroom", "--db", mLocation, "--print", "--lang", "zh-CN",
                           "--scenarios", kSource + "/scenarios"},
                          out, err),
              0)
        << err.str();
    afterS = std::chrono::duration<double>(std::chrono::steady_clock::now() - stopped).count();
    shown = out.str();
    if (shown.find("bay-05 [离线]") != std::string::npos) {
      break;
    }
    EXPECT_NE(shown.find("bay-05 [在线]"), std::string::npos) << shown;
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  EXPECT_NE(shown.find("bay-05 [离线]"), std::string::npos) << shown;
  EXPECT_LE(afterS, 5.0) << "offline must show within 5 s of the last publish";
}

TEST_F(ClassroomPg, EachCommandSentIsOneRowWithItsKindAndText) {
  auto first = records::sendSeatCommand(mLocation, "bay-01", "pause", "");
  auto second = records::sendSeatCommand(mLocation, "bay-02", "message", "请减速，注意摆动");
  auto third = records::sendSeatCommand(mLocation, "bay-01", "end", "");
  ASSERT_TRUE(first && second && third);
  EXPECT_LT(*first, *second);
  EXPECT_LT(*second, *third);
  const auto rows = commandRows();
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[0], std::to_string(*first) + "|bay-01|pause||pending");
  EXPECT_EQ(rows[1], std::to_string(*second) + "|bay-02|message|请减速，注意摆动|pending");
  EXPECT_EQ(rows[2], std::to_string(*third) + "|bay-01|end||pending");
}

TEST_F(ClassroomPg, TheReaderKeepsItsConnectionAndReconnectsWhenItIsCut) {
  auto reader = records::LiveSeatReader::open(mLocation);
  ASSERT_TRUE(reader) << reader.error().toString();
  auto none = (*reader)->read();
  ASSERT_TRUE(none) << none.error().toString();
  EXPECT_TRUE(none->empty());
  {
    auto p = records::LiveSeatPublisher::start(mLocation);
    ASSERT_TRUE(p);
    (*p)->offer(test::classroomSeat("bay-04", 2.0));
    ASSERT_TRUE((*p)->flush(10.0));
  }
  // The server ends every session of the database (a restart, a network cut): the next read
  // opens a new connection.
  admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + mDatabase +
        "'");
  auto rows = (*reader)->read();
  ASSERT_TRUE(rows) << rows.error().toString();
  ASSERT_EQ(rows->size(), 1U);
  EXPECT_EQ((*rows)[0].state, test::classroomSeat("bay-04", 2.0));
  auto sqlite = records::LiveSeatReader::open("/tmp/results.sqlite");
  ASSERT_FALSE(sqlite);
  EXPECT_EQ(sqlite.error().code, core::ErrorCode::Unsupported);
}

// The forklift's direction lever (a readout the machine declares words for, ReadoutDecl::words):
// the live seat sends the words with the value, the store's JSON keeps them, and the grid's cell
// reads "direction reverse" / "行驶方向 后退", never "-1".
TEST(Classroom, TheForkliftsDirectionLeverReadsInWordsInBothLanguages) {
  auto scenario = scenario::loadScenario(kSource + "/scenarios/forklift/n1_field_test.toml");
  ASSERT_TRUE(scenario) << scenario.error().toString();
  auto runner = scenario::AttemptRunner::create(*scenario);
  ASSERT_TRUE(runner) << runner.error().toString();
  app::ScenarioCatalogue scenarios(kSource + "/scenarios");
  const auto en = language(ui::Language::English);
  const auto zh = language(ui::Language::ChineseSimplified);
  const std::vector<std::tuple<float, std::string, std::string>> lever = {
      {0.0F, "direction neutral", "行驶方向 空挡"},
      {-1.0F, "direction reverse", "行驶方向 后退"},
      {1.0F, "direction forward", "行驶方向 前进"}};
  for (const auto& [position, inEnglish, inChinese] : lever) {
    core::ActionState a;
    a.setAxis(sim::forklift_controls::kDirection, position);
    a.setAxis(sim::forklift_controls::kServiceBrake, 1.0F);
    for (int i = 0; i < 3; ++i) {
      (*runner)->step(a);
    }
    records::LiveSeatState s = app::liveSeatState("bay-07", "T-7", "practice", false, **runner);
    auto sent = records::liveReadoutsFromJson(records::liveReadoutsToJson(s.readouts));
    ASSERT_TRUE(sent) << sent.error().toString();
    EXPECT_EQ(*sent, s.readouts); // the words survive the store
    s.readouts = *sent;
    const auto inEn = app::classroomSeatViews({onlineRow(s)}, scenarios, en);
    const auto inZh = app::classroomSeatViews({onlineRow(s)}, scenarios, zh);
    ASSERT_EQ(inEn.size(), 1U);
    ASSERT_EQ(inZh.size(), 1U);
    ASSERT_GE(inEn[0].readouts.size(), 2U);
    EXPECT_EQ(inEn[0].readouts[1], inEnglish);
    EXPECT_EQ(inZh[0].readouts[1], inChinese);
    // A readout without words stays a number with its unit.
    EXPECT_TRUE(inEn[0].readouts[0].starts_with("travel speed ")) << inEn[0].readouts[0];
    EXPECT_TRUE(inEn[0].readouts[0].ends_with(" m/s")) << inEn[0].readouts[0];
    std::ostringstream out;
    app::printClassroomGrid(inZh, zh, out);
    EXPECT_NE(out.str().find(inChinese), std::string::npos) << out.str();
  }
}
