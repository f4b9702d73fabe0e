#include "skillsim/report/CourseXapi.h"

#include <skillsim/course/CourseProgress.h>
#include <skillsim/export/DerivedUuid.h>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace skillsim::report {
namespace {

using Json = nlohmann::ordered_json;

Json languageMap(const course::LocalizedText& t) { return Json{{"en-US", t.en}, {"zh-CN", t.zh}}; }

const char* partKey(course::ScorePart p) {
  switch (p) {
  case course::ScorePart::WorkPage: return "work_page";
  case course::ScorePart::Simulator: return "simulator";
  case course::ScorePart::SelfAssessment: return "self_assessment";
  case course::ScorePart::Teacher: return "teacher";
  case course::ScorePart::Mentor: return "mentor";
  }
  return "";
}

/** The latest time recorded in `rec` or an attempt on `task`'s scenarios; 0 when none. */
std::int64_t latestRecord(const course::LearningTask& task, const course::TaskRecords& rec,
                          const std::vector<records::AttemptRecord>& attempts) {
  std::int64_t t = 0;
  for (const course::Answer& a : rec.answers) {
    t = std::max(t, a.answeredUtc);
  }
  for (const course::TeacherMark& m : rec.marks) {
    t = std::max(t, m.markedUtc);
  }
  for (const course::TaskRating& r : rec.ratings) {
    t = std::max(t, r.ratedUtc);
  }
  for (const course::SelfCheckEntry& s : rec.selfChecks) {
    t = std::max(t, s.checkedUtc);
  }
  t = std::max(t, rec.planApprovedUtc.value_or(0));
  t = std::max(t, rec.reflectionUtc.value_or(0));
  for (const records::AttemptRecord& a : attempts) {
    if (a.scenario.id == task.practiceScenario || a.scenario.id == task.examScenario) {
      t = std::max(t, a.startUtc);
    }
  }
  return t;
}

} // namespace

std::string courseXapiStatements(const course::Course& c, const std::string& traineeId,
                                 const std::map<std::string, course::TaskRecords>& stored,
                                 const std::vector<records::AttemptRecord>& attempts,
                                 const std::vector<records::PublicKey>& trustedMentorKeys,
                                 const std::string& iriBase, const std::string& accountHomePage) {
  const course::TaskRecords none;
  const std::string courseIri = iriBase + "/courses/" + c.id;
  Json actor{{"objectType", "Agent"},
             {"name", traineeId},
             {"account", Json{{"homePage", accountHomePage}, {"name", traineeId}}}};
  Json courseActivity{{"objectType", "Activity"},
                      {"id", courseIri},
                      {"definition", Json{{"name", languageMap(c.title)},
                                          {"type", "http://adlnet.gov/expapi/activities/course"}}}};
  Json statements = Json::array();
  for (const course::LearningTask& task : c.learningTasks) {
    auto found = stored.find(task.id);
    const course::TaskRecords& rec = found != stored.end() ? found->second : none;
    const std::string taskIri = courseIri + "/tasks/" + task.id;
    Json taskActivity{{"objectType", "Activity"},
                      {"id", taskIri},
                      {"definition", Json{{"name", languageMap(task.title)},
                                          {"type", "http://adlnet.gov/expapi/activities/module"}}}};
    auto statement = [&](const std::string& verbWord, const std::string& verbZh, const Json& object,
                         std::int64_t when, const Json& context) {
      Json s;
      s["id"] = exporting::derivedUuid("skillsim-course-xapi\n" + c.id + "\n" + task.id + "\n" +
                                       traineeId + "\n" + verbWord + "\n" +
                                       object["id"].get<std::string>() + "\n");
      s["actor"] = actor;
      s["verb"] = Json{{"id", "http://adlnet.gov/expapi/verbs/" + verbWord},
                       {"display", Json{{"en-US", verbWord}, {"zh-CN", verbZh}}}};
      s["object"] = object;
      s["context"] = context;
      s["timestamp"] = records::formatUtc(when);
      return s;
    };
    for (const course::Step& step : task.steps) {
      if (step.questions.empty()) {
        continue;
      }
      std::int64_t latest = 0;
      bool complete = true;
      for (const course::Question& q : step.questions) {
        bool answered = false;
        for (const course::Answer& a : rec.answers) {
          if (a.questionId == q.id) {
            answered = true;
            latest = std::max(latest, a.answeredUtc);
          }
        }
        complete = complete && answered;
      }
      if (!complete) {
        continue;
      }
      const std::string stepIri = taskIri + "/steps/" + std::string(course::stepKey(step.kind));
      Json object{
          {"objectType", "Activity"},
          {"id", stepIri},
          {"definition", Json{{"name", languageMap(course::stepName(step.kind))},
                              {"type", "http://adlnet.gov/expapi/activities/interaction"}}}};
      Json context{{"contextActivities", Json{{"parent", Json::array({taskActivity})},
                                              {"grouping", Json::array({courseActivity})}}}};
      statements.push_back(statement("completed", "完成", object, latest, context));
    }
    const course::ScoreInputs in = course::scoreInputs(c, task, rec, attempts, trustedMentorKeys);
    const course::TaskScore score = course::combineScore(task.weights, in);
    if (!score.total) {
      continue;
    }
    // Weights sum to 1 within 1e-9, so a total may exceed 100 by rounding; xAPI forbids > 1.
    const double total = std::clamp(*score.total, 0.0, 100.0);
    Json parts = Json::array();
    for (const course::ScoredPart& p : score.parts) {
      parts.push_back(Json{{"part", partKey(p.part)},
                           {"weight", p.weight},
                           {"percent", p.percent ? Json(*p.percent) : Json(nullptr)},
                           {"source", p.source.reference}});
    }
    Json context{{"contextActivities", Json{{"grouping", Json::array({courseActivity})}}}};
    Json s = statement("scored", "得分", taskActivity, latestRecord(task, rec, attempts), context);
    s["result"] =
        Json{{"score", Json{{"scaled", total / 100.0}, {"raw", total}, {"min", 0}, {"max", 100}}},
             {"extensions", Json{{iriBase + "/xapi/extensions/score-parts", parts}}}};
    statements.push_back(s);
  }
  return statements.dump(2) + "\n";
}

} // namespace skillsim::report
