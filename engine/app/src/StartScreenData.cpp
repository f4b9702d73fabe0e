#include "skillsim/app/StartScreenData.h"

#include <skillsim/course/CourseLoader.h>
#include <skillsim/scenario/ScenarioLoader.h>

#include <algorithm>
#include <ctime>
#include <fstream>
#include <iterator>

namespace skillsim::app {

InstalledScenarios installedScenarios(const std::filesystem::path& scenariosDir) {
  InstalledScenarios out;
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (auto it = std::filesystem::recursive_directory_iterator(scenariosDir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".toml") {
      files.push_back(it->path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    auto s = scenario::loadScenario(f);
    if (!s) {
      out.broken.push_back({f.string(), s.error().toString()});
      continue;
    }
    ui::ScenarioEntry e;
    e.path = f.string();
    e.id = s->id;
    e.trade = s->trade;
    if (s->machine) {
      e.tradeTitleZh = s->machine->titleZh;
      e.tradeTitleEn = s->machine->titleEn;
    }
    e.titleZh = s->titleZh;
    e.titleEn = s->titleEn;
    e.standardId = s->standard.id;
    e.standardTitle = s->standard.titleEn;
    e.standardTitleZh = s->standard.titleZh;
    e.descriptionZh = s->descriptionZh;
    e.descriptionEn = s->descriptionEn;
    e.timeLimit = s->timeLimit;
    e.mockExam = s->mockExam;
    e.passMark = s->standard.passMark;
    e.maxPoints = s->standard.totalPoints();
    out.scenarios.push_back(std::move(e));
  }
  std::stable_sort(out.scenarios.begin(), out.scenarios.end(),
                   [](const auto& a, const auto& b) { return a.trade < b.trade; });
  return out;
}

InstalledCourses installedCourses(const std::filesystem::path& coursesDir,
                                  const std::set<std::string>& scenarioIds) {
  InstalledCourses out;
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (auto it = std::filesystem::recursive_directory_iterator(coursesDir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".toml") {
      files.push_back(it->path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    // A TOML file under courses/ that is no course (a job card, an answers file kept beside it)
    // is not one to offer; one that says it is a course but does not load is shown with why.
    if (in && !bytes.empty() && !course::declaresCourseFormat(bytes) &&
        bytes.find("skillsim.course/") == std::string::npos) {
      continue;
    }
    course::CourseReport report = course::loadCourse(f, &scenarioIds);
    if (!report.valid()) {
      out.broken.push_back({f.string(), report.problems.front().toString()});
      continue;
    }
    const course::Course& c = *report.course;
    ui::CourseEntry e;
    e.path = f.string();
    e.id = c.id;
    e.trade = c.trade;
    e.titleZh = c.title.zh;
    e.titleEn = c.title.en;
    e.descriptionZh = c.description.zh;
    e.descriptionEn = c.description.en;
    e.learningTasks = c.learningTasks.size();
    out.courses.push_back(std::move(e));
  }
  return out;
}

std::string formatLocalTime(std::int64_t utc) {
  const auto t = static_cast<std::time_t>(utc);
  std::tm local{};
  tzset();
  if (localtime_r(&t, &local) == nullptr) {
    return "?";
  }
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &local);
  return text;
}

std::vector<ui::PreviousAttempt>
previousAttemptRows(const std::vector<records::AttemptRecord>& finished,
                    const std::vector<records::AbandonedAttempt>& abandoned) {
  struct Row {
    std::int64_t startUtc;
    std::string id;
    ui::PreviousAttempt shown;
  };
  auto mode = [](records::AttemptMode m) {
    return m == records::AttemptMode::Exam ? ui::AttemptMode::Exam : ui::AttemptMode::Practice;
  };
  std::vector<Row> rows;
  for (const auto& r : finished) {
    rows.push_back(
        {r.startUtc,
         r.attemptId,
         {r.scenario.id, formatLocalTime(r.startUtc), mode(r.mode), r.result.totalPoints,
          r.result.maxPoints, r.result.passed, false, r.scenario.title, r.scenario.titleEn}});
  }
  for (const auto& r : abandoned) {
    rows.push_back({r.startUtc,
                    r.attemptId,
                    {r.scenario.id, formatLocalTime(r.startUtc), mode(r.mode), 0.0, 0.0, false,
                     true, r.scenario.title, r.scenario.titleEn}});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return a.startUtc != b.startUtc ? a.startUtc > b.startUtc : a.id > b.id;
  });
  std::vector<ui::PreviousAttempt> out;
  for (Row& r : rows) {
    out.push_back(std::move(r.shown));
  }
  return out;
}

} // namespace skillsim::app
