#include "CertifyCommandTestSupport.h"

#include <skillsim/scenario/ScenarioLoader.h>

#include <cstdlib>

namespace skillsim::app {
namespace {

using test::makeStore;
using test::q2Attempt;
using test::run;

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) {
    ++n;
  }
  return n;
}

TEST(ReportCommand, ClassReportFromAHandMadeStore) {
  test::ScratchDir dir("report-class");
  makeStore(dir.file("results.sqlite"),
            {q2Attempt("a1", "T001", 90.0, 10), q2Attempt("a2", "T001", 70.0, 20),
             q2Attempt("b1", "T002", 64.0, 11, false)});
  test::writeText(dir.file("theory.csv"), "trainee_id,score\nT001,75\n");
  auto certified =
      run({"certify", "--trainee", "T001", "--certificate", "q2_overhead_crane_licence", "--db",
           dir.file("results.sqlite"), "--certificates", test::kCertificates, "--theory-scores",
           dir.file("theory.csv"), "--date", "2026-11-29"});
  ASSERT_EQ(certified.code, kExitOk) << certified.out << certified.err;
  test::writeText(dir.file("class.txt"), "trainee_id,name\nT001,张三\nT002\nT003,Absent <A>\n");

  auto r = run({"report", "--class", dir.file("class.txt"), "--db", dir.file("results.sqlite"),
                "--out", dir.file("class.html"), "--lang", "en"});
  ASSERT_EQ(r.code, kExitOk) << r.out << r.err;
  EXPECT_EQ(r.out, "wrote " + dir.file("class.html") + ": 3 trainee(s), 3 attempt(s)\n");
  std::string html = test::readText(dir.file("class.html"));
  // No scenario folder: the machine (and so its plotted readouts) is unknown, so each attempt
  // has its score plot and ground plan only.
  EXPECT_EQ(count(html, "<svg "), 2u * 3u);
  EXPECT_EQ(count(html, "<tr><td>T00"), 3u); // roster rows, the absent trainee included
  EXPECT_NE(html.find("<td>Absent &lt;A&gt;</td>"), std::string::npos);
  EXPECT_NE(html.find("q2_overhead_crane_licence: awarded (2026-11-29 – 2030-11-29)"),
            std::string::npos);
  EXPECT_NE(html.find("Li &lt;Si&gt; &amp; &quot;Wu&quot;"), std::string::npos);
  EXPECT_NE(html.find("trace NOT verified"), std::string::npos);
  // Running score of a1: 100 until the 10-point deduction at 30 s, then 90 to the end: 4 points.
  std::size_t first = html.find("class=\"plot plot-score\"");
  std::size_t points = html.find("points=\"", first);
  std::string list = html.substr(points + 8, html.find('"', points + 8) - points - 8);
  EXPECT_EQ(count(list, ","), 4u) << list;

  std::string command = "xmllint --noout '" + dir.file("class.html") + "' 2>&1";
  EXPECT_EQ(std::system(command.c_str()), 0);
}

TEST(ReportCommand, GroundPlanShowsTheZonesOfTheScenarioVersionUsed) {
  test::ScratchDir dir("report-zones");
  auto q2 = scenario::loadScenario(std::string(SKILLSIM_SOURCE_DIR) +
                                   "/scenarios/overhead_crane/q2_practical.toml");
  ASSERT_TRUE(q2) << q2.error().toString();
  auto same = q2Attempt("z1", "T001", 88.0, 10);
  same.scenario.hash = core::toHex(q2->hash);
  auto other = q2Attempt("z2", "T001", 88.0, 11); // another version of the scenario: no zones
  makeStore(dir.file("results.sqlite"), {same, other});
  auto r =
      run({"report", "--trainee", "T001", "--db", dir.file("results.sqlite"), "--out",
           dir.file("zones.html"), "--scenarios", std::string(SKILLSIM_SOURCE_DIR) + "/scenarios"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  std::string html = test::readText(dir.file("zones.html"));
  // Every zone and static body of the course, counted by hand in q2_practical.toml (not from
  // report::reportZones, which draws them): 4 cylinder zones (circles A, B, C, the person area),
  // 6 box zones (3 weave gates, 2 frame gates, the walkway), 3 piles and the signal person
  // (circles), 6 frame posts and bars (rectangles): 20 shapes.
  EXPECT_EQ(count(html, "<circle class=\"zone\""), 4u);
  EXPECT_EQ(count(html, "<rect class=\"zone\""), 6u);
  EXPECT_EQ(count(html, "<circle class=\"body\""), 4u);
  EXPECT_EQ(count(html, "<rect class=\"body\""), 6u);
  // Shown by the scenario's [labels] in the report's language (zh-CN by default), not by id.
  EXPECT_NE(html.find("<title>B 圈</title>"), std::string::npos);
  EXPECT_NE(html.find("text-anchor=\"middle\">B 圈</text>"), std::string::npos);
  EXPECT_EQ(html.find("<title>circle_b</title>"), std::string::npos);
}

TEST(ReportCommand, OneTraineeInChineseAndUsageErrors) {
  test::ScratchDir dir("report-one");
  makeStore(dir.file("results.sqlite"), {q2Attempt("a1", "T001", 81.0, 10)});
  auto r = run({"report", "--trainee", "T001", "--db", dir.file("results.sqlite"), "--out",
                dir.file("one.html")});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  std::string html = test::readText(dir.file("one.html"));
  EXPECT_NE(html.find("lang=\"zh-CN\""), std::string::npos);
  EXPECT_NE(html.find("Q2 桥门式起重机司机实际操作考核"), std::string::npos);

  r = run({"report", "--db", dir.file("results.sqlite"), "--out", dir.file("x.html")});
  EXPECT_EQ(r.code, kExitUsage);
  EXPECT_EQ(r.err, "skillsim report: give exactly one of --trainee ID and --class FILE\n");
  r = run({"report", "--trainee", "T001", "--class", "c.txt", "--out", dir.file("x.html")});
  EXPECT_EQ(r.code, kExitUsage);
  r = run({"report", "--class", dir.file("missing.txt"), "--db", dir.file("results.sqlite"),
           "--out", dir.file("x.html")});
  EXPECT_EQ(r.code, kExitFailure);
  EXPECT_NE(r.err.find("missing.txt: no such class list file"), std::string::npos) << r.err;
}

} // namespace
} // namespace skillsim::app
