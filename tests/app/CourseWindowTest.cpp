// `skillsim course open` in a window under a display (Xvfb) with Vulkan (lavapipe) and the
// Khronos validation layer: the course map is drawn, a click on a learning task opens its work
// page, and the window closes cleanly (issue 18 point 2).
#include "../common/RecordsTestSupport.h"
#include "DrawnText.h"
#include "MissingPrerequisite.h"

#include <skillsim/app/Cli.h>
#include <skillsim/course/CourseRecordStore.h>
#include <skillsim/platform/InputDevices.h>
#include <skillsim/platform/Window.h>
#include <skillsim/records/ResultsStore.h>
#include <skillsim/records/TraceReader.h>

#include <gtest/gtest.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

using namespace skillsim;

using test::findDrawn;

namespace {

/** A mouse click at a drawn word, over five frames: move, press, release (ImGui sees each). */
struct Click {
  int frame = -1;
  ImVec2 at;
  void aim(ImVec2 where) {
    at = ImVec2(where.x + 4.0f, where.y + 4.0f);
    frame = 0;
  }
  [[nodiscard]] bool aimed() const { return frame >= 0; }
  /** One frame of the click; true on the frame the button is released. */
  bool step(platform::Window& window) {
    ++frame;
    if (frame == 1) {
      platform::simulateMouseMove(window, at.x, at.y);
    } else if (frame == 3) {
      platform::simulateMouseButtonEvent(window, true);
    } else if (frame == 5) {
      platform::simulateMouseButtonEvent(window, false);
      frame = -1;
      return true;
    }
    return false;
  }
};

std::string folder(const std::string& name) {
  const std::string dir = std::string(SKILLSIM_TEST_OUTPUT_DIR) + "/" + name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  // The workstation's key and recorded traces go to the user's folders: keep them in the test's.
  ::setenv("XDG_DATA_HOME", (dir + "/data").c_str(), 1);
  ::setenv("XDG_CONFIG_HOME", (dir + "/config").c_str(), 1);
  return dir;
}

std::string courseFile() {
  return std::string(SKILLSIM_SOURCE_DIR) + "/courses/overhead_crane/q2_operator.toml";
}

} // namespace

TEST(CourseWindow, TheMapOpensALearningTaskOnAClickAndClosesCleanly) {
  if (std::getenv("DISPLAY") == nullptr) {
    SKILLSIM_MISSING_PREREQUISITE() << "no display (scripts/test.sh starts Xvfb)";
  }
  const std::string dir = std::string(SKILLSIM_TEST_OUTPUT_DIR) + "/course-window";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  int frames = 0;
  bool mapDrawn = false;
  bool workPageDrawn = false;
  std::optional<ImVec2> task;
  app::RunObserver observer;
  observer.validation = true;
  observer.onFrame = [&](platform::Window& window) {
    ++frames;
    if (!task) {
      if (auto at = findDrawn("Onelift")) {
        mapDrawn = true;
        task = ImVec2(at->x + 4.0f, at->y + 4.0f);
        platform::simulateMouseMove(window, task->x, task->y);
      }
    } else if (!workPageDrawn) {
      // The chosen task's work page: its score line and its first guiding question's points
      // (the rest of the page may lie below the window's bottom edge, where nothing is drawn).
      workPageDrawn = findDrawn("Workpagework").has_value() && findDrawn("(2points)").has_value();
      platform::simulateMouseButtonEvent(window, frames % 2 == 0); // press, release, …
    }
    if (workPageDrawn || frames > 120) {
      window.requestClose();
    }
  };
  std::ostringstream out;
  std::ostringstream err;
  const int code =
      app::runCli({"course", "open", "--course",
                   std::string(SKILLSIM_SOURCE_DIR) + "/courses/overhead_crane/q2_operator.toml",
                   "--trainee", "T-window", "--db", dir + "/results.sqlite", "--lang", "en"},
                  out, err, observer);
  ASSERT_EQ(code, 0) << out.str() << err.str();
  EXPECT_TRUE(mapDrawn) << "the course map's first task was never drawn";
  EXPECT_TRUE(workPageDrawn) << "a click on the task did not open its work page";
  if (out.str().find("validation messages") == std::string::npos) {
    SKILLSIM_MISSING_PREREQUISITE() << "the Vulkan validation layer is not installed "
                                       "(vulkan-validationlayers)";
  }
  EXPECT_NE(out.str().find("validation messages 0"), std::string::npos) << out.str();
}

