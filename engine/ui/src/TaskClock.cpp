#include "skillsim/ui/TaskClock.h"

#include "skillsim/core/Check.h"
#include "skillsim/ui/Format.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace skillsim::ui {

std::vector<TimedPhase> timedPhases(const assessment::Rubric& rubric) {
  std::vector<TimedPhase> out;
  for (const assessment::CriterionSpec& c : rubric.criteria) {
    if (const auto* t = std::get_if<assessment::TimeLimitParams>(&c.params);
        t != nullptr && !c.phase.empty() && t->limit > 0.0) {
      out.push_back({c.phase, t->limit});
    }
  }
  return out;
}

TaskClock::TaskClock(std::vector<TimedPhase> phases, std::uint32_t tickRate)
    : mPhases(std::move(phases)), mTickRate(tickRate), mRaised(mPhases.size(), ClockWarning::None) {
  SKILLSIM_CHECK(tickRate > 0, "the clock needs a tick rate");
}

ClockReading TaskClock::update(std::uint64_t tick, std::span<const assessment::PhaseSpan> spans) {
  ClockReading r;
  const double rate = mTickRate;
  if (mPhases.empty()) {
    r.started = true;
    r.elapsed = static_cast<double>(tick) / rate;
    return r;
  }
  std::optional<std::uint64_t> firstStart;
  std::optional<std::size_t> shown;
  const assessment::PhaseSpan* shownSpan = nullptr;
  for (std::size_t i = 0; i < mPhases.size(); ++i) {
    for (const assessment::PhaseSpan& s : spans) {
      if (s.phaseId != mPhases[i].phaseId) {
        continue;
      }
      firstStart = std::min(firstStart.value_or(s.startTick), s.startTick);
      // The running phase wins; else the one started last.
      if (shownSpan == nullptr || (s.running && !shownSpan->running) ||
          (s.running == shownSpan->running && s.startTick > shownSpan->startTick)) {
        shown = i;
        shownSpan = &s;
      }
    }
  }
  if (!firstStart) {
    return r;
  }
  r.started = true;
  r.elapsed = static_cast<double>(tick - std::min(tick, *firstStart)) / rate;
  const TimedPhase& p = mPhases[*shown];
  const std::uint64_t end = shownSpan->running ? tick : shownSpan->endTick;
  const std::uint64_t used = end - std::min(end, shownSpan->startTick);
  r.target = p.limit;
  r.stopAt = 1.5 * p.limit;
  r.phaseElapsed = static_cast<double>(used) / rate;
  if (!shownSpan->running) {
    return r;
  }
  const auto targetTicks = static_cast<std::uint64_t>(std::llround(p.limit * rate));
  const auto stopSoonTicks = std::max(
      targetTicks, static_cast<std::uint64_t>(std::llround((1.5 * p.limit - 10.0) * rate)));
  r.warning = used >= stopSoonTicks ? ClockWarning::StopSoon
              : used >= targetTicks ? ClockWarning::TargetReached
                                    : ClockWarning::None;
  if (r.warning > mRaised[*shown]) {
    mRaised[*shown] = r.warning;
    r.newWarning = true;
  }
  return r;
}

std::string fillTemplate(std::string text,
                         std::span<const std::pair<std::string_view, std::string>> values) {
  for (const auto& [name, value] : values) {
    std::string key(1, '{'); // built by appending: GCC 12's -Wrestrict misfires on "{" + s
    key.append(name);
    key.push_back('}');
    for (auto at = text.find(key); at != std::string::npos;
         at = text.find(key, at + value.size())) {
      text.replace(at, key.size(), value);
    }
  }
  return text;
}

std::string timeLimitStopReason(const assessment::AttemptResult& result,
                                const assessment::Rubric& rubric, const I18n& text) {
  if (result.completed) {
    return {};
  }
  if (rubric.timeLimit > 0.0 && rubric.tickRate > 0 &&
      result.endTick >=
          static_cast<std::uint64_t>(std::llround(rubric.timeLimit * rubric.tickRate))) {
    const std::array<std::pair<std::string_view, std::string>, 1> v{
        {{"limit", formatClock(rubric.timeLimit)}}};
    return fillTemplate(text.text("guide.stop_time_limit"), v);
  }
  for (const assessment::CriterionSpec& c : rubric.criteria) {
    const auto* t = std::get_if<assessment::TimeLimitParams>(&c.params);
    if (t == nullptr) {
      continue;
    }
    const bool stoppedHere = std::any_of(result.deductions.begin(), result.deductions.end(),
                                         [&](const assessment::Deduction& d) {
                                           return d.criterionId == c.id && d.tick == result.endTick;
                                         });
    if (stoppedHere) {
      const std::array<std::pair<std::string_view, std::string>, 2> v{
          {{"stop", formatClock(1.5 * t->limit)}, {"target", formatClock(t->limit)}}};
      return fillTemplate(text.text("guide.stop_time_rule"), v);
    }
  }
  return {};
}

} // namespace skillsim::ui
