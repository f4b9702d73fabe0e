#include "skillsim/ui/ScenarioEditor.h"

#include "skillsim/core/Check.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace skillsim::ui {
namespace {

const ImVec4 kRed{0.95f, 0.30f, 0.25f, 1.0f};
const ImVec4 kAmber{1.0f, 0.75f, 0.20f, 1.0f};
const ImVec4 kDim{0.65f, 0.65f, 0.65f, 1.0f};
const ImVec4 kGreen{0.35f, 0.85f, 0.40f, 1.0f};

constexpr float kBarHeight = 40.0f;
constexpr float kMessagesHeight = 150.0f;
constexpr ImGuiWindowFlags kPanel = ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                                    ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;

float leftWidth(float width) { return std::round(width * 0.2f); }
float rightWidth(float width) { return std::round(width * 0.3f); }

void place(float x, float y, float w, float h) {
  ImGui::SetNextWindowPos(ImVec2(x, y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(w, h), ImGuiCond_Always);
}

std::string objectLabel(const EditorObject& o, const I18n& text) {
  return text.text(o.zone ? "edit.zone" : "edit.body") + " " + (o.name.empty() ? "?" : o.name);
}

/** The four corners (plan m) of an object's footprint, turned by its yaw. */
std::array<glm::dvec2, 4> corners(const EditorObject& o, glm::dvec2 centre) {
  const double c = std::cos(o.yaw);
  const double s = std::sin(o.yaw);
  std::array<glm::dvec2, 4> out;
  const std::array<glm::dvec2, 4> local{
      {{-o.half.x, -o.half.y}, {o.half.x, -o.half.y}, {o.half.x, o.half.y}, {-o.half.x, o.half.y}}};
  for (std::size_t i = 0; i < 4; ++i) {
    // About +Y (right-handed): x' = x cos + z sin, z' = -x sin + z cos.
    out[i] = centre + glm::dvec2(local[i].x * c + local[i].y * s, -local[i].x * s + local[i].y * c);
  }
  return out;
}

/** True when plan point p lies on the object's footprint (outline for a zone: inside). */
bool hits(const EditorObject& o, glm::dvec2 p) {
  const glm::dvec2 d = p - glm::dvec2(o.position.x, o.position.z);
  if (o.circle) {
    return glm::length(d) <= std::max(o.half.x, 0.15);
  }
  const double c = std::cos(o.yaw);
  const double s = std::sin(o.yaw);
  const glm::dvec2 local(d.x * c - d.y * s, d.x * s + d.y * c);
  return std::abs(local.x) <= std::max(o.half.x, 0.15) &&
         std::abs(local.y) <= std::max(o.half.y, 0.15);
}

ImU32 colour(glm::vec4 c, float alpha = 1.0f) {
  return ImGui::GetColorU32(ImVec4(c.r, c.g, c.b, c.a * alpha));
}

/** A text field with a Set button on one line; true when Set was pressed (or Enter). */
bool fieldWithSet(const char* id, std::string& value, const std::string& setLabel, float width) {
  ImGui::PushID(id);
  ImGui::SetNextItemWidth(width);
  bool set = ImGui::InputText("##value", &value, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  set = ImGui::Button(setLabel.c_str()) || set;
  ImGui::PopID();
  return set;
}

std::string keysText(const EditorObject& o) {
  std::string all = o.name;
  for (const auto& [k, v] : o.keys) {
    all += "\n" + k + "=" + v;
  }
  return all;
}

} // namespace

ScreenRect editorTopViewRect(float width, float height) {
  SKILLSIM_CHECK(width > 0.0f && height > 0.0f, "display size must be positive");
  const float x = leftWidth(width);
  const float w = std::max(100.0f, width - x - rightWidth(width));
  // The top 62 % of the space between the bars; the 3D view shows through below it.
  const float h = std::max(100.0f, std::round((height - kBarHeight - kMessagesHeight) * 0.62f));
  return {x, kBarHeight, w, h};
}

namespace {

/** The drawing area inside the top view's window (px): below its title, inside its padding. */
ScreenRect canvasOf(const ScreenRect& r) {
  return {r.x + 8.0f, r.y + 30.0f, r.width - 16.0f, r.height - 38.0f};
}

} // namespace

ScreenRect editorPlanCanvas(float width, float height) {
  return canvasOf(editorTopViewRect(width, height));
}

namespace {

struct PlanFit {
  double scale = 1.0;
  glm::dvec2 centre{0.0};
  glm::dvec2 screenCentre{0.0};
};

PlanFit fitOf(const ScreenRect& r, glm::dvec2 min, glm::dvec2 max) {
  const glm::dvec2 extent = glm::max(max - min, glm::dvec2(1e-6));
  PlanFit f;
  f.scale = std::min(std::max(1.0, double(r.width)) / extent.x,
                     std::max(1.0, double(r.height)) / extent.y);
  f.centre = 0.5 * (min + max);
  f.screenCentre = {r.x + 0.5 * r.width, r.y + 0.5 * r.height};
  return f;
}

} // namespace

glm::vec2 editorPlanToScreen(const ScreenRect& rect, glm::dvec2 min, glm::dvec2 max,
                             glm::dvec2 plan) {
  const PlanFit f = fitOf(rect, min, max);
  const glm::dvec2 s = f.screenCentre + (plan - f.centre) * f.scale;
  return {static_cast<float>(s.x), static_cast<float>(s.y)};
}

glm::dvec2 editorScreenToPlan(const ScreenRect& rect, glm::dvec2 min, glm::dvec2 max,
                              glm::vec2 screen) {
  const PlanFit f = fitOf(rect, min, max);
  return f.centre + (glm::dvec2(screen) - f.screenCentre) / f.scale;
}

void ScenarioEditor::drawTopView(const ScenarioEditorModel& model, const I18n& text,
                                 const ScreenRect& r, ScenarioEditorActions& actions) {
  place(r.x, r.y, r.width, r.height);
  const std::string title = text.text("edit.top_view") + "###edit_top";
  if (ImGui::Begin(title.c_str(), nullptr,
                   kPanel | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse)) {
    const ScreenRect c = canvasOf(r);
    ImGui::SetCursorScreenPos(ImVec2(c.x, c.y));
    ImGui::InvisibleButton("##plan", ImVec2(std::max(c.width, 1.0f), std::max(c.height, 1.0f)));
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const glm::dvec2 plan = editorScreenToPlan(c, model.areaMin, model.areaMax, {mouse.x, mouse.y});
    if (ImGui::IsItemActivated()) {
      // Bodies over zones, the smallest first: a pile standing in a gate is picked, not the gate.
      std::optional<std::size_t> hit;
      double best = 1e300;
      for (std::size_t i = 0; i < model.objects.size(); ++i) {
        const EditorObject& o = model.objects[i];
        const double area = o.half.x * o.half.y + (o.zone ? 1e6 : 0.0);
        if (hits(o, plan) && area < best) {
          best = area;
          hit = i;
        }
      }
      if (hit) {
        actions.select = hit;
        mSelected = hit;
        const EditorObject& o = model.objects[*hit];
        mDrag = std::make_pair(*hit, plan - glm::dvec2(o.position.x, o.position.z));
        mDragAt = glm::dvec2(o.position.x, o.position.z);
      } else {
        mDrag.reset();
      }
    }
    const double grid = kEditorGrids[mGrid];
    auto snapped = [grid](glm::dvec2 p) { return grid > 0.0 ? glm::round(p / grid) * grid : p; };
    bool dropped = false;
    if (mDrag && mDrag->first < model.objects.size()) {
      if (ImGui::IsItemActive()) {
        mDragAt = plan - mDrag->second;
      } else if (ImGui::IsItemDeactivated()) {
        dropped = true;
      }
    } else {
      mDrag.reset();
    }
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRect(ImVec2(c.x, c.y), ImVec2(c.x + c.width, c.y + c.height), true);
    auto at = [&](glm::dvec2 p) {
      const glm::vec2 s = editorPlanToScreen(c, model.areaMin, model.areaMax, p);
      return ImVec2(s.x, s.y);
    };
    draw->AddRectFilled(ImVec2(c.x, c.y), ImVec2(c.x + c.width, c.y + c.height),
                        colour({0.32f, 0.33f, 0.32f, 1.0f}));
    // The grid (1 m lines when the snap is off), every line at least 6 px apart.
    const double step = grid > 0.0 ? grid : 1.0;
    const glm::vec2 a = editorPlanToScreen(c, model.areaMin, model.areaMax, {0.0, 0.0});
    const glm::vec2 b = editorPlanToScreen(c, model.areaMin, model.areaMax, {step, 0.0});
    double shown = step;
    while ((b.x - a.x) * shown / step < 6.0) {
      shown *= 2.0;
    }
    const glm::dvec2 lo = editorScreenToPlan(c, model.areaMin, model.areaMax, {c.x, c.y});
    const glm::dvec2 hi =
        editorScreenToPlan(c, model.areaMin, model.areaMax, {c.x + c.width, c.y + c.height});
    for (double x = std::floor(lo.x / shown) * shown; x <= hi.x; x += shown) {
      const bool metre = std::abs(x - std::round(x)) < 1e-9 && std::lround(x) % 5 == 0;
      draw->AddLine(at({x, lo.y}), at({x, hi.y}), colour({1, 1, 1, metre ? 0.25f : 0.1f}));
    }
    for (double z = std::floor(lo.y / shown) * shown; z <= hi.y; z += shown) {
      const bool metre = std::abs(z - std::round(z)) < 1e-9 && std::lround(z) % 5 == 0;
      draw->AddLine(at({lo.x, z}), at({hi.x, z}), colour({1, 1, 1, metre ? 0.25f : 0.1f}));
    }
    std::vector<std::size_t> inGroup;
    if (mGroup) {
      for (const EditorGroup& g : model.groups) {
        if (g.name == *mGroup) {
          inGroup = g.members;
        }
      }
    }
    const bool movingGroup =
        mDrag && std::find(inGroup.begin(), inGroup.end(), mDrag->first) != inGroup.end();
    glm::dvec2 dragOffset{0.0};
    if (mDrag) {
      const EditorObject& d = model.objects[mDrag->first];
      dragOffset = snapped(mDragAt) - glm::dvec2(d.position.x, d.position.z);
    }
    for (std::size_t i = 0; i < model.objects.size(); ++i) {
      const EditorObject& o = model.objects[i];
      glm::dvec2 centre(o.position.x, o.position.z);
      const bool moving =
          mDrag && (mDrag->first == i ||
                    (movingGroup && std::find(inGroup.begin(), inGroup.end(), i) != inGroup.end()));
      if (moving) {
        centre += dragOffset;
      }
      const bool selected = mSelected == i;
      const bool grouped = std::find(inGroup.begin(), inGroup.end(), i) != inGroup.end();
      const ImU32 edge = selected  ? colour({0.1f, 0.95f, 1.0f, 1.0f})
                         : grouped ? colour({1.0f, 0.8f, 0.2f, 1.0f})
                                   : colour(o.color);
      const float thick = selected || grouped ? 3.0f : 1.5f;
      const float scale = at({1.0, 0.0}).x - at({0.0, 0.0}).x;
      if (o.circle) {
        if (!o.zone) {
          draw->AddCircleFilled(at(centre), static_cast<float>(o.half.x) * scale, colour(o.color));
        }
        draw->AddCircle(at(centre), static_cast<float>(o.half.x) * scale, edge, 32, thick);
      } else {
        const auto q = corners(o, centre);
        if (!o.zone) {
          draw->AddQuadFilled(at(q[0]), at(q[1]), at(q[2]), at(q[3]), colour(o.color));
        }
        draw->AddQuad(at(q[0]), at(q[1]), at(q[2]), at(q[3]), edge, thick);
      }
      const ImVec2 p = at(centre);
      draw->AddText(ImVec2(p.x + 4.0f, p.y + 2.0f), colour({1, 1, 1, o.zone ? 0.75f : 1.0f}),
                    o.name.c_str());
    }
    draw->PopClipRect();
    if (dropped) {
      const EditorObject& o = model.objects[mDrag->first];
      const glm::dvec2 to = mDragAt;
      if (glm::length(to - glm::dvec2(o.position.x, o.position.z)) > 1e-9) {
        EditorMove m;
        m.object = mDrag->first;
        m.position = {to.x, o.position.y, to.y};
        m.grid = grid;
        if (movingGroup) {
          m.group = mGroup;
        }
        actions.move = m;
      }
      mDrag.reset();
    }
  }
  ImGui::End();
}

void ScenarioEditor::drawProperties(const ScenarioEditorModel& model, const I18n& text,
                                    ScenarioEditorActions& actions) {
  const std::string set = text.text("edit.set");
  if (!mSelected || *mSelected >= model.objects.size()) {
    ImGui::TextColored(kDim, "%s", text.text("edit.nothing_selected").c_str());
  } else {
    const EditorObject& o = model.objects[*mSelected];
    const std::string filled = keysText(o);
    if (mFieldsOf != mSelected || mFieldsText != filled) {
      mFieldsOf = mSelected;
      mFieldsText = filled;
      mPosition = {static_cast<float>(o.position.x), static_cast<float>(o.position.y),
                   static_cast<float>(o.position.z)};
      mYawDeg = static_cast<float>(o.yaw * 180.0 / 3.14159265358979323846);
      mName = o.name + "_copy";
    }
    ImGui::TextColored(kGreen, "%s", objectLabel(o, text).c_str());
    ImGui::Text("%s: %s", text.text("edit.shape").c_str(), o.shape.c_str());
    ImGui::TextUnformatted(text.text("edit.position").c_str());
    ImGui::SetNextItemWidth(220.0f);
    ImGui::InputFloat3("##position", mPosition.data(), "%.3f");
    ImGui::SameLine();
    if (ImGui::Button((set + "##position").c_str())) {
      EditorMove m;
      m.object = *mSelected;
      m.position = {mPosition[0], mPosition[1], mPosition[2]};
      // Typed values as typed: InputFloat3 holds floats, so round them to the mm shown.
      for (int i = 0; i < 3; ++i) {
        m.position[i] = std::round(m.position[i] * 1000.0) / 1000.0;
      }
      m.grid = 0.0;
      actions.move = m;
    }
    if (!o.circle) {
      ImGui::TextUnformatted(text.text("edit.rotation").c_str());
      ImGui::SetNextItemWidth(120.0f);
      ImGui::InputFloat("##yaw", &mYawDeg, 0.0f, 0.0f, "%.1f");
      ImGui::SameLine();
      if (ImGui::Button((set + "##yaw").c_str())) {
        actions.rotateDeg = std::round(static_cast<double>(mYawDeg) * 10.0) / 10.0;
      }
    }
    ImGui::Separator();
    ImGui::TextUnformatted(text.text("edit.keys").c_str());
    if (ImGui::BeginChild("##keys", ImVec2(0.0f, 150.0f), true)) {
      for (const auto& [k, v] : o.keys) {
        const std::string line = k + " = " + v;
        if (ImGui::Selectable(line.c_str(), mKey == k)) {
          mKey = k;
          mValue = v;
        }
      }
    }
    ImGui::EndChild();
    ImGui::SetNextItemWidth(110.0f);
    ImGui::InputText("##key", &mKey);
    ImGui::SameLine();
    ImGui::TextUnformatted("=");
    ImGui::SameLine();
    if (fieldWithSet("value", mValue, set, 170.0f) && !mKey.empty()) {
      actions.setValue = EditorSetValue{EditorSetValue::Target::Object, *mSelected, mKey, mValue};
    }
    ImGui::TextColored(kDim, "%s", text.text("edit.keys_hint").c_str());
    ImGui::Separator();
    ImGui::SetNextItemWidth(150.0f);
    ImGui::InputText("##newname", &mName);
    ImGui::SameLine();
    if (ImGui::Button(text.text("edit.duplicate").c_str())) {
      actions.duplicate = true;
    }
    ImGui::SameLine();
    if (ImGui::Button(text.text("edit.delete").c_str())) {
      actions.remove = true;
    }
  }
  ImGui::Separator();
  ImGui::BeginDisabled(!model.groupsAvailable);
  if (!mSelected) {
    ImGui::SetNextItemWidth(150.0f);
    ImGui::InputText("##newname", &mName);
  }
  if (ImGui::Button(text.text("edit.add_body").c_str())) {
    actions.add = false;
  }
  ImGui::SameLine();
  if (ImGui::Button(text.text("edit.add_zone").c_str())) {
    actions.add = true;
  }
  ImGui::EndDisabled();
}

void ScenarioEditor::drawRubric(const ScenarioEditorModel& model, const I18n& text,
                                ScenarioEditorActions& actions) {
  const std::string set = text.text("edit.set");
  const std::string top = model.passMark + "\n" + model.timeLimit;
  if (top != mTopFilled) {
    mTopFilled = top;
    mPassMark = model.passMark;
    mTimeLimit = model.timeLimit;
  }
  ImGui::TextUnformatted(text.text("edit.pass_mark").c_str());
  if (fieldWithSet("passmark", mPassMark, set, 120.0f) && !mPassMark.empty()) {
    actions.setValue = EditorSetValue{EditorSetValue::Target::Top, 0, "pass_mark", mPassMark};
  }
  ImGui::TextColored(kDim, "%s %s", text.text("edit.standard_pass_mark").c_str(),
                     model.standardPassMark.c_str());
  ImGui::TextUnformatted(text.text("edit.time_limit").c_str());
  if (fieldWithSet("timelimit", mTimeLimit, set, 120.0f) && !mTimeLimit.empty()) {
    actions.setValue =
        EditorSetValue{EditorSetValue::Target::Attempt, 0, "time_limit_s", mTimeLimit};
  }
  if (!model.end.empty()) {
    ImGui::TextColored(kDim, "%s %s", text.text("edit.end").c_str(), model.end.c_str());
  }
  // Any other top-level key (the scenario's `id`, its titles) as TOML text.
  ImGui::TextUnformatted(text.text("edit.scenario_key").c_str());
  ImGui::SetNextItemWidth(90.0f);
  ImGui::InputText("##topkey", &mTopKey);
  ImGui::SameLine();
  ImGui::TextUnformatted("=");
  ImGui::SameLine();
  if (fieldWithSet("topvalue", mTopValue, set, 150.0f) && !mTopKey.empty()) {
    actions.setValue = EditorSetValue{EditorSetValue::Target::Top, 0, mTopKey, mTopValue};
  }
  ImGui::Separator();
  std::string points;
  for (const EditorRubricRow& row : model.rubric) {
    points += row.points + "\n";
  }
  if (points != mPointsFilled) {
    mPointsFilled = points;
    mPoints.clear();
    for (const EditorRubricRow& row : model.rubric) {
      mPoints.push_back(row.points);
    }
  }
  if (ImGui::BeginChild("##rubric", ImVec2(0.0f, 0.0f), false)) {
    for (std::size_t i = 0; i < model.rubric.size(); ++i) {
      const EditorRubricRow& row = model.rubric[i];
      ImGui::PushID(static_cast<int>(i));
      ImGui::TextColored(kGreen, "%s", row.itemTitle.c_str());
      ImGui::TextColored(kDim, "  %s (%s)", row.id.c_str(), row.kind.c_str());
      if (!row.band.empty()) {
        ImGui::TextWrapped("  %s", row.band.c_str());
      }
      if (!row.points.empty()) {
        ImGui::TextUnformatted(("  " + text.text("edit.points")).c_str());
        ImGui::SameLine();
        if (fieldWithSet("points", mPoints[i], set, 80.0f) && !mPoints[i].empty()) {
          actions.setValue =
              EditorSetValue{EditorSetValue::Target::Rubric, row.index, "points", mPoints[i]};
        }
      }
      ImGui::PopID();
    }
  }
  ImGui::EndChild();
}

ScenarioEditorActions ScenarioEditor::draw(const ScenarioEditorModel& model, const I18n& text) {
  SKILLSIM_CHECK(ImGui::GetCurrentContext() != nullptr,
                 "ScenarioEditor::draw needs an ImGui frame");
  ScenarioEditorActions actions;
  if (mSelected && *mSelected >= model.objects.size()) {
    mSelected.reset();
  }
  ImGuiIO& io = ImGui::GetIO();
  const float width = std::max(io.DisplaySize.x, 200.0f);
  const float height = std::max(io.DisplaySize.y, 200.0f);

  // The tool bar.
  place(0.0f, 0.0f, width, kBarHeight);
  if (ImGui::Begin("##edit_bar", nullptr, kPanel | ImGuiWindowFlags_NoTitleBar)) {
    actions.save = ImGui::Button(text.text("edit.save").c_str());
    ImGui::SameLine();
    ImGui::BeginDisabled(!model.canUndo);
    actions.undo = ImGui::Button(text.text("edit.undo").c_str());
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!model.canRedo);
    actions.redo = ImGui::Button(text.text("edit.redo").c_str());
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!model.valid);
    actions.tryIt = ImGui::Button(text.text("edit.try_it").c_str());
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::TextUnformatted(text.text("edit.grid").c_str());
    for (std::size_t i = 0; i < kEditorGrids.size(); ++i) {
      ImGui::SameLine();
      char label[48];
      if (kEditorGrids[i] == 0.0) {
        std::snprintf(label, sizeof label, "%s##grid%zu", text.text("edit.grid_off").c_str(), i);
      } else {
        std::snprintf(label, sizeof label, "%g m##grid%zu", kEditorGrids[i], i);
      }
      if (ImGui::RadioButton(label, mGrid == i)) {
        mGrid = i;
      }
    }
    ImGui::SameLine();
    ImGui::Checkbox(text.text("edit.top_view").c_str(), &mShowTopView);
    ImGui::SameLine();
    ImGui::TextColored(model.modified ? kAmber : kDim, "%s%s", model.modified ? "* " : "",
                       model.file.c_str());
    ImGui::SameLine(width - 90.0f);
    actions.close = ImGui::Button(text.text("edit.close").c_str(), ImVec2(80.0f, 0.0f));
  }
  ImGui::End();

