#include "skillsim/app/EditDesk.h"

#include <skillsim/ui/Format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <numbers>
#include <sstream>

namespace skillsim::app {
namespace {

using scenario::EditObjectKind;

const std::string* keyValue(const std::vector<scenario::EditKey>& keys, std::string_view key) {
  for (const scenario::EditKey& k : keys) {
    if (k.key == key) {
      return &k.value;
    }
  }
  return nullptr;
}

std::optional<double> parsed(const std::string* text) {
  if (text == nullptr) {
    return std::nullopt;
  }
  std::istringstream in(*text);
  in.imbue(std::locale::classic());
  double v = 0.0;
  if (in >> v) {
    return v;
  }
  return std::nullopt;
}

/**
 * A metric band's limits in plain words with the metric's unit, from the validated scenario's
 * machine declarations (`min` / `max` in SI, `min_deg` / `max_deg` in degrees); empty for other
 * kinds.
 */
std::string bandText(const scenario::EditRubricView& row, const scenario::Scenario* s,
                     const ui::I18n& text) {
  if (row.kind != "metric_band") {
    return {};
  }
  const std::string* metricText = keyValue(row.keys, "metric");
  std::string metric = metricText != nullptr ? *metricText : std::string();
  metric.erase(
      std::remove_if(metric.begin(), metric.end(), [](char c) { return c == '"' || c == '\''; }),
      metric.end());
  sim::Unit unit = sim::Unit::None;
  std::string label = metric;
  if (s != nullptr && s->machine) {
    for (const sim::MetricDecl& m : s->machine->metrics) {
      if (m.name == metric) {
        unit = m.unit;
        const std::string& words =
            text.language() == ui::Language::ChineseSimplified ? m.labelZh : m.labelEn;
        label = words.empty() ? metric : words;
      }
    }
  }
  auto bound = [&](const char* si, const char* deg) -> std::string {
    if (auto v = parsed(keyValue(row.keys, si))) {
      return ui::formatQuantity(*v, unit, 3, text);
    }
    if (auto v = parsed(keyValue(row.keys, deg))) {
      return ui::formatQuantity(*v * std::numbers::pi / 180.0, sim::Unit::Radian, 1, text);
    }
    return "—";
  };
  return label + ": " + bound("min", "min_deg") + " … " + bound("max", "max_deg");
}

std::string readAll(const std::filesystem::path& file, bool& ok) {
  std::ifstream in(file, std::ios::binary);
  ok = static_cast<bool>(in);
  return ok ? std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>())
            : std::string();
}

const std::optional<scenario::Scenario> kNoScenario;

} // namespace

core::Expected<EditDesk> EditDesk::open(const std::filesystem::path& file) {
  bool ok = false;
  std::string text = readAll(file, ok);
  if (!ok) {
    return core::makeError(
        std::filesystem::exists(file) ? core::ErrorCode::Io : core::ErrorCode::NotFound,
        "cannot read the scenario to edit", core::SourceLocation{file.string(), 0, 0, {}, {}});
  }
  EditDesk desk;
  desk.mFile = file;
  auto edit = scenario::openEditText(text, file);
  if (edit) {
    desk.mEdit.emplace(std::move(*edit));
  } else {
    desk.mRawText = std::move(text);
    desk.mParseError = edit.error().toString();
  }
  desk.changed();
  return desk;
}

void EditDesk::changed() {
  ++mRevision;
  mView = mEdit ? scenario::editFileView(mEdit->text()) : scenario::EditFileView{};
  // Read once per change, not per frame (groups() parses the text).
  mGroups = mEdit ? mEdit->groups() : std::vector<scenario::EditGroup>{};
}

bool EditDesk::modified() const { return mReparsed || (mEdit && mEdit->modified()); }

std::string EditDesk::title() const {
  return std::string("SkillSim editor - ") + (modified() ? "* " : "") + mFile.filename().string();
}

const std::optional<scenario::Scenario>& EditDesk::tryScenario() const {
  return mEdit ? mEdit->report().scenario : kNoScenario;
}

bool EditDesk::requestClose() {
  if (!modified()) {
    return true;
  }
  mAskClose = true;
  return false;
}

