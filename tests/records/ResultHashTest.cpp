#include "RecordsTestSupport.h"

#include <skillsim/records/ResultHash.h>
#include <skillsim/records/ResultJson.h>

#include <gtest/gtest.h>

#include <functional>
#include <set>

namespace skillsim::records {
namespace {

using assessment::AttemptResult;
using test::sampleResult;

TEST(ResultHash, EqualResultsHashEqual) {
  EXPECT_EQ(resultHash(sampleResult()), resultHash(sampleResult()));
  EXPECT_NE(resultHash(sampleResult(82.5)), resultHash(sampleResult(82.0)));
}

TEST(ResultHash, EveryFieldChangesTheHash) {
  const std::vector<std::function<void(AttemptResult&)>> edits = {
      [](AttemptResult& r) { r.scenarioId += "x"; },
      [](AttemptResult& r) { r.standardId += "x"; },
      [](AttemptResult& r) { r.items[1].itemId = "paths"; },
      [](AttemptResult& r) { r.items[1].clause = "Q2 2a"; },
      [](AttemptResult& r) { r.items[1].category = assessment::Category::Efficiency; },
      [](AttemptResult& r) { r.items[1].maxPoints += 1e-9; },
      [](AttemptResult& r) { r.items[1].awardedPoints -= 0.5; },
      [](AttemptResult& r) { r.items.pop_back(); },
      [](AttemptResult& r) { r.deductions[0].itemId = "path"; },
      [](AttemptResult& r) { r.deductions[0].criterionId = "pile"; },
      [](AttemptResult& r) { r.deductions[0].points = 4.0; },
      [](AttemptResult& r) { r.deductions[0].tick += 1; },
      [](AttemptResult& r) { r.deductions[0].time += 1.0 / 240.0; },
      [](AttemptResult& r) { r.deductions[0].position.x += 0.001; },
      [](AttemptResult& r) { r.deductions[0].position.y += 0.001; },
      [](AttemptResult& r) { r.deductions[0].position.z += 0.001; },
      [](AttemptResult& r) { r.deductions[0].measured = 2.0; },
      [](AttemptResult& r) { r.deductions[0].finding.other = "pile_3"; },
      [](AttemptResult& r) { r.deductions[0].finding.value += 0.001; },
      [](AttemptResult& r) { r.deductions[0].finding.duration += 1.0 / 240.0; },
      [](AttemptResult& r) { r.deductions[0].finding.side = assessment::LimitSide::Below; },
      [](AttemptResult& r) { r.deductions[0].finding.kind = assessment::FindingKind::Event; },
      [](AttemptResult& r) { std::swap(r.deductions[0], r.deductions[1]); },
      [](AttemptResult& r) {
        r.vetoes.push_back({"hazard", "drop", 1, 0.1, {}, {}});
      },
      [](AttemptResult& r) { r.totalPoints += 0.5; },
      [](AttemptResult& r) { r.maxPoints = 99.0; },
      [](AttemptResult& r) { r.passMark = 60.0; },
      [](AttemptResult& r) { r.passed = !r.passed; },
      [](AttemptResult& r) { r.completed = !r.completed; },
      [](AttemptResult& r) { r.endTick += 1; },
      [](AttemptResult& r) { r.duration += 0.25; },
      [](AttemptResult& r) { r.level = "高级"; },
      // Moving characters between adjacent strings must not collide (length prefixes).
      [](AttemptResult& r) {
        r.scenarioId += "c";
        r.standardId.erase(0, 0);
        r.standardId = r.standardId.substr(0);
      },
  };
  std::set<core::Digest> seen = {resultHash(sampleResult())};
  for (std::size_t i = 0; i < edits.size(); ++i) {
    AttemptResult r = sampleResult();
    edits[i](r);
    EXPECT_TRUE(seen.insert(resultHash(r)).second) << "edit " << i << " did not change the hash";
  }
  AttemptResult a = sampleResult();
  AttemptResult b = sampleResult();
  a.scenarioId = "ab";
  a.standardId = "c";
  b.scenarioId = "a";
  b.standardId = "bc";
  EXPECT_NE(resultHash(a), resultHash(b));
}

TEST(ResultHash, SignedZeroIsDistinguished) {
  AttemptResult a = sampleResult();
  AttemptResult b = sampleResult();
  a.deductions[0].position.x = 0.0;
  b.deductions[0].position.x = -0.0;
  EXPECT_NE(resultHash(a), resultHash(b));
}

TEST(JsonExport, ResultRoundTripsBitExact) {
  AttemptResult r = sampleResult(77.3, true);
  r.deductions[0].time = 0.1 + 0.2; // not exactly representable in short decimal
  r.deductions[1].position.z = -0.0;
  auto back = resultFromJson(resultToJson(r), "r.json");
  ASSERT_TRUE(back) << back.error().toString();
  EXPECT_EQ(resultHash(*back), resultHash(r));
  EXPECT_EQ(*back, r);
}

TEST(JsonExport, AttemptRoundTripsWithUtf8Titles) {
  const AttemptRecord a = test::sampleRecord("att-1", "t-7", 64.0, true);
  const std::string text = attemptToJson(a, 2);
  EXPECT_NE(text.find("\"start\": \"2026-12-01T01:04:00Z\""), std::string::npos) << text;
  EXPECT_NE(text.find("桥式起重机"), std::string::npos);
  auto back = attemptFromJson(text, "a.json");
  ASSERT_TRUE(back) << back.error().toString();
  EXPECT_EQ(*back, a);
}

TEST(JsonExport, BadInputNamesTheField) {
  std::string text = resultToJson(sampleResult());
  const auto at = text.find("\"maxPoints\":50.0");
  ASSERT_NE(at, std::string::npos) << text;
  text.replace(at, 16, "\"maxPoints\":\"50\"");
  auto r = resultFromJson(text, "r.json");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().toString(), "r.json: items[1].maxPoints: expected a number");
  auto notJson = resultFromJson("{", "r.json");
  ASSERT_FALSE(notJson);
  EXPECT_EQ(notJson.error().toString(), "r.json: not valid JSON");
  auto missing = attemptFromJson("{\"attemptId\": \"x\"}", "q.json");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().toString(), "q.json: traineeId: missing");
}

// Issue 20 point 8: the signed end record's JSON had no nesting limit (4 M levels parsed to
// 316 MB). Nesting beyond core::kMaxJsonDepth is refused before parsing, naming the byte.
TEST(JsonExport, NestingDeeperThanTheLimitIsRefusedBeforeParsing) {
  auto deep = resultFromJson(std::string(4'000'000, '['), "end record");
  ASSERT_FALSE(deep);
  EXPECT_EQ(deep.error().toString(), "end record: JSON nested deeper than 64 levels at byte 64");
  // The same depth inside a field of a real result.
  std::string text = resultToJson(sampleResult());
  text.insert(text.size() - 1, ",\"x\":" + std::string(70, '[') + std::string(70, ']'));
  auto nested = resultFromJson(text, "r.json");
  ASSERT_FALSE(nested);
  EXPECT_NE(nested.error().message.find("nested deeper than 64 levels"), std::string::npos)
      << nested.error().message;
  auto attempt = attemptFromJson(std::string(100, '{'), "q.json");
  ASSERT_FALSE(attempt);
  EXPECT_EQ(attempt.error().toString(), "q.json: JSON nested deeper than 64 levels at byte 64");
}

} // namespace
} // namespace skillsim::records
