#include "skillsim/ui/CourseScreen.h"

#include "skillsim/core/Check.h"
#include "skillsim/ui/Format.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

namespace skillsim::ui {
namespace {

const ImVec4 kRed{0.95f, 0.30f, 0.25f, 1.0f};
const ImVec4 kGreen{0.35f, 0.85f, 0.40f, 1.0f};
const ImVec4 kAmber{1.0f, 0.75f, 0.20f, 1.0f};
const ImVec4 kDim{0.65f, 0.65f, 0.65f, 1.0f};

const char* stateKey(CourseTaskState s) {
  switch (s) {
  case CourseTaskState::Open: return "course.open";
  case CourseTaskState::Done: return "course.done";
  case CourseTaskState::Locked: return "course.locked";
  }
  return "course.locked";
}

ImVec4 stateColour(CourseTaskState s) {
  return s == CourseTaskState::Done ? kGreen : s == CourseTaskState::Open ? kAmber : kDim;
}

} // namespace

CourseScreen::Input& CourseScreen::inputFor(const WorkPageQuestion& q) {
  Input& in = mInputs[mTask + "/" + q.id];
  if (!in.filled) {
    in.filled = true;
    in.choices = q.givenChoices;
    if (q.kind == WorkPageQuestionKind::Ordering && in.choices.size() != q.choices.size()) {
      in.choices.clear();
      for (const WorkPageChoice& c : q.choices) {
        in.choices.push_back(c.id);
      }
    }
    in.number = q.givenNumber.value_or(0.0);
    in.unit = q.givenUnit.empty() ? q.unit : q.givenUnit;
    in.text = q.givenText;
  }
  return in;
}

void CourseScreen::drawQuestion(const WorkPageQuestion& q, const I18n& text,
                                CourseScreenActions& actions) {
  Input& in = inputFor(q);
  ImGui::PushID(q.id.c_str());
  ImGui::TextWrapped("%s", q.prompt.c_str());
  ImGui::SameLine();
  ImGui::TextColored(kDim, "(%s %s)", formatPoints(q.points).c_str(),
                     text.text("course.points").c_str());
  auto ticked = [&](const std::string& id) {
    return std::find(in.choices.begin(), in.choices.end(), id) != in.choices.end();
  };
  switch (q.kind) {
  case WorkPageQuestionKind::SingleChoice:
    for (const WorkPageChoice& c : q.choices) {
      if (ImGui::RadioButton((c.text + "##" + c.id).c_str(), ticked(c.id))) {
        in.choices = {c.id};
      }
    }
    break;
  case WorkPageQuestionKind::MultipleChoice:
    for (const WorkPageChoice& c : q.choices) {
      bool on = ticked(c.id);
      if (ImGui::Checkbox((c.text + "##" + c.id).c_str(), &on)) {
        std::erase(in.choices, c.id);
        if (on) {
          in.choices.push_back(c.id);
        }
      }
    }
    break;
  case WorkPageQuestionKind::Ordering:
    for (std::size_t k = 0; k < in.choices.size(); ++k) {
      auto c = std::find_if(q.choices.begin(), q.choices.end(),
                            [&](const WorkPageChoice& x) { return x.id == in.choices[k]; });
      ImGui::PushID(static_cast<int>(k));
      ImGui::BeginDisabled(k == 0);
      if (ImGui::ArrowButton("##up", ImGuiDir_Up)) {
        std::swap(in.choices[k], in.choices[k - 1]);
      }
      ImGui::EndDisabled();
      ImGui::SameLine();
      ImGui::BeginDisabled(k + 1 == in.choices.size());
      if (ImGui::ArrowButton("##down", ImGuiDir_Down)) {
        std::swap(in.choices[k], in.choices[k + 1]);
      }
      ImGui::EndDisabled();
      ImGui::SameLine();
      ImGui::Text("%zu. %s", k + 1, c != q.choices.end() ? c->text.c_str() : "");
      ImGui::PopID();
    }
    break;
  case WorkPageQuestionKind::Number:
    ImGui::SetNextItemWidth(140.0f);
    ImGui::InputDouble("##value", &in.number, 0.0, 0.0, "%.3f");
    ImGui::SameLine();
    ImGui::TextUnformatted(text.text("course.unit").c_str());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(80.0f);
    ImGui::InputText("##unit", &in.unit);
    break;
  case WorkPageQuestionKind::ShortText:
    ImGui::InputTextMultiline("##text", &in.text, ImVec2(-1.0f, 60.0f));
    break;
  }
  if (ImGui::Button(text.text("course.save").c_str())) {
    WorkPageAnswer a;
    a.questionId = q.id;
    if (q.kind == WorkPageQuestionKind::Number) {
      a.number = in.number;
      a.unit = in.unit;
    } else if (q.kind == WorkPageQuestionKind::ShortText) {
      a.text = in.text;
    } else {
      a.choices = in.choices;
    }
    actions.answer = std::move(a);
  }
  ImGui::SameLine();
  if (q.answered.empty()) {
    ImGui::TextColored(kDim, "%s", text.text("course.not_answered").c_str());
  } else {
    ImGui::TextColored(kDim, "%s %s · %s", text.text("course.answered_at").c_str(),
                       q.answered.c_str(), q.verdict.c_str());
  }
  ImGui::Separator();
  ImGui::PopID();
}

void CourseScreen::drawCheck(const CourseScreenModel& model, const I18n& text,
                             CourseScreenActions& actions) {
  ImGui::TextColored(kGreen, "%s", text.text("course.check").c_str());
  if (!model.checkWhy.empty()) {
    ImGui::TextColored(kDim, "%s", model.checkWhy.c_str());
    return;
  }
  ImGui::TextUnformatted((text.text("course.check_attempt") + " " + model.checkAttempt).c_str());
  const bool shown = std::all_of(model.selfCheck.begin(), model.selfCheck.end(),
                                 [](const SelfCheckRow& r) { return r.awarded.has_value(); }) &&
                     !model.selfCheck.empty();
  if (ImGui::BeginTable("##selfcheck", shown ? 5 : 3, ImGuiTableFlags_Borders)) {
    ImGui::TableSetupColumn(text.text("course.item").c_str());
    ImGui::TableSetupColumn(text.text("course.max").c_str());
    ImGui::TableSetupColumn(text.text("course.your_points").c_str());
    if (shown) {
      ImGui::TableSetupColumn(text.text("course.earned").c_str());
      ImGui::TableSetupColumn(text.text("course.difference").c_str());
    }
    ImGui::TableHeadersRow();
    for (const SelfCheckRow& r : model.selfCheck) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.title.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(formatPoints(r.maxPoints).c_str());
      ImGui::TableNextColumn();
      if (shown) {
        ImGui::TextUnformatted(formatPoints(r.self.value_or(0.0)).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(formatPoints(*r.awarded).c_str());
        ImGui::TableNextColumn();
        const double diff = r.self.value_or(0.0) - *r.awarded;
        ImGui::TextColored(diff == 0.0 ? kGreen : kAmber, "%s%s", diff > 0.0 ? "+" : "",
                           formatPoints(diff).c_str());
      } else {
        double& v = mSelfPoints.try_emplace(r.itemId, r.self.value_or(0.0)).first->second;
        ImGui::SetNextItemWidth(120.0f);
        ImGui::InputDouble(("##self" + r.itemId).c_str(), &v, 0.0, 0.0, "%.1f");
      }
    }
    ImGui::EndTable();
  }
  if (shown) {
    ImGui::TextUnformatted(model.accuracy.c_str());
  } else if (ImGui::Button(text.text("course.submit_check").c_str())) {
    std::vector<std::pair<std::string, double>> points;
    for (const SelfCheckRow& r : model.selfCheck) {
      points.emplace_back(r.itemId, mSelfPoints[r.itemId]);
    }
    actions.selfCheck = std::move(points);
  }
}

CourseScreenActions CourseScreen::draw(const CourseScreenModel& model, const I18n& text) {
  SKILLSIM_CHECK(ImGui::GetCurrentContext() != nullptr, "CourseScreen::draw needs an ImGui frame");
  CourseScreenActions actions;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  if (ImGui::Begin("##course", nullptr,
                   ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                       ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::Text("%s — %s %s", model.courseTitle.c_str(), text.text("course.trainee").c_str(),
                model.trainee.c_str());
    ImGui::SameLine();
    ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - 100.0f);
    actions.back = ImGui::Button(text.text("course.back").c_str(), ImVec2(100.0f, 0.0f));
    ImGui::Separator();
    ImGui::TextColored(kGreen, "%s", text.text("course.map").c_str());
    std::string workTask;
    for (std::size_t i = 0; i < model.tasks.size(); ++i) {
      const CourseMapTask& t = model.tasks[i];
      if (i == 0 || t.workTask != workTask) {
        workTask = t.workTask;
        ImGui::TextColored(kDim, "%s", workTask.c_str());
      }
      ImGui::TextColored(stateColour(t.state), "  [%s]", text.text(stateKey(t.state)).c_str());
      ImGui::SameLine();
      ImGui::BeginDisabled(t.state == CourseTaskState::Locked);
      if (ImGui::Selectable((t.title + "##task" + t.id).c_str(), model.chosen == i)) {
        actions.choose = t.id;
      }
      ImGui::EndDisabled();
      if (t.state == CourseTaskState::Locked) {
        ImGui::TextColored(kDim, "      %s", t.lockedWhy.c_str());
      }
    }
    if (!model.message.empty()) {
      ImGui::TextColored(model.messageIsError ? kRed : kGreen, "%s", model.message.c_str());
    }
    if (!model.chosen) {
      ImGui::TextColored(kDim, "%s", text.text("course.choose_task").c_str());
    } else {
      const CourseMapTask& t = model.tasks[*model.chosen];
      if (mTask != t.id) {
        mTask = t.id;
        mSelfPoints.clear();
        mReflection.clear();
      }
      ImGui::Separator();
      if (ImGui::BeginChild("##task", ImVec2(0.0f, 0.0f), false)) {
        // Carry out first: the Start buttons stay in view however long the work page is.
        ImGui::TextColored(kGreen, "%s", text.text("course.carry_out").c_str());
        ImGui::BeginDisabled(!model.practiceOpen);
        if (ImGui::Button(text.text("course.start_practice").c_str())) {
          actions.start = AttemptMode::Practice;
        }
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::BeginDisabled(!t.examOpen);
        if (ImGui::Button(text.text("course.start_exam").c_str())) {
          actions.start = AttemptMode::Exam;
          actions.examSession = mExamSession;
        }
        ImGui::EndDisabled();
        if (!t.examOpen) {
          ImGui::SameLine();
          ImGui::TextColored(kDim, "%s", t.examWhy.c_str());
        } else {
          // The exam runs in an invigilated session: the invigilator gives its id (or set it up
          // with --exam-session); the desk refuses the exam in plain words without an open one.
          if (mExamSessionShown != model.examSession) {
            mExamSessionShown = model.examSession;
            mExamSession = model.examSession;
          }
          ImGui::SameLine();
          ImGui::TextUnformatted(text.text("course.exam_session").c_str());
          ImGui::SameLine();
          ImGui::SetNextItemWidth(200.0f);
          ImGui::InputText("##exam_session", &mExamSession);
        }
        ImGui::Separator();
        ImGui::TextColored(kGreen, "%s", text.text("course.work_page").c_str());
        ImGui::TextUnformatted(model.workPageScore.c_str());
        std::string step;
        for (const WorkPageQuestion& q : model.workPage) {
          if (q.step != step) {
            step = q.step;
            ImGui::TextColored(kAmber, "%s", step.c_str());
          }
          drawQuestion(q, text, actions);
        }
        ImGui::Separator();
        drawCheck(model, text, actions);
        ImGui::Separator();
        ImGui::TextColored(kGreen, "%s", text.text("course.evaluate").c_str());
        if (model.reflection) {
          ImGui::TextWrapped("%s", model.reflection->c_str());
        } else if (!t.evaluationOpen) {
          ImGui::TextColored(kDim, "%s", t.evaluationWhy.c_str());
        } else {
          ImGui::TextUnformatted(text.text("course.reflection").c_str());
          ImGui::InputTextMultiline("##reflection", &mReflection, ImVec2(-1.0f, 80.0f));
          if (ImGui::Button(text.text("course.submit_reflection").c_str())) {
            actions.reflection = mReflection;
          }
        }
      }
      ImGui::EndChild();
    }
  }
  ImGui::End();
  return actions;
}

} // namespace skillsim::ui
