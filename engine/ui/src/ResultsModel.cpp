#include "skillsim/ui/ResultsModel.h"

namespace skillsim::ui {

ResultsModel makeResultsModel(const assessment::AttemptResult& result,
                              const std::map<std::string, std::string>& itemTitles,
                              std::string scenarioTitle, std::string traineeId, AttemptMode mode,
                              const messages::MessageTemplates& templates,
                              const messages::MessageContext& context) {
  ResultsModel m;
  m.scenarioTitle = std::move(scenarioTitle);
  m.traineeId = std::move(traineeId);
  m.mode = mode;
  for (const auto& item : result.items) {
    auto it = itemTitles.find(item.itemId);
    m.items.push_back({item.itemId, it != itemTitles.end() ? it->second : item.itemId, item.clause,
                       item.awardedPoints, item.maxPoints});
  }
  auto titleOf = [&](const std::string& id) {
    auto it = itemTitles.find(id);
    return it != itemTitles.end() ? it->second : id;
  };
  for (const auto& d : result.deductions) {
    m.deductions.push_back({d.time, d.points, d.itemId, titleOf(d.itemId),
                            messages::deductionText(d, result, templates, context)});
  }
  for (const auto& v : result.vetoes) {
    m.vetoes.push_back(
        {v.time, v.itemId, titleOf(v.itemId), messages::vetoText(v, result, templates, context)});
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
