#pragma once
// What the reference-trace tests of every machine share (ReferenceTraceTest, ForkliftReferenceTrace
// Test, RobotReferenceTraceTest): the committed scenario loaded once, a rubric criterion by id, and
// a committed trace read back and re-simulated on its scenario.
#include <skillsim/app/AttemptReplay.h>
#include <skillsim/records/TraceReader.h>
#include <skillsim/scenario/ScenarioLoader.h>

#include <gtest/gtest.h>

#include <map>
#include <stdexcept>
#include <string>

namespace skillsim::test {

/**
 * The scenario at `path`, loaded on first use and kept for the process; a scenario that does not
 * load is a test failure and reads as an empty scenario.
 */
inline const scenario::Scenario& committedScenario(const std::string& path) {
  static std::map<std::string, scenario::Scenario> loaded;
  auto it = loaded.find(path);
  if (it == loaded.end()) {
    auto s = scenario::loadScenario(path);
    if (!s) {
      ADD_FAILURE() << s.error().toString();
    }
    it = loaded.emplace(path, s ? std::move(*s) : scenario::Scenario{}).first;
  }
  return it->second;
}

/** The criterion `id` of `s`'s rubric; std::runtime_error when it has none. */
inline const assessment::CriterionSpec& criterionOf(const scenario::Scenario& s,
                                                    const std::string& id) {
  for (const auto& c : s.rubric.criteria) {
    if (c.id == id) {
      return c;
    }
  }
  throw std::runtime_error("no criterion " + id);
}

/** A committed trace and what re-simulating it gave. */
struct Replayed {
  records::Trace trace;
  assessment::AttemptResult result;
};

/**
 * Reads the trace at `path` and re-simulates its inputs on `s`. Expects (test failures, not
 * aborts) that it reads, is complete, was made on `s` as it is now (`reRecord` says how to make it
 * again when not) and replays; an unreadable trace gives an empty Replayed.
 */
inline Replayed replayCommitted(const scenario::Scenario& s, const std::string& path,
                                const std::string& reRecord = "") {
  auto trace = records::TraceReader::read(path);
  EXPECT_TRUE(trace) << trace.error().toString();
  if (!trace) {
    return {};
  }
  EXPECT_TRUE(trace->complete) << trace->incompleteReason;
  EXPECT_EQ(trace->header.scenarioHash, s.hash)
      << "trace made on another scenario version" << (reRecord.empty() ? "" : ": ") << reRecord;
  auto result = app::replayAttempt(s, trace->actions);
  EXPECT_TRUE(result) << result.error().toString();
  return {*trace, result ? *result : assessment::AttemptResult{}};
}

} // namespace skillsim::test
