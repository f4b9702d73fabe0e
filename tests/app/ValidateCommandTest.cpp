#include <skillsim/app/Cli.h>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

using skillsim::app::runCli;

namespace {

struct ValidateRun {
  int code;
  std::string out;
  std::string err;
};

ValidateRun validate(std::vector<std::string> args) {
  args.insert(args.begin(), "validate");
  std::ostringstream out;
  std::ostringstream err;
  int code = runCli(args, out, err);
  return {code, out.str(), err.str()};
}

std::string source(const char* path) { return std::string(SKILLSIM_SOURCE_DIR) + "/" + path; }

std::string badScenario(const std::string& name) {
  std::ifstream in(source("scenarios/overhead_crane/practice_single_lift.toml"));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto at = text.find("mass = 400.0");
  text.replace(at, 12, "masss = 400.0");
  at = text.find("threshold = 3.0");
  text.replace(at, 15, "threshold = \"high\"");
  std::filesystem::path dir = std::filesystem::path(SKILLSIM_TEST_OUTPUT_DIR) / "validate";
  std::filesystem::create_directories(dir);
  std::filesystem::path path = dir / name;
  std::ofstream(path) << text;
  return path.string();
}

} // namespace

TEST(Validate, ValidFilesExitZeroAndPrintTheHash) {
  ValidateRun r = validate({source("scenarios/overhead_crane/q2_practical.toml"),
                            source("assets/standards/q2-overhead-crane.toml")});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("valid scenario 'overhead_crane.q2_practical'"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  hash "), std::string::npos);
  EXPECT_NE(r.out.find("valid standard 'q2-overhead-crane' (7 items, pass mark 70 of 100)"),
            std::string::npos)
      << r.out;
}

TEST(Validate, InvalidFileExitsOneWithEveryProblemLocated) {
  std::string bad = badScenario("invalid.toml");
  ValidateRun r = validate({"--assets", source("assets"), bad});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find(bad + ":40:1: bodies[0].masss: unknown key 'masss' (did you mean 'mass'?)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(": rubric[2].threshold: expected a number, found a string"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(bad + ": invalid (3 problems)"), std::string::npos) << r.out;
}

TEST(Validate, JsonForTools) {
  std::string bad = badScenario("json.toml");
  ValidateRun r = validate({"--json", "--assets", source("assets"), bad,
                            source("scenarios/overhead_crane/practice_single_lift.toml")});
  EXPECT_EQ(r.code, 1);
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_FALSE(doc["valid"].get<bool>());
  ASSERT_EQ(doc["files"].size(), 2u);
  const auto& first = doc["files"][0];
  EXPECT_EQ(first["kind"], "scenario");
  EXPECT_FALSE(first["valid"].get<bool>());
  ASSERT_EQ(first["problems"].size(), 3u);
  EXPECT_EQ(first["problems"][0]["line"], 40);
  EXPECT_EQ(first["problems"][0]["column"], 1);
  EXPECT_EQ(first["problems"][0]["field"], "bodies[0].masss");
  const auto& second = doc["files"][1];
  EXPECT_TRUE(second["valid"].get<bool>());
  EXPECT_EQ(second["id"], "overhead_crane.practice_single_lift");
  EXPECT_EQ(second["standard"], "crane-practice-basic");
  EXPECT_EQ(second["hash"].get<std::string>().size(), 64u);
}

TEST(Validate, MissingFileIsInvalidAndNoFileIsAUsageError) {
  ValidateRun missing = validate({"/no/such.toml"});
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.out.find("/no/such.toml: no such file"), std::string::npos) << missing.out;
  ValidateRun none = validate({});
  EXPECT_EQ(none.code, 2);
  EXPECT_NE(none.err.find("usage: skillsim"), std::string::npos) << none.err;
}

// Issue 13, point 10: a folder was read as an empty file ("missing required key 'format'"); now
// it stands for every *.toml file in it and its subfolders, and a folder with none is an error.
TEST(Validate, FolderValidatesEveryTomlFileInIt) {
  const std::filesystem::path dir =
      std::filesystem::path(SKILLSIM_TEST_OUTPUT_DIR) / "validate-folder" / "overhead_crane";
  std::filesystem::remove_all(dir.parent_path());
  std::filesystem::create_directories(dir / "more");
  std::filesystem::copy_file(source("scenarios/overhead_crane/practice_single_lift.toml"),
                             dir / "practice_single_lift.toml");
  std::filesystem::copy_file(source("scenarios/overhead_crane/q2_practical.toml"),
                             dir / "more" / "q2_practical.toml");
  std::ofstream(dir / "notes.txt") << "not a scenario";
  ValidateRun r = validate({dir.string(), "--assets", source("assets")});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find((dir / "more" / "q2_practical.toml").string() + ": valid scenario"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find((dir / "practice_single_lift.toml").string() + ": valid scenario"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("notes.txt"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("missing required key 'format'"), std::string::npos) << r.out;
}

TEST(Validate, FolderWithoutTomlFilesIsAnError) {
  const std::filesystem::path dir =
      std::filesystem::path(SKILLSIM_TEST_OUTPUT_DIR) / "validate-empty-folder";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  ValidateRun r = validate({dir.string()});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find(dir.string() + ": a folder with no .toml files in it; nothing to validate"),
            std::string::npos)
      << r.out;
}

TEST(Validate, ChineseOnlyTitleIsValidWithAWarning) {
  std::ifstream in(source("scenarios/overhead_crane/practice_single_lift.toml"));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto at = text.find("title_en = ");
  ASSERT_NE(at, std::string::npos);
  text.erase(at, text.find('\n', at) - at + 1);
  const std::filesystem::path dir = std::filesystem::path(SKILLSIM_TEST_OUTPUT_DIR) / "validate";
  std::filesystem::create_directories(dir);
  const std::string file = (dir / "chinese_only.toml").string();
  std::ofstream(file) << text;
  ValidateRun r = validate({file, "--assets", source("assets")});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("warning: " + file + ":"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("title_en: no title_en: English screens and reports show the Chinese "
                       "title"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(file + ": valid scenario"), std::string::npos) << r.out;
}

// Issue 17 point 2: a copy made to edit keeps the original's id; validating either file, even
// alone, names the other (the whole scenarios folder is looked through).
TEST(Validate, ADuplicateScenarioIdAcrossTheScenariosFolderIsAWarning) {
  const std::filesystem::path root =
      std::filesystem::path(SKILLSIM_TEST_OUTPUT_DIR) / "validate-dup" / "scenarios";
  std::filesystem::remove_all(root.parent_path());
  std::filesystem::create_directories(root / "overhead_crane");
  std::filesystem::create_directories(root / "mine");
  std::filesystem::copy_file(source("scenarios/overhead_crane/practice_single_lift.toml"),
                             root / "overhead_crane" / "practice_single_lift.toml");
  std::filesystem::copy_file(source("scenarios/overhead_crane/practice_single_lift.toml"),
                             root / "mine" / "copy.toml");
  const std::string copy = (root / "mine" / "copy.toml").string();
  const std::string original = (root / "overhead_crane" / "practice_single_lift.toml").string();
  ValidateRun r = validate({copy, "--assets", source("assets")});
  EXPECT_EQ(r.code, 0) << "a warning, not a problem: " << r.out;
  // `id = "overhead_crane.practice_single_lift"` is the file's line 6, the value at column 6.
  EXPECT_NE(r.out.find("warning: " + copy +
                       ":6:6: id: scenario id "
                       "'overhead_crane.practice_single_lift' is also the id of " +
                       original + ":6:6;"),
            std::string::npos)
      << r.out;
  ValidateRun json = validate({"--json", copy, "--assets", source("assets")});
  const auto doc = nlohmann::json::parse(json.out);
  ASSERT_EQ(doc["files"][0]["warnings"].size(), 1u) << json.out;
  EXPECT_EQ(doc["files"][0]["warnings"][0]["field"], "id");
  EXPECT_EQ(doc["files"][0]["warnings"][0]["line"], 6);
  // The shipped scenarios have no duplicate.
  ValidateRun shipped = validate({source("scenarios")});
  EXPECT_EQ(shipped.code, 0) << shipped.out;
  EXPECT_EQ(shipped.out.find("warning:"), std::string::npos) << shipped.out;
  std::filesystem::remove_all(root.parent_path());
}

TEST(Validate, AcceptsTheShippedCourseFiles) {
  ValidateRun r = validate({source("courses")});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("q2_operator.toml: valid course 'q2_operator' (2 typical work tasks, 3 "
                       "learning tasks)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("n1_driver.toml: valid course 'n1_driver' (1 typical work task, 1 learning "
                       "task)"),
            std::string::npos)
      << r.out;
}

TEST(Validate, CourseNamingAnUnknownScenarioIsInvalidWithItsPlace) {
  // Written beside a scenarios/ folder (courses/<trade>/ -> ../../scenarios), as in the tree.
  std::ifstream in(source("courses/overhead_crane/q2_operator.toml"));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string from = "exam_scenario = \"overhead_crane.q2_practical\"";
  auto at = text.find(from);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, from.size(), "exam_scenario = \"overhead_crane.q2_practicals\"");
  std::size_t line =
      1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + at, '\n'));
  std::filesystem::path root = std::filesystem::path(SKILLSIM_TEST_OUTPUT_DIR) / "validate-course";
  std::filesystem::create_directories(root / "courses/overhead_crane");
  std::filesystem::create_directories(root / "scenarios");
  std::filesystem::copy_file(source("scenarios/overhead_crane/q2_practical.toml"),
                             root / "scenarios/q2_practical.toml",
                             std::filesystem::copy_options::overwrite_existing);
  std::filesystem::copy_file(source("scenarios/overhead_crane/practice_single_lift.toml"),
                             root / "scenarios/practice_single_lift.toml",
                             std::filesystem::copy_options::overwrite_existing);
  std::filesystem::path course = root / "courses/overhead_crane/q2_operator.toml";
  std::ofstream(course) << text;

  ValidateRun r = validate({"--json", course.string()});
  EXPECT_EQ(r.code, 1) << r.out;
  nlohmann::json j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["files"].size(), 1u);
  EXPECT_EQ(j["files"][0]["kind"], "course");
  ASSERT_EQ(j["files"][0]["problems"].size(), 1u) << r.out;
  const nlohmann::json& p = j["files"][0]["problems"][0];
  EXPECT_EQ(p["line"], line);
  EXPECT_EQ(p["column"], 17);
  EXPECT_EQ(p["field"], "learning_tasks[1].exam_scenario");
  EXPECT_NE(p["message"].get<std::string>().find(
                "no scenario 'overhead_crane.q2_practicals' (did you mean "
                "'overhead_crane.q2_practical'?)"),
            std::string::npos)
      << r.out;
}
