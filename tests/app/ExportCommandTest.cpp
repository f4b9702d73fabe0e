#include "CertifyCommandTestSupport.h"
#include <skillsim/app/ExportCommand.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <sys/wait.h>

namespace skillsim::app {
namespace {

using nlohmann::json;
using test::makeStore;
using test::q2Attempt;
using test::run;

/** 2026-11-10T00:00:00Z (worked out by hand: 2026-11-01 is 1793491200, plus 9 days). */
constexpr std::int64_t kNov10 = 1793491200 + 9 * 86400;

/**
 * An RFC 4180 reader written for the test (not the exporter's code): fields split on commas,
 * quoted fields may hold commas, doubled quotes and line breaks; records end with CRLF.
 */
std::vector<std::vector<std::string>> readCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string cell;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(cell);
      cell.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(cell);
      cell.clear();
      rows.emplace_back();
      ++i;
    } else {
      cell += c;
    }
  }
  EXPECT_TRUE(rows.back().empty() && cell.empty()) << "the last record ends with CRLF";
  rows.pop_back();
  return rows;
}

/** The cell of column `name` in `row` of a CSV whose first row is the header. */
std::string cell(const std::vector<std::vector<std::string>>& csv, std::size_t row,
                 const std::string& name) {
  const auto& header = csv.at(0);
  const auto at = std::find(header.begin(), header.end(), name);
  EXPECT_NE(at, header.end()) << "no column " << name;
  return at == header.end() ? "" : csv.at(row).at(static_cast<std::size_t>(at - header.begin()));
}

/** Three trainees whose names need quoting, one at another scenario with other rubric items. */
std::vector<records::AttemptRecord> classAttempts() {
  auto a = q2Attempt("a1", "T001", 90.0, 10); // 张三, 2026-11-10T08:00:00Z
  auto b = q2Attempt("b1", "T002", 64.0, 11, false);
  b.traineeName = "Wang, \"Er\"\nXiao";
  auto c = q2Attempt("c1", "T003", 55.0, 12);
  c.traineeName = "=SUM(A1)";
  c.scenario.id = "overhead_crane.practice_single_lift";
  c.scenario.hash = std::string(64, 'e'); // the store knows a scenario by its hash
  c.result.scenarioId = c.scenario.id;
  c.result.items = {{"hazards", "1", assessment::Category::Safety, 20.0, 15.0},
                    {"placing", "4", assessment::Category::Quality, 80.0, 40.0}};
  c.result.totalPoints = 55.0;
  c.result.deductions.clear();
  return {a, b, c};
}

TEST(ExportCommand, CsvHasAHeaderAndOneQuotedRowPerAttemptWithItemScoreColumns) {
  test::ScratchDir dir("export-csv");
  makeStore(dir.file("results.sqlite"), classAttempts());
  auto r = run({"export", "--db", dir.file("results.sqlite"), "--format", "csv", "--out",
                dir.file("class.csv")});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_EQ(r.out, "wrote " + dir.file("class.csv") + ": 3 attempt(s) of 3 trainee(s)\n");
  const std::string text = test::readText(dir.file("class.csv"));
  ASSERT_EQ(text.rfind("\xEF\xBB\xBF", 0), 0u) << "UTF-8 byte order mark";
  const auto csv = readCsv(text.substr(3));
  ASSERT_EQ(csv.size(), 4u); // header + 3 attempts (the quoted line break is inside a field)
  // The 21 fixed columns, then the items as they first appear: a1's three, then c1's new one.
  ASSERT_EQ(csv[0].size(), 25u);
  EXPECT_EQ(csv[0][0], "attempt_id");
  EXPECT_EQ(std::vector<std::string>(csv[0].begin() + 21, csv[0].end()),
            (std::vector<std::string>{"item_hazards", "item_path", "item_frames", "item_placing"}));
  for (const auto& row : csv) {
    EXPECT_EQ(row.size(), 25u);
  }
  EXPECT_EQ(cell(csv, 1, "attempt_id"), "a1");
  EXPECT_EQ(cell(csv, 1, "trainee_name"), "张三");
  EXPECT_EQ(cell(csv, 1, "start_utc"), "2026-11-10T08:00:00Z");
  EXPECT_EQ(cell(csv, 1, "score"), "90");
  EXPECT_EQ(cell(csv, 1, "passed"), "true");
  EXPECT_EQ(cell(csv, 1, "scenario_title"), "Q2 桥门式起重机司机实际操作考核");
  // path: 50 points less the 10-point deduction; the other two items in full.
  EXPECT_EQ(cell(csv, 1, "item_hazards"), "20");
  EXPECT_EQ(cell(csv, 1, "item_path"), "40");
  EXPECT_EQ(cell(csv, 1, "item_frames"), "30");
  EXPECT_EQ(cell(csv, 1, "item_placing"), "");
  EXPECT_EQ(cell(csv, 2, "trainee_name"), "Wang, \"Er\"\nXiao");
  EXPECT_EQ(cell(csv, 2, "item_path"), "14");
  EXPECT_EQ(cell(csv, 2, "passed"), "false");
  EXPECT_EQ(cell(csv, 2, "signature_valid"), "false");
  EXPECT_NE(text.find(",\"Wang, \"\"Er\"\"\nXiao\","), std::string::npos) << "RFC 4180 quoting";
  EXPECT_EQ(cell(csv, 3, "trainee_name"), "'=SUM(A1)"); // not evaluated by a spreadsheet
  EXPECT_EQ(cell(csv, 3, "scenario_id"), "overhead_crane.practice_single_lift");
  EXPECT_EQ(cell(csv, 3, "item_hazards"), "15");
  EXPECT_EQ(cell(csv, 3, "item_path"), "");
  EXPECT_EQ(cell(csv, 3, "item_frames"), "");
  EXPECT_EQ(cell(csv, 3, "item_placing"), "40");
}

