#include "RecordsTestSupport.h"

#include <skillsim/export/CsvExport.h>
#include <skillsim/export/XapiExport.h>
#include <skillsim/records/ResultJson.h>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <sys/wait.h>

namespace skillsim::exporting {
namespace {

using nlohmann::json;
using records::AttemptMode;
using records::AttemptRecord;
using records::test::sampleRecord;
using records::test::TempDir;

std::vector<AttemptRecord> roster() {
  AttemptRecord quoted = sampleRecord("att-2", "t-2", 64.0, /*vetoed=*/true);
  quoted.traineeName = "Li \"Xiao\" Ming, jr";
  quoted.scenario.title = "=HYPERLINK(\"http://x\")";
  AttemptRecord stopped = sampleRecord("att-3", "t-3", 12.5);
  stopped.result.completed = false;
  stopped.mode = AttemptMode::Practice;
  return {sampleRecord("att-1", "t-1", 82.5), quoted, stopped};
}

TEST(CsvExport, OneRowPerAttemptQuotedPerRfc4180) {
  const auto records = roster();
  const std::string csv = attemptsToCsv(records);
  ASSERT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0u) << "UTF-8 byte order mark first";
  std::vector<std::string> lines;
  for (std::size_t start = 3, end; (end = csv.find("\r\n", start)) != std::string::npos;
       start = end + 2) {
    lines.push_back(csv.substr(start, end - start));
  }
  ASSERT_EQ(lines.size(), 4u); // header + 3 attempts, every line CRLF-terminated
  EXPECT_EQ(lines[0].substr(0, 39), "attempt_id,trainee_id,trainee_name,scen");
  EXPECT_EQ(lines[1],
            "att-1,t-1,张伟 t-1,crane/q2_bucket_path,桥式起重机 Q2 实操：吊桶曲线运行,1.0," +
                std::string(64, 'a') + ",exam,2026-12-01T01:22:30Z,30,82.5,100,70,true," +
                "false,true,中级,2,17.5," + std::string(64, 'b') + ",true");
  EXPECT_NE(lines[2].find(",\"Li \"\"Xiao\"\" Ming, jr\","), std::string::npos) << lines[2];
  EXPECT_NE(lines[2].find(",\"'=HYPERLINK(\"\"http://x\"\")\","), std::string::npos) << lines[2];
  EXPECT_NE(lines[2].find(",true,true,,2,"), std::string::npos) << "failed, vetoed: " << lines[2];
  EXPECT_NE(lines[3].find(",practice,"), std::string::npos);
  EXPECT_NE(lines[3].find(",false,false,false,,2,"), std::string::npos) << lines[3];
  EXPECT_EQ(attemptsToCsv(records, {.byteOrderMark = false}).rfind("attempt_id", 0), 0u);
}

TEST(CsvExport, DeductionsOneRowEachWithTheFindingAndItsEnglishText) {
  const auto records = roster();
  auto english =
      messages::MessageTemplates::load(std::string(SKILLSIM_SOURCE_DIR) + "/assets", "en");
  ASSERT_TRUE(english) << english.error().toString();
  ExportText text;
  text.english = &*english;
  sim::MachineDecl machine;
  machine.metrics.push_back(
      {"load_swing_angle", sim::Unit::Radian, 0.0, 1.6, "载荷摆角", "load swing"});
  text.contexts[records[0].scenario.id].machine = &machine;
  const std::string csv = deductionsToCsv(records, text, {.byteOrderMark = false});
  std::vector<std::string> lines;
  for (std::size_t at = 0, next; at < csv.size(); at = next + 2) {
    next = csv.find("\r\n", at);
    lines.push_back(csv.substr(at, next - at));
  }
  // 3 attempts x 2 deductions + 1 veto, and the header.
  ASSERT_EQ(lines.size(), 8u) << csv;
  EXPECT_EQ(lines[0].rfind("attempt_id,trainee_id,scenario_id,entry,time_s,item_id,", 0), 0u);
  EXPECT_EQ(lines[2], "att-1,t-1,crane/q2_bucket_path,deduction,20,path,swing,12.5,metric_band,"
                      "load_swing_angle,,rad,0.31,above,0.2,0,0.5,,,,,,0,0,0,"
                      "load swing 17.8° over the 11.5° limit for 0.50 s");
  EXPECT_NE(lines[5].find(",veto,20.8333333333,hazard,load_drop,0,veto,"), std::string::npos)
      << lines[5];
  EXPECT_NE(lines[5].find(",load,,load_dropped,"), std::string::npos) << lines[5];
}

TEST(JsonExport, ArrayHoldsEveryAttemptWithItsFullResult) {
  const auto records = roster();
  const json all = json::parse(records::attemptsToJson(records));
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[1]["result"]["format"], 2);
  EXPECT_EQ(all[1]["result"]["vetoes"][0]["finding"]["event"], "load_dropped");
  EXPECT_EQ(all[1]["result"]["vetoes"][0]["finding"]["kind"], "veto");
  EXPECT_FALSE(all[1]["result"]["vetoes"][0].contains("reason")); // data, not text
  EXPECT_EQ(all[0]["result"]["deductions"][1]["position"], json::array({3.0, 2.5, 0.5}));
  EXPECT_EQ(all[0]["result"]["items"].size(), 3u);
  EXPECT_EQ(all[2]["result"]["completed"], false);
}

