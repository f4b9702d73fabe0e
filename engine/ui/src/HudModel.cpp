#include "skillsim/ui/HudModel.h"

#include <cmath>

namespace skillsim::ui {

void fillReadouts(HudModel& model, const sim::MachineDecl& machine, const sim::Metrics& metrics,
                  Language language, bool trainingAids) {
  model.readouts.clear();
  const bool zh = language == Language::ChineseSimplified;
  for (const sim::ReadoutDecl& r : machine.readouts) {
    const sim::MetricDecl* decl = machine.metric(r.metric);
    auto index = metrics.find(r.metric);
    if (decl == nullptr || !index) {
      continue;
    }
    if (r.trainingAid) {
      const auto valid = r.validWhen.empty() ? std::nullopt : metrics.find(r.validWhen);
      if (!trainingAids || (valid && metrics.get(*valid) < 0.5)) {
        continue;
      }
    }
    const double value = metrics.get(*index);
    const sim::ReadoutWord* word = r.wordFor(value);
    model.readouts.push_back({zh ? decl->labelZh : decl->labelEn, value, decl->unit, r.precision,
                              word ? (zh ? word->zh : word->en) : std::string()});
  }
}

void fillControls(HudModel& model, const core::ControlLayout& controls,
                  const core::ActionState& actions, Language language) {
  model.controls.clear();
  const bool zh = language == Language::ChineseSimplified;
  for (const core::ControlDecl& c : controls.controls()) {
    HudControl h;
    h.label = zh ? c.nameZh : c.nameEn;
    h.kind = c.kind;
    if (core::isAxis(c.kind)) {
      const float v = actions.axis(*controls.axisSlot(c.id));
      if (c.kind == core::ControlKind::Notched) {
        h.notch = {static_cast<int>(std::lround(v * static_cast<float>(c.notches))), c.notches};
      }
      h.value = v;
    } else {
      h.held = actions.button(*controls.buttonBit(c.id));
    }
    model.controls.push_back(std::move(h));
  }
}

} // namespace skillsim::ui