ui::ScenarioEditorModel EditDesk::model(const ui::I18n& text) const {
  ui::ScenarioEditorModel m;
  m.file = mFile.string();
  m.notice = mNotice;
  m.askClose = mAskClose;
  if (!mEdit) {
    m.rawOnly = true;
    m.rawText = mRawText;
    m.parseError = mParseError;
    return m;
  }
  m.modified = modified();
  m.canUndo = mEdit->canUndo();
  m.canRedo = mEdit->canRedo();
  m.valid = mEdit->report().valid() && mEdit->report().scenario.has_value();
  const scenario::Scenario* s = mEdit->report().scenario ? &*mEdit->report().scenario : nullptr;
  glm::dvec2 lo(1e300);
  glm::dvec2 hi(-1e300);
  for (const scenario::EditObjectView& o : mView.objects) {
    ui::EditorObject e;
    e.zone = o.kind == EditObjectKind::Zone;
    e.index = o.index;
    e.name = o.name;
    e.circle = o.circle;
    e.position = {o.position[0], o.position[1], o.position[2]};
    e.half = {o.half[0], o.half[1]};
    e.yaw = o.yaw;
    e.color = {o.color[0], o.color[1], o.color[2], o.color[3]};
    e.shape = o.shape;
    for (const scenario::EditKey& k : o.keys) {
      e.keys.emplace_back(k.key, k.value);
    }
    const glm::dvec2 c(o.position[0], o.position[2]);
    const double r = std::max(o.half[0], o.half[1]);
    lo = glm::min(lo, c - glm::dvec2(r));
    hi = glm::max(hi, c + glm::dvec2(r));
    m.objects.push_back(std::move(e));
  }
  if (s != nullptr && s->course.hall) {
    const scenario::HallSpec& h = *s->course.hall;
    lo = glm::min(lo, glm::dvec2(h.centre.x - 0.5 * h.size.x, h.centre.z - 0.5 * h.size.z));
    hi = glm::max(hi, glm::dvec2(h.centre.x + 0.5 * h.size.x, h.centre.z + 0.5 * h.size.z));
  }
  if (lo.x > hi.x) {
    lo = glm::dvec2(-5.0);
    hi = glm::dvec2(5.0);
  }
  m.areaMin = lo - glm::dvec2(1.0);
  m.areaMax = hi + glm::dvec2(1.0);
  const bool chinese = text.language() == ui::Language::ChineseSimplified;
  for (const scenario::EditRubricView& r : mView.rubric) {
    ui::EditorRubricRow row;
    row.index = r.index;
    row.id = r.id;
    row.kind = r.kind;
    row.itemTitle = r.item;
    if (s != nullptr) {
      for (const assessment::StandardItem& item : s->standard.items) {
        const std::string& words = chinese ? item.descriptionZh : item.descriptionEn;
        if (item.id == r.item && !words.empty()) {
          row.itemTitle = words;
        }
      }
    }
    if (const std::string* points = keyValue(r.keys, "points")) {
      row.points = *points;
    }
    row.band = bandText(r, s, text);
    for (const scenario::EditKey& k : r.keys) {
      row.keys.emplace_back(k.key, k.value);
    }
    m.rubric.push_back(std::move(row));
  }
  m.passMark = mView.passMark ? mView.passMark->value : std::string();
  m.timeLimit = mView.timeLimit ? mView.timeLimit->value : std::string();
  m.end = mView.end ? mView.end->value : std::string();
  // The standard file's own pass mark (the scenario's `pass_mark` replaces it when written).
  if (const auto& standard = mEdit->report().standard) {
    m.standardPassMark =
        ui::formatPoints(standard->passMark) + " / " + ui::formatPoints(standard->totalPoints());
  }
  auto message = [&](const core::Error& e, bool warning) {
    ui::EditorMessage out;
    out.text = e.toString();
    out.warning = warning;
    const scenario::EditLineOwner owner = scenario::ownerOfLine(mView, e.location.line);
    out.object = owner.object;
    out.rubric = owner.rubric;
    m.messages.push_back(std::move(out));
  };
  for (const core::Error& e : mEdit->problems()) {
    message(e, false);
  }
  for (const core::Error& e : mEdit->warnings()) {
    message(e, true);
  }
  m.groupsAvailable = true;
  for (const scenario::EditGroup& g : mGroups) {
    ui::EditorGroup group{g.name, {}};
    for (const std::string& member : g.members) {
      for (std::size_t i = 0; i < mView.objects.size(); ++i) {
        if (mView.objects[i].name == member) {
          group.members.push_back(i);
        }
      }
    }
    m.groups.push_back(std::move(group));
  }
  return m;
}

EditOutcome EditDesk::apply(const ui::ScenarioEditorActions& a, ui::ScenarioEditor& screen,
                            const ui::I18n& text) {
  EditOutcome outcome;
  if (a.closeCancel) {
    mAskClose = false;
  }
  if (a.closeDiscard) {
    mAskClose = false;
    outcome.close = true;
    return outcome;
  }
  if (a.closeSave) {
    mAskClose = false;
    if (mEdit) {
      if (auto saved = mEdit->save(); !saved) {
        mNotice = saved.error().toString();
        return outcome;
      }
      mReparsed = false;
    }
    outcome.close = true;
    return outcome;
  }
  if (a.close) {
    outcome.close = requestClose();
    return outcome;
  }
  if (a.tryIt) {
    outcome.tryIt = tryScenario().has_value();
    return outcome;
  }
  const std::uint64_t before = mRevision;
  if (auto done = applyChange(a, screen); !done) {
    mNotice = done.error().toString();
  } else if (mRevision != before) {
    mNotice.clear();
  }
  if (a.save && mEdit) {
    if (auto saved = mEdit->save(); !saved) {
      mNotice = saved.error().toString();
    } else {
      mNotice = text.text("edit.saved") + " " + mFile.string();
      mReparsed = false;
    }
  }
  return outcome;
}