TEST(ExportCommand, DateFiltersIncludeBothEdgeDaysWholeAndNothingOutside) {
  test::ScratchDir dir("export-dates");
  auto first = q2Attempt("first", "T001", 90.0, 1);
  first.startUtc = kNov10; // 2026-11-10T00:00:00Z
  auto last = q2Attempt("last", "T001", 90.0, 1);
  last.startUtc = kNov10 + 86399; // 2026-11-10T23:59:59Z
  auto next = q2Attempt("next", "T001", 90.0, 1);
  next.startUtc = kNov10 + 86400; // 2026-11-11T00:00:00Z
  auto before = q2Attempt("before", "T001", 90.0, 1);
  before.startUtc = kNov10 - 1; // 2026-11-09T23:59:59Z
  makeStore(dir.file("results.sqlite"), {before, first, last, next});
  auto ids = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = {"export", "--db",  dir.file("results.sqlite"), "--format",
                                     "json",   "--out", dir.file("a.json")};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = run(args);
    EXPECT_EQ(r.code, kExitOk) << r.err;
    std::vector<std::string> found;
    for (const json& a : json::parse(test::readText(dir.file("a.json")))) {
      found.push_back(a["attemptId"]);
    }
    return found;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(ids({"--from", "2026-11-10", "--to", "2026-11-10"}), (V{"first", "last"}));
  EXPECT_EQ(ids({"--from", "2026-11-11"}), (V{"next"}));
  EXPECT_EQ(ids({"--to", "2026-11-09"}), (V{"before"}));
  EXPECT_EQ(ids({"--to", "2026-11-10"}), (V{"before", "first", "last"}));
  EXPECT_EQ(ids({"--from", "2026-11-12"}), V{});
  EXPECT_EQ(ids({}), (V{"before", "first", "last", "next"}));

  for (const std::string bad : {"2026-02-30", "2026-11-10T00:00:00Z", "10/11/2026"}) {
    auto r = run({"export", "--db", dir.file("results.sqlite"), "--format", "csv", "--out",
                  dir.file("x.csv"), "--from", bad});
    EXPECT_EQ(r.code, kExitUsage) << bad;
    EXPECT_EQ(r.err, "skillsim export: --from '" + bad +
                         "': expected a day that exists, written YYYY-MM-DD (e.g. 2026-11-30)\n");
  }
  auto r = run({"export", "--db", dir.file("results.sqlite"), "--format", "csv", "--out",
                dir.file("x.csv"), "--from", "2026-11-11", "--to", "2026-11-10"});
  EXPECT_EQ(r.code, kExitUsage);
  EXPECT_EQ(r.err, "skillsim export: --from 2026-11-11 is after --to 2026-11-10\n");
}

TEST(ExportCommand, StartOfUtcDayMatchesHandWorkedDays) {
  EXPECT_EQ(startOfUtcDay("1970-01-01").value_or(-1), 0);
  EXPECT_EQ(startOfUtcDay("2026-11-10").value_or(-1), kNov10);
  // After the leap day of a 400-year leap year: 30 years of 365 days, 7 leap days, 31 + 29 days.
  EXPECT_EQ(startOfUtcDay("2000-03-01").value_or(-1), (30 * 365 + 7 + 31 + 29) * 86400);
  EXPECT_EQ(startOfUtcDay("1969-12-31").value_or(-1), -86400);
  EXPECT_FALSE(startOfUtcDay("2025-02-29").has_value());
  EXPECT_FALSE(startOfUtcDay("2026-1-10").has_value());
}

