#include <skillsim/report/ReportWriter.h>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <numbers>
#include <regex>
#include <string>
#include <vector>

namespace skillsim::report {
namespace {

/** An attempt with `n` samples at 10 Hz on a circle of radius 5 m around (10, 0, 4). */
ReportAttempt attempt(const std::string& trainee, const std::string& name, std::size_t n) {
  ReportAttempt a;
  a.attemptId = "att-" + trainee;
  a.traineeId = trainee;
  a.traineeName = name;
  a.scenarioId = "q2_practical";
  a.scenarioTitle = "Q2 实操";
  a.startedAt = "2026-11-20T08:00:00Z";
  a.score = 85.0;
  a.maxScore = 100.0;
  a.passMark = 70.0;
  a.passed = true;
  a.verified = true;
  for (std::size_t i = 0; i < n; ++i) {
    double t = 0.1 * static_cast<double>(i);
    ReportSample s;
    s.time = t;
    s.planX = 10.0 + 5.0 * std::cos(t);
    s.planZ = 4.0 + 5.0 * std::sin(t);
    // The series below: swing (rad), then height (m).
    s.values = {0.05 * std::sin(3.0 * t), 2.5 + 0.5 * std::sin(t)};
    a.samples.push_back(s);
  }
  // The running score steps down by 15 at 2 s (a deduction); 4 points, not one per sample.
  if (n > 20) {
    double end = a.samples.back().time;
    a.scoreSeries = {{0.0, 100.0}, {2.0, 100.0}, {2.0, 85.0}, {end, 85.0}};
    a.deductions.push_back(ReportDeduction{2.0, a.samples[20].planX, a.samples[20].planZ, 15.0,
                                           "swing", "swing > 5° while setting down"});
  }
  ReportSeries swing{"swing", "Swing angle over time", "swing (°)", 180.0 / std::numbers::pi, 1.0,
                     {}};
  swing.bands.push_back(ReportBand{0.0, 1e9, -0.0873, 0.0873, "±5°"});
  ReportSeries height{"height", "Load height over time", "height (m)", 1.0, 0.5, {}};
  height.bands.push_back(ReportBand{0.0, 1.5, 2.0, 4.0, "A→B: 2–4 m"});
  height.bands.push_back(ReportBand{1.5, 3.0, 0.5, 1.0, "piles: 0.5–1 m"});
  a.series = {swing, height};
  a.zones.push_back(ReportZone{"A", 15.0, 4.0, 1.0});
  a.zones.push_back(ReportZone{"B", 5.0, 4.0, 1.0});
  return a;
}

ReportDocument document(const std::string& language) {
  ReportDocument doc;
  doc.title = "Class 2026-3 <crane> & \"Q2\"";
  doc.language = language;
  doc.attempts.push_back(attempt("T001", "Li <b>& \"Xiao\" O'Neil", 50));
  doc.attempts.push_back(attempt("T002", "王五", 31));
  doc.attempts[1].verified = false;
  doc.attempts[1].verificationNote = "no trace with hash 3f2a… under <traces> & co";
  doc.roster = makeReportRoster(doc.attempts);
  return doc;
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) {
    ++n;
  }
  return n;
}

/** The <svg class="plot plot-KIND"> elements, in order. */
std::vector<std::string> svgs(const std::string& html, const std::string& kind) {
  std::vector<std::string> out;
  std::string open = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot plot-" + kind + "\"";
  for (auto pos = html.find(open); pos != std::string::npos; pos = html.find(open, pos + 1)) {
    out.push_back(html.substr(pos, html.find("</svg>", pos) - pos));
  }
  return out;
}

/** The points of the one polyline in `svg`, as (x, y) pairs. */
std::vector<std::pair<double, double>> polylinePoints(const std::string& svg) {
  EXPECT_EQ(count(svg, "<polyline"), 1u);
  std::smatch m;
  std::regex re("<polyline class=\"series\" points=\"([^\"]*)\"");
  std::vector<std::pair<double, double>> points;
  if (!std::regex_search(svg, m, re)) {
    return points;
  }
  std::string list = m[1];
  std::size_t pos = 0;
  while (pos < list.size()) {
    std::size_t end = list.find(' ', pos);
    std::string point = list.substr(pos, end == std::string::npos ? end : end - pos);
    double x = 0;
    double y = 0;
    EXPECT_EQ(std::sscanf(point.c_str(), "%lf,%lf", &x, &y), 2) << point;
    points.emplace_back(x, y);
    pos = end == std::string::npos ? list.size() : end + 1;
  }
  return points;
}

std::filesystem::path writeFile(const std::string& name, const std::string& text) {
  std::filesystem::path dir = std::filesystem::path(SKILLSIM_TEST_OUTPUT_DIR) / "records";
  std::filesystem::create_directories(dir);
  std::filesystem::path path = dir / name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST(ReportWriter, IsWellFormedForXmllintInBothLanguages) {
  for (const std::string language : {"zh-CN", "en"}) {
    auto html = writeHtmlReport(document(language));
    ASSERT_TRUE(html) << html.error().toString();
    auto path = writeFile("report-" + language + ".html", *html);
    std::string command = "xmllint --noout '" + path.string() + "' 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    std::string output;
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) {
      output += buffer;
    }
    int status = pclose(pipe);
    EXPECT_EQ(status, 0) << "xmllint (Debian libxml2-utils, scripts/setup.sh) rejected " << path
                         << ":\n"
                         << output;
    EXPECT_EQ(output, "");
  }
}

TEST(ReportWriter, XmllintCatchesABrokenFile) {
  // The well-formedness check must be able to fail: an unclosed element is rejected.
  auto path = writeFile("broken.html", "<html><body><svg></body></html>\n");
  std::string command = "xmllint --noout '" + path.string() + "' >/dev/null 2>&1";
  EXPECT_NE(std::system(command.c_str()), 0);
}

TEST(ReportWriter, OneSvgPerPlotWithOnePointPerSample) {
  ReportDocument doc = document("en");
  auto html = writeHtmlReport(doc);
  ASSERT_TRUE(html) << html.error().toString();
  EXPECT_EQ(count(*html, "<svg "), 4 * doc.attempts.size());
  for (const std::string kind : {"score", "path", "swing", "height"}) {
    auto plots = svgs(*html, kind);
    ASSERT_EQ(plots.size(), doc.attempts.size()) << kind;
    for (std::size_t i = 0; i < plots.size(); ++i) {
      std::size_t expected =
          kind == "score" ? doc.attempts[i].scoreSeries.size() : doc.attempts[i].samples.size();
      EXPECT_EQ(polylinePoints(plots[i]).size(), expected) << kind;
    }
  }
  // One shaded band per band in the time range (swing 1, height 2), per attempt; the second
  // attempt ends at 3.0 s, so all bands are visible in both.
  for (const std::string& svg : svgs(*html, "swing")) {
    EXPECT_EQ(count(svg, "<rect class=\"band\""), 1u);
  }
  for (const std::string& svg : svgs(*html, "height")) {
    EXPECT_EQ(count(svg, "<rect class=\"band\""), 2u);
  }
  for (const std::string& svg : svgs(*html, "path")) {
    EXPECT_EQ(count(svg, "<circle class=\"deduction\""), 1u);
    EXPECT_EQ(count(svg, "<circle class=\"zone\""), 2u);
  }
  EXPECT_EQ(count(*html, "<table class=\"roster\">"), 1u);
}

TEST(ReportWriter, DeductionIsDrawnWhereTheLoadWas) {
  ReportDocument doc = document("en");
  auto html = writeHtmlReport(doc);
  ASSERT_TRUE(html);
  std::string path = svgs(*html, "path").front();
  auto points = polylinePoints(path);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(path, m,
                                std::regex("<circle class=\"deduction\" cx=\"([-0-9.]+)\" "
                                           "cy=\"([-0-9.]+)\"")));
  EXPECT_DOUBLE_EQ(std::stod(m[1]), points[20].first);
  EXPECT_DOUBLE_EQ(std::stod(m[2]), points[20].second);
  // Equal scale: the circle's horizontal extent (x 5..15, 10 m) and vertical (z -1..9, 10 m).
  double width = points[0].first - points[31].first;     // cos: x from 15 to 5 at t = pi
  double height = points[16].second - points[47].second; // z = 9 (t = pi/2) is below z = -1
  EXPECT_NEAR(width, height, 1.5);
  // Running score plot: the value steps down by 15 points at 2 s; y grows upwards on screen.
  auto score = polylinePoints(svgs(*html, "score").front());
  ASSERT_EQ(score.size(), 4u);
  EXPECT_GT(score[2].second, score[1].second);
  EXPECT_DOUBLE_EQ(score[2].first, score[1].first);
}