// Issue 18: the start screen of `skillsim run` (no scenario) lists the shipped courses; choosing
// one and Open course shows its course map in the same window (the screens `course open` shows),
// and the map's Back leads back to the start screen. Validation layer on, no message.
TEST(CourseWindow, TheStartScreenOpensACourseAndBackReturnsToTheStartScreen) {
  if (std::getenv("DISPLAY") == nullptr) {
    SKILLSIM_MISSING_PREREQUISITE() << "no display (scripts/test.sh starts Xvfb)";
  }
  const std::string dir = folder("course-window-start");
  enum class Stage { FindCourse, FindOpen, Map, Start, Done };
  Stage stage = Stage::FindCourse;
  Click click;
  int frames = 0;
  bool mapDrawn = false;
  bool startAgain = false;
  app::RunObserver observer;
  observer.validation = true;
  observer.onFrame = [&](platform::Window& window) {
    ++frames;
    if (click.aimed()) {
      if (click.step(window)) {
        stage = stage == Stage::FindCourse ? Stage::FindOpen
                : stage == Stage::FindOpen ? Stage::Map
                : stage == Stage::Map      ? Stage::Start
                                           : stage;
      }
    } else if (stage == Stage::FindCourse) {
      // The start screen's entry: "<en title>  /  <zh title>  (3 learning tasks)"; the crane's,
      // not the forklift's course above it.
      if (auto at = findDrawn("Overheadcraneoperator(Q2)integratedcourse/")) {
        click.aim(*at);
      }
    } else if (stage == Stage::FindOpen) {
      if (auto at = findDrawn("Opencourse")) {
        click.aim(*at);
      }
    } else if (stage == Stage::Map) {
      if (findDrawn("Coursemap") && findDrawn("Onelift")) {
        mapDrawn = true;
        if (auto at = findDrawn("Back")) {
          click.aim(*at);
        }
      }
    } else if (stage == Stage::Start) {
      if (findDrawn("Courses(work-study") && !findDrawn("Coursemap")) {
        startAgain = true;
        stage = Stage::Done;
      }
    }
    if (stage == Stage::Done || frames > 600) {
      window.requestClose();
    }
  };
  std::ostringstream out;
  std::ostringstream err;
  const int code =
      app::runCli({"run", "--trainee", "T-start", "--lang", "en", "--db", dir + "/results.sqlite"},
                  out, err, observer);
  ASSERT_EQ(code, 0) << out.str() << err.str();
  EXPECT_TRUE(mapDrawn) << "Open course did not show the course map";
  EXPECT_TRUE(startAgain) << "Back did not lead to the start screen";
  if (out.str().find("validation messages") == std::string::npos) {
    SKILLSIM_MISSING_PREREQUISITE() << "the Vulkan validation layer is not installed "
                                       "(vulkan-validationlayers)";
  }
  EXPECT_NE(out.str().find("course screens closed; validation messages 0"), std::string::npos)
      << out.str();
  EXPECT_NE(out.str().find("start screen closed; validation messages 0"), std::string::npos)
      << out.str();
}