TEST(ExportCommand, ClassListKeepsItsOrderItsNamesAndOnlyItsTrainees) {
  test::ScratchDir dir("export-class");
  auto attempts = classAttempts();
  attempts[0].traineeName.clear(); // T001 has no stored name: the class list's is used
  makeStore(dir.file("results.sqlite"), attempts);
  test::writeText(dir.file("class.csv"), "trainee_id,name\nT002,ignored\nT001,李 \"四\"\nT009\n");
  auto r = run({"export", "--db", dir.file("results.sqlite"), "--class", dir.file("class.csv"),
                "--format", "json", "--out", dir.file("class.json")});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_EQ(r.out, "wrote " + dir.file("class.json") + ": 2 attempt(s) of 2 trainee(s)\n");
  EXPECT_EQ(r.err, "skillsim export: note: no attempts for 1 of the 3 trainees: T009 in " +
                       dir.file("results.sqlite") + " (check the ID)\n");
  const json all = json::parse(test::readText(dir.file("class.json")));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]["attemptId"], "b1");
  EXPECT_EQ(all[0]["traineeName"], "Wang, \"Er\"\nXiao"); // the stored name stays
  EXPECT_EQ(all[1]["attemptId"], "a1");
  EXPECT_EQ(all[1]["traineeName"], "李 \"四\"");
  EXPECT_EQ(all[1]["startUtc"], kNov10 + 8 * 3600);
  EXPECT_EQ(all[1]["result"]["totalPoints"], 90.0);
  EXPECT_EQ(all[1]["result"]["items"][1]["awardedPoints"], 40.0);

  r = run({"export", "--db", dir.file("results.sqlite"), "--trainee", "T003", "--format", "csv",
           "--out", dir.file("one.csv")});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  const auto csv = readCsv(test::readText(dir.file("one.csv")).substr(3));
  ASSERT_EQ(csv.size(), 2u);
  EXPECT_EQ(cell(csv, 1, "attempt_id"), "c1");
}

// Found by a new user: a mistyped trainee ID wrote an empty file and said nothing wrong.
TEST(ExportCommand, ATraineeWithNoAttemptsIsNamedNotExportedSilently) {
  test::ScratchDir dir("export-nobody");
  makeStore(dir.file("results.sqlite"), classAttempts());
  auto r = run({"export", "--db", dir.file("results.sqlite"), "--trainee", "T0O1", "--format",
                "csv", "--out", dir.file("x.csv")});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_EQ(r.out, "wrote " + dir.file("x.csv") + ": 0 attempt(s) of 0 trainee(s)\n");
  EXPECT_EQ(r.err, "skillsim export: note: no attempts for trainee T0O1 in " +
                       dir.file("results.sqlite") + " (check the ID)\n");
  // Known, but outside the dates: the note says where else to look.
  r = run({"export", "--db", dir.file("results.sqlite"), "--trainee", "T001", "--from",
           "2027-01-01", "--format", "csv", "--out", dir.file("y.csv")});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_EQ(r.err, "skillsim export: note: no attempts in the dates given for trainee T001 in " +
                       dir.file("results.sqlite") + " (check the ID and --from/--to)\n");
  // One with attempts: no note.
  r = run({"export", "--db", dir.file("results.sqlite"), "--trainee", "T001", "--format", "csv",
           "--out", dir.file("z.csv")});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_EQ(r.err, "");
}

// Found by a new user: `--out` naming the store replaced the results store with the CSV.
TEST(ExportCommand, AnOutFileThatIsTheStoreOrTheClassListIsRefusedAndBothStayIntact) {
  test::ScratchDir dir("export-overwrite");
  makeStore(dir.file("results.sqlite"), classAttempts());
  const std::string store = test::readText(dir.file("results.sqlite"));
  auto r = run({"export", "--db", dir.file("results.sqlite"), "--format", "csv", "--out",
                dir.file("results.sqlite")});
  EXPECT_EQ(r.code, kExitUsage);
  EXPECT_EQ(r.err, "skillsim export: --out " + dir.file("results.sqlite") +
                       " is the --db file it reads from; nothing was written (give another file "
                       "name)\n");
  EXPECT_EQ(test::readText(dir.file("results.sqlite")), store);
  // The same file by another path.
  r = run({"export", "--db", dir.file("results.sqlite"), "--format", "csv", "--out",
           dir.file("") + "/./results.sqlite"});
  EXPECT_EQ(r.code, kExitUsage) << r.err;
  EXPECT_EQ(test::readText(dir.file("results.sqlite")), store);
  test::writeText(dir.file("class.csv"), "trainee_id,name\nT001,张三\n");
  r = run({"export", "--db", dir.file("results.sqlite"), "--class", dir.file("class.csv"),
           "--format", "json", "--out", dir.file("class.csv")});
  EXPECT_EQ(r.code, kExitUsage);
  EXPECT_NE(r.err.find("is the --class file it reads from"), std::string::npos) << r.err;
  EXPECT_EQ(test::readText(dir.file("class.csv")), "trainee_id,name\nT001,张三\n");
  r = run({"export", "--db", dir.file("results.sqlite"), "--format", "csv", "--out",
           dir.file("all.csv")});
  ASSERT_EQ(r.code, kExitOk) << r.err; // the store still reads
  EXPECT_EQ(r.out, "wrote " + dir.file("all.csv") + ": 3 attempt(s) of 3 trainee(s)\n");
}