core::Expected<void> EditDesk::applyChange(const ui::ScenarioEditorActions& a,
                                           ui::ScenarioEditor& screen) {
  if (a.reparse) {
    auto edit = scenario::openEditText(*a.reparse, mFile);
    if (!edit) {
      mRawText = *a.reparse;
      mParseError = edit.error().toString();
      return {};
    }
    // The corrected text differs from the file on disk: Save writes it.
    mEdit.emplace(std::move(*edit));
    mReparsed = true;
    changed();
    return {};
  }
  if (!mEdit) {
    return {};
  }
  if (a.undo) {
    if (mEdit->undo()) {
      changed();
    }
    return {};
  }
  if (a.redo) {
    if (mEdit->redo()) {
      changed();
    }
    return {};
  }
  const std::optional<std::size_t> sel = screen.selected();
  auto object = [&](std::size_t i) -> const scenario::EditObjectView* {
    return i < mView.objects.size() ? &mView.objects[i] : nullptr;
  };
  core::Expected<void> done;
  bool any = false;
  if (a.move) {
    if (const scenario::EditObjectView* o = object(a.move->object)) {
      if (a.move->group) {
        // The whole group by the dragged object's offset (one undo step).
        done = mEdit->moveGroup(
            *a.move->group,
            {a.move->position.x - o->position[0], a.move->position.z - o->position[2]},
            a.move->grid);
      } else {
        done =
            mEdit->move(o->kind, o->index,
                        {a.move->position.x, a.move->position.y, a.move->position.z}, a.move->grid);
      }
      any = true;
    }
  } else if (a.setValue) {
    const ui::EditorSetValue& v = *a.setValue;
    if (v.target == ui::EditorSetValue::Target::Object) {
      if (const scenario::EditObjectView* o = object(v.index)) {
        done = mEdit->setValue(o->kind, o->index, v.key, v.value);
        any = true;
      }
    } else if (v.target == ui::EditorSetValue::Target::Rubric) {
      done = mEdit->setValue(EditObjectKind::Rubric, v.index, v.key, v.value);
      any = true;
    } else {
      done = mEdit->setTopValue(v.target == ui::EditorSetValue::Target::Top ? "" : "attempt", v.key,
                                v.value);
      any = true;
    }
  } else if (a.rotateDeg && sel) {
    if (const scenario::EditObjectView* o = object(*sel)) {
      done = mEdit->rotate(o->kind, o->index, *a.rotateDeg * std::numbers::pi / 180.0);
      any = true;
    }
  } else if (a.add) {
    const EditObjectKind kind = *a.add ? EditObjectKind::Zone : EditObjectKind::Body;
    done = mEdit->add(kind, a.newName);
    if (done) {
      changed();
      for (std::size_t i = 0; i < mView.objects.size(); ++i) {
        if (mView.objects[i].kind == kind && mView.objects[i].name == a.newName) {
          screen.select(i);
        }
      }
    }
    return done;
  } else if (a.makeGroup) {
    std::vector<std::string> members;
    for (std::size_t i : a.makeGroup->second) {
      if (const scenario::EditObjectView* o = object(i)) {
        members.push_back(o->name);
      }
    }
    done = mEdit->setGroup(a.makeGroup->first, members);
    any = true;
    if (done) {
      screen.setActiveGroup(a.makeGroup->first);
    }
  } else if (a.duplicate && sel) {
    if (const scenario::EditObjectView* o = object(*sel)) {
      const EditObjectKind kind = o->kind;
      done = mEdit->duplicate(kind, o->index, a.newName);
      any = true;
      if (done) {
        changed();
        // The copy is the last object of its kind.
        for (std::size_t i = 0; i < mView.objects.size(); ++i) {
          if (mView.objects[i].kind == kind && mView.objects[i].name == a.newName) {
            screen.select(i);
          }
        }
        return done;
      }
    }
  } else if (a.remove && sel) {
    if (const scenario::EditObjectView* o = object(*sel)) {
      done = mEdit->remove(o->kind, o->index);
      any = true;
      if (done) {
        screen.select(std::nullopt);
      }
    }
  }
  if (any && done) {
    changed();
  }
  return done;
}

} // namespace skillsim::app