TEST(ReportWriter, EscapesTraineeNamesAndTitles) {
  auto html = writeHtmlReport(document("en"));
  ASSERT_TRUE(html);
  EXPECT_EQ(html->find("Li <b>"), std::string::npos);
  EXPECT_EQ(html->find("<crane>"), std::string::npos);
  EXPECT_NE(html->find("Li &lt;b&gt;&amp; &quot;Xiao&quot; O&#39;Neil"), std::string::npos);
  EXPECT_NE(html->find("<title>Class 2026-3 &lt;crane&gt; &amp; &quot;Q2&quot;</title>"),
            std::string::npos);
  EXPECT_NE(html->find("trace NOT verified"), std::string::npos);
  // The verification note: once, escaped, only for the attempt that has one.
  EXPECT_EQ(count(*html, "<p class=\"note\">"), 1u);
  EXPECT_NE(html->find("<p class=\"note\">no trace with hash 3f2a… under &lt;traces&gt; &amp; "
                       "co</p>"),
            std::string::npos);
}

TEST(ReportWriter, ChineseLabelsAndRoster) {
  ReportDocument doc = document("zh-CN");
  auto html = writeHtmlReport(doc);
  ASSERT_TRUE(html);
  EXPECT_NE(html->find("lang=\"zh-CN\""), std::string::npos);
  EXPECT_NE(html->find("班级名册"), std::string::npos);
  EXPECT_NE(html->find("轨迹未通过验证"), std::string::npos);
  ASSERT_EQ(doc.roster.size(), 2u);
  EXPECT_EQ(doc.roster[0].verifiedAttempts, 1u);
  EXPECT_EQ(doc.roster[1].verifiedAttempts, 0u);
  EXPECT_FALSE(doc.roster[1].bestPercent.has_value()); // unverified scores are not shown as best
  EXPECT_NE(html->find("<td class=\"num\">85.0%</td>"), std::string::npos);
}

