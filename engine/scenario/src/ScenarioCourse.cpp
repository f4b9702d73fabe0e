// The drawn course of a scenario: `[hall]`, `[[zones]] marking/label` and `[training_aids]`
// (docs/scenario-format.md). None of it changes the simulation or a result.
#include "ScenarioParser.h"

#include <skillsim/scenario/Course.h>

#include <algorithm>
#include <string>

namespace skillsim::scenario {

std::string_view trainingAidName(TrainingAid aid) {
  switch (aid) {
  case TrainingAid::DropLine: return "drop_line";
  case TrainingAid::HeightReadout: return "height_readout";
  case TrainingAid::TargetDistance: return "target_distance";
  case TrainingAid::TargetMarker: return "target_marker";
  case TrainingAid::Minimap: return "minimap";
  case TrainingAid::MachineAids: return "machine_aids";
  }
  return "?";
}

bool TrainingAids::allows(TrainingAid aid, bool examMode) const {
  const std::vector<TrainingAid>& list = examMode ? exam : practice;
  return std::find(list.begin(), list.end(), aid) != list.end();
}

const ZonePaint* Course::paintOf(std::string_view zone) const {
  for (const ZonePaint& p : paint) {
    if (p.zone == zone) {
      return &p;
    }
  }
  return nullptr;
}

void ScenarioParser::readZonePaint(TableReader& r, const sim::ZoneSpec& z, Scenario& out) {
  ZonePaint paint;
  paint.zone = z.name;
  if (auto label = r.string("label", Need::Optional)) {
    for (char ch : *label) {
      if (kPaintableGlyphs.find(ch) == std::string_view::npos) {
        r.problem("label", "label '" + *label + "' holds '" + std::string(1, ch) +
                               "', which cannot be painted; a label uses the capital letters "
                               "A-H and the digits 0-9");
        break;
      }
    }
    if (label->size() > 3) {
      r.problem("label", "label '" + *label + "' is longer than 3 characters");
    }
    paint.label = *label;
  }
  const std::vector<std::string> kinds = {"none", "ring", "walkway", "hatched"};
  auto marking = r.choice("marking", Need::Optional, kinds);
  if (marking) {
    paint.marking =
        static_cast<ZoneMarking>(std::find(kinds.begin(), kinds.end(), *marking) - kinds.begin());
  } else if (!paint.label.empty()) {
    paint.marking = ZoneMarking::Ring; // a labelled zone is painted unless told otherwise
  }
  if (paint.marking == ZoneMarking::Walkway && z.shape != sim::ZoneSpec::Shape::Box) {
    r.problem("marking", "marking = \"walkway\" is for shape = \"box\"; paint a cylinder as "
                         "\"ring\" or \"hatched\"");
  }
  out.course.paint.push_back(std::move(paint));
}

void ScenarioParser::readCourse(TableReader& root, Scenario& out) {
  if (const toml::table* hall = root.table("hall", Need::Optional)) {
    TableReader r(*hall, "hall", mDiagnostics);
    HallSpec h;
    h.centre = r.vec3("center", Need::Required, Range::closed(-1e4, 1e4)).value_or(h.centre);
    h.size = r.vec3("size", Need::Required, {0.0, 1e4, true, false}).value_or(h.size);
    h.columnSpacing =
        r.number("column_spacing", Need::Optional, {1.0, 1e3}).value_or(h.columnSpacing);
    h.windowsPerWall =
        static_cast<int>(r.integer("windows_per_wall", Need::Optional, 0, 50).value_or(4));
    h.baseTags = r.strings("base_tags", Need::Optional).value_or(std::vector<std::string>{});
    for (const std::string& tag : h.baseTags) {
      checkName(r, "base_tags", tag, mTags, "body tag");
    }
    r.finish();
    out.course.hall = h;
  }
  if (const toml::table* aids = root.table("training_aids", Need::Optional)) {
    TableReader r(*aids, "training_aids", mDiagnostics);
    std::vector<std::string> names;
    for (TrainingAid aid : kTrainingAids) {
      names.emplace_back(trainingAidName(aid));
    }
    auto readList = [&](std::string_view key, std::vector<TrainingAid>& into) {
      auto list = r.strings(key, Need::Optional);
      if (!list) {
        return false;
      }
      into.clear();
      for (const std::string& name : *list) {
        auto it = std::find(names.begin(), names.end(), name);
        if (it == names.end()) {
          std::string known;
          for (const std::string& n : names) {
            known += (known.empty() ? "" : ", ") + n;
          }
          r.problem(key, "unknown training aid '" + name + "'; the aids are " + known);
          continue;
        }
        into.push_back(kTrainingAids[it - names.begin()]);
      }
      return true;
    };
    readList("practice", out.course.aids.practice);
    readList("exam", out.course.aids.exam);
    r.finish();
  }
}

} // namespace skillsim::scenario