// Issue 18: an exam started from the course runs in the invigilated exam session the seat was
// set up with (`course open --exam-session`): its trace's signed header carries the session id,
// the invigilator and the session's opening time, as `skillsim run --exam-session` writes them.
TEST(CourseWindow, AnExamStartedFromTheCourseCarriesItsSessionInTheTraceHeader) {
  if (std::getenv("DISPLAY") == nullptr) {
    SKILLSIM_MISSING_PREREQUISITE() << "no display (scripts/test.sh starts Xvfb)";
  }
  const std::string dir = folder("course-window-exam");
  const std::string db = dir + "/results.sqlite";
  {
    // The exam's gate: three practice attempts at 85 and the plan approved.
    auto store = records::ResultsStore::open(db);
    ASSERT_TRUE(store) << store.error().toString();
    for (int i = 1; i <= 3; ++i) {
      records::AttemptRecord a = records::test::sampleRecord("p" + std::to_string(i), "T1", 85);
      a.scenario.id = "overhead_crane.practice_single_lift";
      a.mode = records::AttemptMode::Practice;
      a.startUtc = 1796083200 + 60 * i;
      ASSERT_TRUE((*store)->recordAttempt(a));
    }
  }
  std::ostringstream out;
  std::ostringstream err;
  ASSERT_EQ(app::runCli({"course", "approve", "--course", courseFile(), "--trainee", "T1", "--task",
                         "single_lift", "--teacher", "teacher-li", "--db", db},
                        out, err),
            0)
      << err.str();
  std::ostringstream opened;
  ASSERT_EQ(
      app::runCli({"session", "open", "--invigilator", "INV-course", "--db", db}, opened, err), 0)
      << err.str();
  const std::string sessionId = opened.str().substr(0, opened.str().find(' '));

  enum class Stage { FindExam, Attempt, Done };
  Stage stage = Stage::FindExam;
  Click click;
  int frames = 0;
  int attemptFrames = 0;
  app::RunObserver observer;
  observer.onFrame = [&](platform::Window& window) {
    ++frames;
    if (click.aimed()) {
      if (click.step(window)) {
        stage = Stage::Attempt;
      }
    } else if (stage == Stage::FindExam) {
      if (auto at = findDrawn("Startexam")) {
        click.aim(*at);
      }
    } else if (stage == Stage::Attempt && ++attemptFrames > 40) {
      stage = Stage::Done; // closing the exam's window abandons it; then the course screens close
    }
    if (stage == Stage::Done || frames > 600) {
      window.requestClose();
    }
  };
  const int code =
      app::runCli({"course", "open", "--course", courseFile(), "--trainee", "T1", "--db", db,
                   "--lang", "en", "--task", "single_lift", "--exam-session", sessionId},
                  out, err, observer);
  ASSERT_EQ(code, 0) << out.str() << err.str();
  std::vector<std::filesystem::path> written;
  for (const auto& e : std::filesystem::directory_iterator(dir + "/data/skillsim/traces")) {
    if (e.path().extension() == ".sktrace") {
      written.push_back(e.path());
    }
  }
  ASSERT_EQ(written.size(), 1u) << out.str() << err.str();
  auto trace = records::TraceReader::read(written.front());
  ASSERT_TRUE(trace) << trace.error().toString();
  EXPECT_EQ(trace->header.mode, records::AttemptMode::Exam);
  EXPECT_EQ(trace->header.traineeId, "T1");
  EXPECT_EQ(trace->header.scenarioId, "overhead_crane.practice_single_lift");
  EXPECT_EQ(trace->header.examSession.id, sessionId);
  EXPECT_EQ(trace->header.examSession.invigilatorId, "INV-course");
  auto store = records::ResultsStore::open(db);
  ASSERT_TRUE(store);
  auto sessions = (*store)->sessions();
  ASSERT_TRUE(sessions);
  ASSERT_EQ(sessions->size(), 1u);
  EXPECT_EQ(trace->header.examSession.openedUtc, sessions->front().openedUtc);
  EXPECT_FALSE(trace->header.scripted) << "driven at the seat, not played from a trace";
}

