#include "skillsim/app/StartScreenData.h"

#include <skillsim/scenario/ScenarioLoader.h>

#include <algorithm>
#include <ctime>

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

std::vector<ui::PreviousAttempt> previousAttemptRows(std::vector<records::AttemptRecord> records) {
  std::stable_sort(records.begin(), records.end(), [](const auto& a, const auto& b) {
    return a.startUtc != b.startUtc ? a.startUtc > b.startUtc : a.attemptId > b.attemptId;
  });
  std::vector<ui::PreviousAttempt> out;
  for (const auto& r : records) {
    out.push_back(
        {r.scenario.id, formatLocalTime(r.startUtc),
         r.mode == records::AttemptMode::Exam ? ui::AttemptMode::Exam : ui::AttemptMode::Practice,
         r.result.totalPoints, r.result.maxPoints, r.result.passed});
  }
  return out;
}

} // namespace skillsim::app
