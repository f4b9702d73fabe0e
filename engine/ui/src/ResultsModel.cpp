#include "skillsim/ui/ResultsModel.h"

namespace skillsim::ui {

ResultsModel makeResultsModel(const assessment::AttemptResult& result,
                              const std::map<std::string, std::string>& itemTitles,
                              std::string scenarioTitle, std::string traineeId, AttemptMode mode) {
  ResultsModel m;
  m.scenarioTitle = std::move(scenarioTitle);
  m.traineeId = std::move(traineeId);
  m.mode = mode;
  for (const auto& item : result.items) {
    auto it = itemTitles.find(item.itemId);
    m.items.push_back({item.itemId, it != itemTitles.end() ? it->second : item.itemId, item.clause,
                       item.awardedPoints, item.maxPoints});
  }
  for (const auto& d : result.deductions) {
    m.deductions.push_back({d.time, d.points, d.itemId, d.reason});
  }
  for (const auto& v : result.vetoes) {
    m.vetoes.push_back({v.time, v.itemId, v.reason});
  }
  m.total = result.totalPoints;
  m.max = result.maxPoints;
  m.passMark = result.passMark;
  m.passed = result.passed;
  m.completed = result.completed;
  m.duration = result.duration;
  return m;
}

} // namespace skillsim::ui