namespace {

struct Cli {
  int code;
  std::string out;
  std::string err;
};

Cli cli(const std::vector<std::string>& args) {
  std::ostringstream out;
  std::ostringstream err;
  const int code = app::runCli(args, out, err);
  return {code, out.str(), err.str()};
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string fixed1(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f", v);
  return b;
}

} // namespace

// Issue 18 "done when", as docs/work-study-guide.md walks it: one learning task of the shipped
// crane course (the workshop lift, the one with a job card) through the commands a trainee, a
// teacher, an invigilator and an enterprise mentor use. The scripted operator's traces stand in
// for driving (two practice attempts, then the exam played at the workstation in an invigilated
// session); the two tasks before it are finished in the store as the guide's starting point.
// The portfolio then shows every part, and its total is the course file's weighted sum.
TEST(CourseWalkthrough, OneLearningTaskEndToEndThroughTheCommands) {
  if (std::getenv("DISPLAY") == nullptr) {
    SKILLSIM_MISSING_PREREQUISITE() << "no display (scripts/test.sh starts Xvfb)";
  }
  const std::string dir = folder("course-walkthrough");
  const std::string db = dir + "/store.db";
  const std::string scenario =
      std::string(SKILLSIM_SOURCE_DIR) + "/scenarios/overhead_crane/q2_practical.toml";
  const std::string t = "T2026-017";
  auto course = [&](const std::string& sub, std::vector<std::string> more) {
    std::vector<std::string> a = {"course", sub,    "--course", courseFile(), "--trainee",
                                  t,        "--db", db,         "--task",     "workshop_part_lift"};
    a.insert(a.end(), more.begin(), more.end());
    return cli(a);
  };
  {
    // The starting point: learning tasks 1 and 2 done (an exam each, a reflection each).
    auto store = records::ResultsStore::open(db);
    ASSERT_TRUE(store) << store.error().toString();
    records::AttemptRecord first = records::test::sampleRecord("first-exam", t, 90);
    first.scenario.id = "overhead_crane.practice_single_lift";
    first.startUtc = 1767225600 - 7 * 86400;
    records::AttemptRecord second = records::test::sampleRecord("second-exam", t, 88);
    second.scenario.id = "overhead_crane.q2_practical";
    second.scenario.hash = std::string(64, 'd'); // the store keys scenarios by their hash
    second.startUtc = 1767225600 - 6 * 86400;
    ASSERT_TRUE((*store)->recordAttempt(first));
    ASSERT_TRUE((*store)->recordAttempt(second));
    auto records = skillsim::course::CourseRecordStore::open(db);
    ASSERT_TRUE(records);
    for (const char* task : {"single_lift", "q2_course"}) {
      ASSERT_TRUE((*records)->recordReflection({t, "q2_operator", task}, "done", 1767225600));
    }
  }
  Cli status = cli({"course", "status", "--course", courseFile(), "--trainee", t, "--db", db});
  ASSERT_EQ(status.code, 0) << status.err;
  EXPECT_NE(status.out.find("[open]   Lifting a machine part in the workshop"), std::string::npos)
      << status.out;

  // The trainee's work page (the get-information questions) and the teacher's approval.
  std::ofstream(dir + "/answers.toml") << "format = \"skillsim.answers/1\"\n"
                                          "task = \"workshop_part_lift\"\n[answers]\n"
                                          "stop_signal = \"stop\"\n"
                                          "rated_load = { value = 3000, unit = \"kg\" }\n";
  Cli answered = course("answer", {"--answers", dir + "/answers.toml"});
  ASSERT_EQ(answered.code, 0) << answered.err;
  EXPECT_NE(answered.out.find("work page: 4 of 8 points (50 of 100)"), std::string::npos)
      << answered.out;
  ASSERT_EQ(course("approve", {"--teacher", "teacher-li"}).code, 0);

  // Two practice attempts (careless, then competent), replayed into the store.
  const std::vector<std::pair<std::string, std::string>> practice = {{"careless", "1767229200"},
                                                                     {"competent", "1767232800"}};
  for (const auto& [profile, start] : practice) {
    const std::string trace = dir + "/practice-" + profile + ".sktrace";
    Cli op = cli({"operate", scenario, "--profile", profile, "--trainee", t, "--mode", "practice",
                  "--start-utc", start, "--out", trace, "--key-dir", dir + "/operator-key"});
    ASSERT_EQ(op.code, 0) << op.err;
    Cli stored = cli({"run", scenario, "--headless", "--input", trace, "--db", db});
    ASSERT_EQ(stored.code, 0) << stored.err;
  }
  status = cli({"course", "status", "--course", courseFile(), "--trainee", t, "--db", db});
  const auto task3 = status.out.find("Lifting a machine part");
  ASSERT_NE(task3, std::string::npos) << status.out;
  EXPECT_NE(status.out.find("exam: open", task3), std::string::npos) << status.out;

  // The exam, in the invigilator's session, played at the workstation from the competent trace.
  Cli opened = cli({"session", "open", "--invigilator", "INV-wang", "--db", db});
  ASSERT_EQ(opened.code, 0) << opened.err;
  const std::string sessionId = opened.out.substr(0, opened.out.find(' '));
  const std::string examTrace = dir + "/exam-input.sktrace";
  ASSERT_EQ(cli({"operate", scenario, "--profile", "competent", "--trainee", t, "--mode", "exam",
                 "--out", examTrace, "--key-dir", dir + "/operator-key"})
                .code,
            0);
  Cli exam = cli({"run", scenario, "--trainee", t, "--mode", "exam", "--exam-session", sessionId,
                  "--input", examTrace, "--db", db, "--lang", "en"});
  ASSERT_EQ(exam.code, 0) << exam.out << exam.err;
  EXPECT_NE(exam.out.find("total 96.42 / 100"), std::string::npos) << exam.out;

  // The check step: the trainee rates each item of the best attempt, then sees the difference.
  auto store = records::ResultsStore::open(db);
  ASSERT_TRUE(store);
  records::AttemptQuery mine;
  mine.traineeId = t;
  auto attempts = (*store)->attempts(mine);
  ASSERT_TRUE(attempts);
  const records::AttemptRecord* examRecord = nullptr;
  for (const auto& a : *attempts) {
    if (a.mode == records::AttemptMode::Exam && a.scenario.id == "overhead_crane.q2_practical" &&
        a.attemptId != "second-exam") {
      examRecord = &a;
    }
  }
  ASSERT_NE(examRecord, nullptr);
  std::vector<std::string> items;
  double misfit = 0.0; ///< Σ |self − awarded| / max over the items with points (not the vetoes).
  int scored = 0;
  for (std::size_t i = 0; i < examRecord->result.items.size(); ++i) {
    const auto& item = examRecord->result.items[i];
    // Five points under on the first item (hazard recognition, 20 of 20), the rest as awarded.
    const double self = i == 0 ? std::max(0.0, item.awardedPoints - 5.0) : item.awardedPoints;
    if (item.maxPoints > 0.0) { // a veto item (0 points) is given 0 and left out of the accuracy
      misfit += std::abs(self - item.awardedPoints) / item.maxPoints;
      ++scored;
    }
    char v[32];
    std::snprintf(v, sizeof v, "%g", self);
    items.push_back("--item");
    items.push_back(item.itemId + "=" + v);
  }
  ASSERT_GT(scored, 0);
  ASSERT_GT(misfit, 0.0) << "the self-check differs from the attempt on one item";
  const double self = 100.0 * (1.0 - misfit / scored);
  Cli checked = course("selfcheck", items);
  ASSERT_EQ(checked.code, 0) << checked.err;
  EXPECT_NE(checked.out.find("self-assessment accuracy: " + fixed1(self) + " of 100"),
            std::string::npos)
      << checked.out;
  // The evaluate step: its short-text question (open only now), the teacher's mark, the reflection.
  std::ofstream(dir + "/evaluate.toml") << "format = \"skillsim.answers/1\"\n"
                                           "task = \"workshop_part_lift\"\n[answers]\n"
                                           "real_vs_sim = \"车间里要和指挥人员配合，视线被挡。\"\n";
  Cli evaluated = course("answer", {"--answers", dir + "/evaluate.toml"});
  ASSERT_EQ(evaluated.code, 0) << evaluated.err;
  ASSERT_EQ(
      course("mark", {"--teacher", "teacher-li", "--question", "real_vs_sim", "--points", "3"})
          .code,
      0);
  ASSERT_EQ(course("reflect", {"--text", "先稳钩再落放；车间里听指挥。"}).code, 0);
  ASSERT_EQ(course("rate", {"--teacher", "teacher-li", "--rating", "plan_quality=4", "--rating",
                            "reflection_depth=5"})
                .code,
            0);

  // The enterprise mentor's job card: made, signed with the mentor's own key, verified, rated.
  const std::string card = dir + "/card.toml";
  Cli made = cli({"jobcard",       "new",
                  "--course",      courseFile(),
                  "--task",        "workshop_part_lift",
                  "--trainee",     t,
                  "--company",     "华东重工",
                  "--workshop",    "二号装配车间",
                  "--machine",     "QD 5 t No. 3",
                  "--date",        "2026-11-20",
                  "--mentor-name", "王建国",
                  "--mentor-id",   "M-0042",
                  "--item",        "pre_use_check=4",
                  "--item",        "signals=5",
                  "--item",        "smooth_lift=3",
                  "--out",         card});
  ASSERT_EQ(made.code, 0) << made.err;
  Cli signedCard = cli({"jobcard", "sign", card, "--key-dir", dir + "/mentor-key"});
  ASSERT_EQ(signedCard.code, 0) << signedCard.err;
  const auto keyAt = signedCard.out.find("with key ");
  ASSERT_NE(keyAt, std::string::npos) << signedCard.out;
  const std::string key = signedCard.out.substr(keyAt + 9, 64);
  Cli verified = cli({"jobcard", "verify", card, "--trusted-key", key, "--course", courseFile()});
  ASSERT_EQ(verified.code, 0) << verified.out << verified.err;
  EXPECT_NE(verified.out.find("signed by mentor 王建国 (M-0042) with key " + key),
            std::string::npos)
      << verified.out;
  const std::string registry = dir + "/mentors.toml";
  std::ofstream(registry) << "format = \"skillsim.mentorkeys/1\"\n[[mentors]]\nid = \"M-0042\"\n"
                             "name = \"王建国\"\npublic_key = \""
                          << key << "\"\n";
  Cli mentor = course("rate", {"--role", "mentor", "--card", card, "--mentor-keys", registry});
  ASSERT_EQ(mentor.code, 0) << mentor.err;
  EXPECT_NE(mentor.out.find("80 of 100"), std::string::npos) << mentor.out; // (4+5+3) / 15

  // The portfolio: every part with its source, and the weighted total of the course file.
  const std::string html = dir + "/portfolio.html";
  Cli portfolio = cli({"portfolio", "--course", courseFile(), "--trainee", t, "--db", db, "-o",
                       html, "--mentor-keys", registry, "--xapi", dir + "/portfolio.json"});
  ASSERT_EQ(portfolio.code, 0) << portfolio.err;
  const std::string page = slurp(html);
  const auto section = page.find("Lifting a machine part in the workshop");
  ASSERT_NE(section, std::string::npos);
  const std::string s = page.substr(section);
  EXPECT_NE(s.find("先稳钩再落放；车间里听指挥。"), std::string::npos);
  EXPECT_NE(s.find("华东重工"), std::string::npos);
  EXPECT_NE(s.find("signed by the mentor, counts"), std::string::npos);
  EXPECT_NE(s.find(examRecord->attemptId), std::string::npos);
  EXPECT_NE(s.find("3000 kg"), std::string::npos);
  // Work page 7 of 8 = 87.5; exam 96.42; teacher 9 of 10 = 90; mentor 12 of 15 = 80; the course's
  // weights 0.15 / 0.40 / 0.10 / 0.15 / 0.20.
  const double total = 0.15 * 87.5 + 0.40 * 96.42 + 0.10 * self + 0.15 * 90.0 + 0.20 * 80.0;
  EXPECT_NE(s.find("total: " + fixed1(total) + "</p>"), std::string::npos)
      << "expected " << fixed1(total) << " in\n"
      << s.substr(s.find("combined score"), 1200);
}