TEST(ExportCommand, BadClassListNamesItsFileAndLine) {
  test::ScratchDir dir("export-badclass");
  makeStore(dir.file("results.sqlite"), classAttempts());
  test::writeText(dir.file("class.csv"), "trainee_id,name\nT001\nT001,again\n");
  auto r = run({"export", "--db", dir.file("results.sqlite"), "--class", dir.file("class.csv"),
                "--format", "csv", "--out", dir.file("x.csv")});
  EXPECT_EQ(r.code, kExitFailure);
  EXPECT_EQ(r.err.rfind("skillsim export: " + dir.file("class.csv") + ":3:", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("T001"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("x.csv")));
}

TEST(ExportCommand, UnreachableOrMissingStoreIsAnErrorNotAnEmptyExport) {
  test::ScratchDir dir("export-nodb");
  auto r = run({"export", "--db", dir.file("no-such.sqlite"), "--format", "csv", "--out",
                dir.file("x.csv")});
  EXPECT_EQ(r.code, kExitFailure);
  EXPECT_EQ(r.err, "skillsim export: " + dir.file("no-such.sqlite") +
                       ": no results store there (give the SQLite file the workstations record "
                       "into, or a postgresql:// URL)\n");
  EXPECT_FALSE(std::filesystem::exists(dir.file("no-such.sqlite"))) << "no store made";
  // Port 1 on this machine: nothing listens, the connection is refused at once.
  r = run({"export", "--db", "postgresql://skillsim@127.0.0.1:1/centre", "--format", "csv", "--out",
           dir.file("x.csv")});
  EXPECT_EQ(r.code, kExitFailure);
  EXPECT_EQ(r.err.rfind("skillsim export: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("127.0.0.1"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("x.csv")));
}

TEST(ExportCommand, XapiStatementsPassTheValidatorAndFollowTheOutcomes) {
  test::ScratchDir dir("export-xapi");
  makeStore(dir.file("results.sqlite"), classAttempts());
  auto r = run({"export", "--db", dir.file("results.sqlite"), "--format", "xapi", "--out",
                dir.file("class.json")});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  const json all = json::parse(test::readText(dir.file("class.json")));
  // Per attempt (all completed): attempted, completed, then passed (a1) or failed (b1, c1).
  ASSERT_EQ(all.size(), 9u);
  const std::vector<std::string> verbs = {"attempted", "completed", "passed",
                                          "attempted", "completed", "failed",
                                          "attempted", "completed", "failed"};
  const std::vector<std::string> trainees = {"T001", "T002", "T003"};
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i]["verb"]["id"], "http://adlnet.gov/expapi/verbs/" + verbs[i]) << i;
    EXPECT_EQ(all[i]["actor"]["account"]["name"], trainees[i / 3]) << i;
  }
  EXPECT_EQ(all[2]["result"]["score"]["raw"], 90.0);
  EXPECT_EQ(all[2]["result"]["score"]["scaled"], 0.9);
  EXPECT_EQ(all[8]["result"]["score"]["raw"], 55.0);
  // b1's deduction is worded with the Q2 scenario's machine labels (the installed scenario of that
  // id), not its metric id (found by a new user: "load_swing_angle 11.5° over ...").
  const json& deductions =
      all[5]["result"]["extensions"]["https://skillsim.invalid/xapi/extensions/deductions"];
  ASSERT_EQ(deductions.size(), 1u) << all[5].dump();
  EXPECT_EQ(deductions[0]["text"], "load swing 11.5° over the 5.0° limit for 1.50 s")
      << deductions[0].dump();

  const std::string command = "node '" SKILLSIM_SOURCE_DIR "/tests/export/validate-xapi.js' '" +
                              dir.file("class.json") + "' > '" + dir.file("v.txt") + "' 2>&1";
  const int status = std::system(command.c_str());
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  const std::string output = test::readText(dir.file("v.txt"));
  ASSERT_NE(code, 127) << "node is not installed (Debian package nodejs; scripts/setup.sh)";
  ASSERT_NE(code, 2) << "the validator could not run (scripts/setup.sh):\n" << output;
  EXPECT_EQ(code, 0) << output;
  EXPECT_NE(output.find("9 statements, 0 warnings"), std::string::npos) << output;
}

} // namespace
} // namespace skillsim::app