TEST(ReportWriter, RosterBestAndLatestFromVerifiedAttempts) {
  std::vector<ReportAttempt> attempts{attempt("T1", "A", 2), attempt("T1", "A", 2),
                                      attempt("T1", "A", 2)};
  attempts[0].score = 90.0;
  attempts[0].startedAt = "2026-11-01T08:00:00Z";
  attempts[1].score = 60.0;
  attempts[1].passed = false;
  attempts[1].startedAt = "2026-11-05T08:00:00Z";
  attempts[2].score = 99.0;
  attempts[2].verified = false;
  attempts[2].startedAt = "2026-11-09T08:00:00Z";
  auto roster = makeReportRoster(attempts);
  ASSERT_EQ(roster.size(), 1u);
  EXPECT_EQ(roster[0].attempts, 3u);
  EXPECT_EQ(roster[0].verifiedAttempts, 2u);
  EXPECT_EQ(roster[0].passedAttempts, 1u);
  EXPECT_DOUBLE_EQ(*roster[0].bestPercent, 90.0);
  EXPECT_DOUBLE_EQ(*roster[0].latestPercent, 60.0);
}

TEST(ReportWriter, EmptyAttemptHasNoPolyline) {
  ReportDocument doc;
  doc.language = "en";
  doc.attempts.push_back(attempt("T9", "Empty", 0));
  auto html = writeHtmlReport(doc);
  ASSERT_TRUE(html) << html.error().toString();
  EXPECT_EQ(count(*html, "<svg "), 4u);
  EXPECT_EQ(count(*html, "<polyline"), 0u);
  EXPECT_EQ(count(*html, "no samples"), 4u);
}

TEST(ReportWriter, BadDataIsAnErrorNamingTheAttempt) {
  ReportDocument doc = document("en");
  doc.attempts[1].samples[7].values[0] = std::numeric_limits<double>::quiet_NaN();
  auto html = writeHtmlReport(doc);
  ASSERT_FALSE(html);
  EXPECT_EQ(html.error().message, "report: attempt 'att-T002': samples[7] has a non-finite value");

  doc = document("en");
  doc.attempts[0].scoreSeries[3].score = std::numeric_limits<double>::infinity();
  html = writeHtmlReport(doc);
  ASSERT_FALSE(html);
  EXPECT_EQ(html.error().message,
            "report: attempt 'att-T001': scoreSeries[3] has a non-finite value");

  doc = document("en");
  doc.attempts[0].samples[3].time = 0.05;
  html = writeHtmlReport(doc);
  ASSERT_FALSE(html);
  EXPECT_EQ(html.error().message,
            "report: attempt 'att-T001': samples[3].time 0.050 s is before the previous "
            "sample's 0.200 s; times must not decrease");

  doc = document("fr");
  html = writeHtmlReport(doc);
  ASSERT_FALSE(html);
  EXPECT_EQ(html.error().message, "report: language 'fr' is not supported (zh-CN or en)");

  doc = document("en");
  doc.attempts[0].series[1].bands[0].high = 1.0;
  html = writeHtmlReport(doc);
  ASSERT_FALSE(html);
  EXPECT_NE(html.error().message.find("band 'A→B: 2–4 m' needs start <= end and low <= high"),
            std::string::npos);
}