  if (!io.WantCaptureMouse) {
    if (io.MouseDown[1]) {
      actions.viewYaw = -0.005 * io.MouseDelta.x;
      actions.viewPitch = 0.005 * io.MouseDelta.y;
    }
    if (io.MouseWheel != 0.0f) {
      actions.viewZoom = io.MouseWheel > 0.0f ? 0.9 : 1.0 / 0.9;
    }
  }
  const bool typing = io.WantTextInput;
  if (io.KeyCtrl && !typing) {
    // ImGui 1.86 indexes KeysDown by the platform's key codes; GLFW's for letters are their
    // ASCII capitals (GLFW_KEY_Z == 'Z'), and 1.86 has no ImGuiKey for S.
    auto pressed = [](char letter) { return ImGui::IsKeyPressed(letter, false); };
    actions.undo = actions.undo || (pressed('Z') && model.canUndo);
    actions.redo = actions.redo || (pressed('Y') && model.canRedo);
    actions.save = actions.save || pressed('S');
  }

  const ScreenRect top = editorTopViewRect(width, height);
  const float messagesY = height - kMessagesHeight;
  if (model.rawOnly) {
    // Not TOML: only the parse error and the text, until it parses.
    place(0.0f, kBarHeight, width, height - kBarHeight);
    if (ImGui::Begin((text.text("edit.raw_title") + "###edit_raw").c_str(), nullptr, kPanel)) {
      ImGui::PushStyleColor(ImGuiCol_Text, kRed);
      ImGui::TextWrapped("%s", model.parseError.c_str());
      ImGui::PopStyleColor();
      ImGui::TextColored(kDim, "%s", text.text("edit.raw_hint").c_str());
      if (mRawFilled != model.rawText) {
        mRawFilled = model.rawText;
        mRaw = model.rawText;
      }
      ImGui::InputTextMultiline("##raw", &mRaw, ImVec2(-1.0f, height - kBarHeight - 140.0f));
      if (ImGui::Button(text.text("edit.reparse").c_str())) {
        actions.reparse = mRaw;
      }
    }
    ImGui::End();
  } else {
    // The objects and groups.
    place(0.0f, kBarHeight, leftWidth(width), messagesY - kBarHeight);
    if (ImGui::Begin((text.text("edit.objects") + "###edit_objects").c_str(), nullptr, kPanel)) {
      const float listHeight = std::max(80.0f, (messagesY - kBarHeight) * 0.55f);
      if (ImGui::BeginChild("##objects", ImVec2(0.0f, listHeight), true)) {
        for (std::size_t i = 0; i < model.objects.size(); ++i) {
          const std::string label =
              objectLabel(model.objects[i], text) + "##object" + std::to_string(i);
          const bool picked = std::find(mPicked.begin(), mPicked.end(), i) != mPicked.end();
          if (ImGui::Selectable(label.c_str(), mSelected == i || picked)) {
            if (ImGui::GetIO().KeyCtrl) {
              if (picked) {
                mPicked.erase(std::find(mPicked.begin(), mPicked.end(), i));
              } else {
                mPicked.push_back(i);
              }
            }
            mSelected = i;
            actions.select = i;
          }
        }
      }
      ImGui::EndChild();
      ImGui::TextUnformatted(text.text("edit.groups").c_str());
      for (const EditorGroup& g : model.groups) {
        const bool active = mGroup && *mGroup == g.name;
        const std::string label = g.name + " (" + std::to_string(g.members.size()) + ")##group";
        if (ImGui::Selectable(label.c_str(), active)) {
          mGroup = active ? std::nullopt : std::optional<std::string>(g.name);
          if (mGroup && !g.members.empty()) {
            mSelected = g.members.front();
            actions.select = mSelected;
          }
        }
      }
      if (model.groupsAvailable) {
        ImGui::SetNextItemWidth(110.0f);
        ImGui::InputText("##groupname", &mGroupName);
        ImGui::SameLine();
        ImGui::BeginDisabled(mGroupName.empty() || !mSelected);
        if (ImGui::Button(text.text("edit.make_group").c_str())) {
          std::vector<std::size_t> members = mPicked;
          if (std::find(members.begin(), members.end(), *mSelected) == members.end()) {
            members.insert(members.begin(), *mSelected);
          }
          actions.makeGroup = std::make_pair(mGroupName, members);
          mPicked.clear();
        }
        ImGui::EndDisabled();
      }
    }
    ImGui::End();

    if (mShowTopView) {
      drawTopView(model, text, top, actions);
    }

    // Properties and rubric.
    place(width - rightWidth(width), kBarHeight, rightWidth(width), height - kBarHeight);
    if (ImGui::Begin("##edit_side", nullptr, kPanel | ImGuiWindowFlags_NoTitleBar)) {
      if (ImGui::BeginTabBar("##edit_tabs")) {
        if (ImGui::BeginTabItem((text.text("edit.properties") + "###tab_object").c_str())) {
          drawProperties(model, text, actions);
          ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem((text.text("edit.rubric") + "###tab_rubric").c_str())) {
          drawRubric(model, text, actions);
          ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
      }
    }
    ImGui::End();
  }

  // The validator's messages (and the last notice).
  if (!model.rawOnly) {
    place(0.0f, messagesY, width - rightWidth(width), kMessagesHeight);
    const std::string title = text.text("edit.messages") + " (" +
                              std::to_string(model.messages.size()) + ")###edit_messages";
    if (ImGui::Begin(title.c_str(), nullptr, kPanel)) {
      if (!model.notice.empty()) {
        ImGui::TextColored(kAmber, "%s", model.notice.c_str());
      }
      if (model.messages.empty()) {
        ImGui::TextColored(kGreen, "%s", text.text("edit.valid").c_str());
      }
      for (std::size_t i = 0; i < model.messages.size(); ++i) {
        const EditorMessage& m = model.messages[i];
        const bool chosen = m.object && mSelected == m.object;
        ImGui::PushStyleColor(ImGuiCol_Text, m.warning ? kAmber : kRed);
        const std::string label = text.text(m.warning ? "edit.warning" : "edit.problem") + ": " +
                                  m.text + "##message" + std::to_string(i);
        if (ImGui::Selectable(label.c_str(), chosen)) {
          if (m.object) {
            mSelected = m.object;
            actions.select = m.object;
            mScrollToMessage = i;
          }
        }
        ImGui::PopStyleColor();
        if (mScrollToMessage == i) {
          ImGui::SetScrollHereY(0.5f);
          mScrollToMessage.reset();
        }
      }
    }
    ImGui::End();
  }

  if (model.askClose) {
    ImGui::OpenPopup("###edit_ask_close");
  }
  ImGui::SetNextWindowPos(ImVec2(width * 0.5f, height * 0.5f), ImGuiCond_Always,
                          ImVec2(0.5f, 0.5f));
  if (ImGui::BeginPopupModal((text.text("edit.unsaved_title") + "###edit_ask_close").c_str(),
                             nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::TextUnformatted(text.text("edit.unsaved_question").c_str());
    if (ImGui::Button(text.text("edit.save_and_close").c_str())) {
      actions.closeSave = true;
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button(text.text("edit.discard").c_str())) {
      actions.closeDiscard = true;
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button(text.text("edit.cancel").c_str())) {
      actions.closeCancel = true;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  if (actions.duplicate || actions.add) {
    actions.newName = mName; // the name a duplicate or a new object gets
  }
  return actions;
}

} // namespace skillsim::ui
