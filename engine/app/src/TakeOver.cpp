#include "skillsim/app/TakeOver.h"

#include <cmath>
#include <cstdio>
#include <string>

namespace skillsim::app {
namespace {

std::string seconds(std::uint64_t tick, std::uint32_t rate) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", static_cast<double>(tick) / std::max(rate, 1u));
  return text;
}

} // namespace

core::Expected<TakeOverPoint> takeOverPoint(records::Trace parent,
                                            const std::filesystem::path& file,
                                            const scenario::Scenario& scenario, double at) {
  const core::SourceLocation where{.file = file.string()};
  if (parent.header.scenarioHash != scenario.hash) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           "recorded on scenario hash " + core::toHex(parent.header.scenarioHash) +
                               ", not on " + scenario.scenarioFile.string() + " (hash " +
                               core::toHex(scenario.hash) +
                               "): a take-over continues the "
                               "replayed attempt's own scenario",
                           where);
  }
  if (scenario.machine) {
    if (auto ok = records::checkTraceControls(parent, file.string(), scenario.machine->controls);
        !ok) {
      return std::move(ok).error();
    }
  }
  const std::uint64_t length = parent.actions.size();
  if (!std::isfinite(at) || at < 0.0) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           "the take-over time must be a number of seconds >= 0", where);
  }
  const auto tick = static_cast<std::uint64_t>(std::llround(at * scenario.tickRate));
  if (tick >= length) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           "take over at " + seconds(tick, scenario.tickRate) +
                               " s: the attempt ends at " + seconds(length, scenario.tickRate) +
                               " s (tick " + std::to_string(length) + "); take over before its end",
                           where);
  }
  TakeOverPoint point;
  point.parent = std::move(parent);
  point.file = file;
  point.tick = tick;
  return point;
}

void markTakeOver(records::TraceHeader& header, const TakeOverPoint& point) {
  header.takeOver = records::TakeOverRef{point.parent.fileHash, point.tick};
  header.mode = records::AttemptMode::Practice;
  header.examSession = {};
}

core::Expected<void> replayToTakeOver(scenario::AttemptRunner& runner, const TakeOverPoint& point) {
  if (runner.simulation().tick() != 0) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           "a take-over starts from a fresh attempt (this one stands at tick " +
                               std::to_string(runner.simulation().tick()) + ")",
                           core::SourceLocation{.file = point.file.string()});
  }
  // The one stepper, fed the parent's recorded inputs: the same ticks the replay showed.
  scenario::RecordedInputs parent(point.parent.actions);
  runner.advance(parent, point.tick);
  if (runner.simulation().tick() != point.tick || runner.finished()) {
    return core::makeError(
        core::ErrorCode::InvalidInput,
        "the replayed attempt ended at tick " + std::to_string(runner.simulation().tick()) +
            ", before the take-over tick " + std::to_string(point.tick),
        core::SourceLocation{.file = point.file.string(), .tick = runner.simulation().tick()});
  }
  return {};
}

} // namespace skillsim::app