TEST(ReportWriter, ProgressIsReportedPerAttempt) {
  std::vector<std::pair<std::size_t, std::size_t>> calls;
  auto html = writeHtmlReport(document("en"), [&](std::size_t done, std::size_t total) {
    calls.emplace_back(done, total);
  });
  ASSERT_TRUE(html);
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0], std::make_pair(std::size_t{1}, std::size_t{2}));
  EXPECT_EQ(calls[1], std::make_pair(std::size_t{2}, std::size_t{2}));
}

TEST(ReportWriter, ProgressBarText) {
  EXPECT_EQ(formatReportProgressBar(9, 20, 20), "[#########-----------]  45% 9/20 attempts");
  EXPECT_EQ(formatReportProgressBar(25, 20, 10), "[##########] 100% 20/20 attempts");
  EXPECT_EQ(formatReportProgressBar(0, 0, 4), "[####] 100% 0/0 attempts");
}

TEST(ReportWriter, SameDataSameBytes) {
  auto a = writeHtmlReport(document("zh-CN"));
  auto b = writeHtmlReport(document("zh-CN"));
  ASSERT_TRUE(a && b);
  EXPECT_EQ(*a, *b);
}

} // namespace
} // namespace skillsim::report

namespace skillsim::report {

TEST(ReportWriterGuide, PathPlotDrawsTheCourseWithALegendAndLabelsThatDoNotOverlap) {
  ReportDocument doc = document("en");
  ReportAttempt& a = doc.attempts[0];
  // Two circles whose labels would sit on the same spot, a box zone and two bodies.
  a.zones.push_back(ReportZone{"gate_one", 10.0, 4.0, 0.0, 0.2, 0.6, false});
  a.zones.push_back(ReportZone{"gate_two", 10.05, 4.0, 0.0, 0.2, 0.6, false});
  a.zones.push_back(ReportZone{"pile", 12.0, 6.0, 0.15, 0.0, 0.0, true});
  a.zones.push_back(ReportZone{"frame_bar", 8.0, 2.0, 0.0, 0.1, 1.6, true});
  auto html = writeHtmlReport(doc);
  ASSERT_TRUE(html) << html.error().toString();
  const std::string path = svgs(*html, "path").front();
  EXPECT_EQ(count(path, "<circle class=\"zone\""), 2u);
  EXPECT_EQ(count(path, "<rect class=\"zone\""), 2u);
  EXPECT_EQ(count(path, "<circle class=\"body\""), 1u);
  EXPECT_EQ(count(path, "<rect class=\"body\""), 1u);
  // The legend names the path, deductions, zones and the course's bodies.
  EXPECT_EQ(count(path, "<g class=\"legend\">"), 1u);
  for (const char* word :
       {">load path<", ">deduction (click to jump)<", ">zone<", ">course (piles, frames)<"}) {
    EXPECT_NE(path.find(word), std::string::npos) << word;
  }
  // Zone labels (bodies are not labelled): no two label boxes overlap.
  std::regex re("<text class=\"zlabel\" x=\"([-0-9.]+)\" y=\"([-0-9.]+)\" "
                "text-anchor=\"middle\">([^<]*)</text>");
  struct Label {
    double x, y, w;
  };
  std::vector<Label> labels;
  for (std::sregex_iterator it(path.begin(), path.end(), re), end; it != end; ++it) {
    labels.push_back(
        {std::stod((*it)[1]), std::stod((*it)[2]), 6.2 * static_cast<double>((*it)[3].length())});
  }
  ASSERT_EQ(labels.size(), 4u); // A, B, gate_one, gate_two
  for (std::size_t i = 0; i < labels.size(); ++i) {
    for (std::size_t j = i + 1; j < labels.size(); ++j) {
      const bool apartX = std::abs(labels[i].x - labels[j].x) >= 0.5 * (labels[i].w + labels[j].w);
      const bool apartY = std::abs(labels[i].y - labels[j].y) >= 12.0;
      EXPECT_TRUE(apartX || apartY) << i << " and " << j << " overlap";
    }
  }
  // The legend sits below the axis label, inside the taller picture: nothing overlaps it.
  EXPECT_NE(path.find("height=\"280\""), std::string::npos);
  EXPECT_NE(path.find("<text class=\"legend-text\" x=\"84.0\" y=\"272.0\">load path</text>"),
            std::string::npos);
}

TEST(ReportWriterGuide, TimePlotsHaveLegendsAndDeductionsLinkToTheirTime) {
  auto html = writeHtmlReport(document("en"));
  ASSERT_TRUE(html);
  const std::string score = svgs(*html, "score").front();
  EXPECT_NE(score.find(">score<"), std::string::npos);
  EXPECT_NE(score.find(">deduction (click to jump)<"), std::string::npos);
  const std::string swing = svgs(*html, "swing").front();
  EXPECT_NE(swing.find(">swing (°)<"), std::string::npos);
  EXPECT_NE(swing.find(">allowed range<"), std::string::npos);
  // The deduction at 2 s: its table row links to the marker on the score plot, which links back.
  EXPECT_NE(score.find("<a href=\"#a1-row-1\"><line class=\"dmark\" id=\"a1-d1\""),
            std::string::npos);
  EXPECT_NE(html->find("<tr id=\"a1-row-1\"><td class=\"num\"><a href=\"#a1-d1\">2.00</a></td>"),
            std::string::npos);
  // Every readout plot marks the deduction's time too.
  EXPECT_EQ(count(swing, "<line class=\"dmark\""), 1u);
  // The path plot's deduction dot links to the same row.
  EXPECT_NE(svgs(*html, "path").front().find("<a href=\"#a1-row-1\"><circle class=\"deduction\""),
            std::string::npos);
}

TEST(ReportWriterGuide, AGatedSeriesIsDrawnOnlyWhereItIsValid) {
  ReportDocument doc = document("en");
  ReportAttempt& a = doc.attempts[0];
  a.series[0].validNote = "shown only while: load on the hook";
  // Valid from sample 10 to 29 only (the load hooked on at 1 s, set down at 3 s).
  for (std::size_t i = 0; i < a.samples.size(); ++i) {
    a.samples[i].valid = {i >= 10 && i < 30, true};
  }
  // An invalid sample may hold anything far off: it must not stretch the y axis.
  a.samples[40].values[0] = 50.0;
  auto html = writeHtmlReport(doc);
  ASSERT_TRUE(html) << html.error().toString();
  const std::string swing = svgs(*html, "swing").front();
  ASSERT_EQ(count(swing, "<polyline"), 1u);
  std::smatch m;
  ASSERT_TRUE(
      std::regex_search(swing, m, std::regex("<polyline class=\"series\" points=\"([^\"]*)\"")));
  EXPECT_EQ(std::count(m[1].first, m[1].second, ','), 20); // samples 10..29
  EXPECT_NE(swing.find(">shown only while: load on the hook<"), std::string::npos);
  // The y axis is set by the valid values only (|swing| <= 2.9°): no tick at 50.
  EXPECT_EQ(swing.find(">50<"), std::string::npos);
  // Two stretches give two polylines; the height series (always valid) keeps one.
  for (std::size_t i = 0; i < a.samples.size(); ++i) {
    a.samples[i].valid = {i < 5 || i >= 45, true};
  }
  html = writeHtmlReport(doc);
  ASSERT_TRUE(html);
  EXPECT_EQ(count(svgs(*html, "swing").front(), "<polyline"), 2u);
  EXPECT_EQ(count(svgs(*html, "height").front(), "<polyline"), 1u);
  // A validity list of the wrong size is refused.
  a.samples[3].valid = {true};
  html = writeHtmlReport(doc);
  ASSERT_FALSE(html);
  EXPECT_EQ(html.error().message,
            "report: attempt 'att-T001': samples[3] has 1 validity flags for 2 values");
}

} // namespace skillsim::report

namespace skillsim::report {

TEST(ReportWriterGuide, ZonesShowTheirLabelNotTheirId) {
  ReportDocument doc = document("zh-CN");
  ReportAttempt& a = doc.attempts[0];
  a.zones.clear();
  ReportZone b{"circle_b", 14.0, 6.0, 0.6, 0.0, 0.0, false};
  b.label = "B 圈";
  a.zones.push_back(b);
  a.zones.push_back(ReportZone{"gate_one", 10.0, 4.0, 0.0, 0.2, 0.6, false}); // no label
  auto html = writeHtmlReport(doc);
  ASSERT_TRUE(html) << html.error().toString();
  const std::string path = svgs(*html, "path").front();
  EXPECT_NE(path.find("text-anchor=\"middle\">B 圈</text>"), std::string::npos) << path;
  EXPECT_NE(path.find("<title>B 圈</title>"), std::string::npos);
  EXPECT_EQ(path.find(">circle_b<"), std::string::npos);
  EXPECT_NE(path.find("text-anchor=\"middle\">gate_one</text>"), std::string::npos);
}

} // namespace skillsim::report