TEST(XapiExport, VerbsFollowTheAttemptsOutcome) {
  const auto records = roster();
  auto verbs = [](const AttemptRecord& a) {
    std::vector<std::string> out;
    for (const std::string& s : attemptToXapi(a)) {
      out.push_back(json::parse(s)["verb"]["id"]);
    }
    return out;
  };
  const std::string adl = "http://adlnet.gov/expapi/verbs/";
  EXPECT_EQ(verbs(records[0]),
            (std::vector<std::string>{adl + "attempted", adl + "completed", adl + "passed"}));
  EXPECT_EQ(verbs(records[1]),
            (std::vector<std::string>{adl + "attempted", adl + "completed", adl + "failed"}));
  EXPECT_EQ(verbs(records[2]), (std::vector<std::string>{adl + "attempted", adl + "failed"}));
}

TEST(XapiExport, ResultCarriesScoreSuccessCompletionDurationAndDeductions) {
  AttemptRecord a = sampleRecord("att-1", "t-1", 82.5);
  a.result.duration = 3725.256;
  XapiOptions options;
  auto english =
      messages::MessageTemplates::load(std::string(SKILLSIM_SOURCE_DIR) + "/assets", "en");
  ASSERT_TRUE(english) << english.error().toString();
  options.text.english = &*english;
  options.text.contexts[a.scenario.id].names = {{"bucket", {"水桶", "the bucket"}},
                                                {"pile_2", {"2 号桩", "pile 2"}}};
  const auto statements = attemptToXapi(a, options);
  ASSERT_EQ(statements.size(), 3u);
  const json passed = json::parse(statements[2]);
  const json& result = passed["result"];
  EXPECT_DOUBLE_EQ(result["score"]["scaled"].get<double>(), 0.825);
  EXPECT_EQ(result["score"]["raw"], 82.5);
  EXPECT_EQ(result["score"]["min"], 0.0);
  EXPECT_EQ(result["score"]["max"], 100.0);
  EXPECT_EQ(result["success"], true);
  EXPECT_EQ(result["completion"], true);
  EXPECT_EQ(result["duration"], "PT1H2M5.26S");
  const json& deductions =
      result["extensions"]["https://skillsim.invalid/xapi/extensions/deductions"];
  ASSERT_EQ(deductions.size(), 2u);
  EXPECT_EQ(deductions[0]["text"], "the bucket touched pile 2"); // English, from the templates
  EXPECT_EQ(deductions[0]["finding"]["kind"], "contact");
  EXPECT_EQ(deductions[0]["finding"]["other"], "pile_2");
  EXPECT_EQ(deductions[0]["finding"]["occurrence"], 1);
  EXPECT_EQ(deductions[1]["finding"]["metric"], "load_swing_angle");
  EXPECT_EQ(deductions[1]["finding"]["unit"], "rad");
  EXPECT_EQ(deductions[1]["finding"]["side"], "above");
  EXPECT_EQ(deductions[1]["finding"]["limit"], 0.2);
  // No machine declared here: the metric is named by its id, the angle still in degrees.
  EXPECT_EQ(deductions[1]["text"], "load_swing_angle 17.8° over the 11.5° limit for 0.50 s");
  EXPECT_EQ(deductions[0]["points"], 5.0);
  EXPECT_EQ(passed["verb"]["display"]["zh-CN"], "通过");
  EXPECT_EQ(passed["verb"]["display"]["en"], "passed");
  EXPECT_EQ(passed["object"]["definition"]["name"]["zh-CN"], a.scenario.title);
  EXPECT_EQ(passed["object"]["definition"]["name"]["en"], a.scenario.titleEn);
  EXPECT_EQ(passed["object"]["id"], "https://skillsim.invalid/scenarios/crane/q2_bucket_path");
  EXPECT_EQ(passed["actor"]["account"]["name"], "t-1");
  EXPECT_EQ(passed["timestamp"], "2026-12-01T02:24:35.256Z"); // start 01:22:30 + 3725.256 s
  const json& categories = passed["context"]["contextActivities"]["category"];
  EXPECT_EQ(categories[0]["id"], "https://w3id.org/xapi/cmi5/context/categories/cmi5");
  EXPECT_EQ(categories[1]["id"], "https://w3id.org/xapi/cmi5/context/categories/moveon");
  EXPECT_EQ(passed["context"]["extensions"]["https://w3id.org/xapi/cmi5/context/extensions/"
                                            "sessionid"],
            "att-1");
  const json completed = json::parse(statements[1]);
  EXPECT_EQ(completed["result"]["completion"], true);
  EXPECT_FALSE(completed["result"].contains("success"));
  const json attempted = json::parse(statements[0]);
  EXPECT_FALSE(attempted.contains("result"));
  EXPECT_EQ(attempted["timestamp"], "2026-12-01T01:22:30.000Z");
  // Same attempt, same statement ids; another attempt, other ids; one registration per attempt.
  EXPECT_EQ(json::parse(attemptToXapi(a)[2])["id"], passed["id"]);
  EXPECT_NE(json::parse(attemptToXapi(sampleRecord("att-9", "t-1"))[2])["id"], passed["id"]);
  EXPECT_EQ(attempted["context"]["registration"], passed["context"]["registration"]);
  EXPECT_NE(attempted["id"], passed["id"]);
}

