#include "skillsim/core/Controls.h"

#include "skillsim/core/ActionState.h"
#include "skillsim/core/Check.h"

#include <algorithm>

namespace skillsim::core {

std::string_view toString(ControlKind kind) {
  switch (kind) {
  case ControlKind::Notched: return "notched";
  case ControlKind::Continuous: return "continuous";
  case ControlKind::Button: return "button";
  case ControlKind::HoldToEnable: return "hold_to_enable";
  }
  return "button";
}

ControlLayout::ControlLayout(std::vector<ControlDecl> controls) : mControls(std::move(controls)) {
  for (std::size_t i = 0; i < mControls.size(); ++i) {
    const ControlDecl& c = mControls[i];
    SKILLSIM_CHECK(!c.id.empty(), "a control needs an id");
    SKILLSIM_CHECK(std::count_if(mControls.begin(), mControls.end(),
                                 [&](const ControlDecl& d) { return d.id == c.id; }) == 1,
                   "control ids are unique");
    if (isAxis(c.kind)) {
      SKILLSIM_CHECK(c.kind != ControlKind::Notched || (c.notches >= 1 && c.notches <= 100),
                     "a notched control has 1..100 notches");
      mAxisIds.push_back(c.id);
      mAxisDecl.push_back(i);
    } else {
      mButtonIds.push_back(c.id);
      mButtonDecl.push_back(i);
    }
  }
  SKILLSIM_CHECK(mAxisIds.size() <= kMaxAxes, "");
  SKILLSIM_CHECK(mButtonIds.size() <= kMaxButtons, "");
}

std::optional<std::size_t> ControlLayout::axisSlot(std::string_view id) const {
  auto it = std::find(mAxisIds.begin(), mAxisIds.end(), id);
  if (it == mAxisIds.end()) {
    return std::nullopt;
  }
  return static_cast<std::size_t>(it - mAxisIds.begin());
}

std::optional<std::size_t> ControlLayout::buttonBit(std::string_view id) const {
  auto it = std::find(mButtonIds.begin(), mButtonIds.end(), id);
  if (it == mButtonIds.end()) {
    return std::nullopt;
  }
  return static_cast<std::size_t>(it - mButtonIds.begin());
}

const ControlDecl* ControlLayout::find(std::string_view id) const {
  auto it = std::find_if(mControls.begin(), mControls.end(),
                         [&](const ControlDecl& c) { return c.id == id; });
  return it == mControls.end() ? nullptr : &*it;
}

const ControlDecl& ControlLayout::axisControl(std::size_t slot) const {
  SKILLSIM_CHECK(slot < mAxisDecl.size(), "");
  return mControls[mAxisDecl[slot]];
}

const ControlDecl& ControlLayout::buttonControl(std::size_t bit) const {
  SKILLSIM_CHECK(bit < mButtonDecl.size(), "");
  return mControls[mButtonDecl[bit]];
}

} // namespace skillsim::core