/** Runs tests/export/validate-xapi.js on `statements`; returns its exit code and output. */
std::pair<int, std::string> validateWithNode(const std::string& statements, const TempDir& dir) {
  const auto input = dir / "statements.json";
  const auto output = dir / "validator.txt";
  records::test::writeFile(input, statements);
  const std::string command = "node '" SKILLSIM_SOURCE_DIR "/tests/export/validate-xapi.js' '" +
                              input.string() + "' > '" + output.string() + "' 2>&1";
  const int status = std::system(command.c_str());
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return {code, records::test::readFile(output)};
}

TEST(XapiExport, EveryStatementPassesLearningLockersValidatorWithoutWarnings) {
  TempDir dir("xapi");
  const auto records = roster();
  const auto [code, output] = validateWithNode(attemptsToXapi(records), dir);
  ASSERT_NE(code, 127) << "node is not installed (Debian package nodejs; scripts/setup.sh)";
  ASSERT_NE(code, 2) << "the validator could not run; scripts/setup.sh installs it with npm ci:\n"
                     << output;
  EXPECT_EQ(code, 0) << output;
  EXPECT_NE(output.find("8 statements, 0 warnings"), std::string::npos) << output;
}

TEST(XapiExport, TheValidatorCatchesABadStatement) {
  // The check above can fail: a score whose minimum exceeds its maximum is reported.
  TempDir dir("xapi-bad");
  std::string statements = attemptsToXapi(std::vector{sampleRecord("att-1", "t-1")});
  const auto at = statements.find("\"min\": 0.0");
  ASSERT_NE(at, std::string::npos) << statements;
  statements.replace(at, 10, "\"min\": 500");
  const auto [code, output] = validateWithNode(statements, dir);
  EXPECT_EQ(code, 1) << output;
  EXPECT_NE(output.find("statement 2 (http://adlnet.gov/expapi/verbs/passed): "
                        "statement.result.score: MinMoreThanMaxWarning"),
            std::string::npos)
      << output;
  EXPECT_EQ(output.find("statement 0"), std::string::npos) << output;
}

} // namespace
} // namespace skillsim::exporting
