// The registry of scripted operators keyed by machine kind and profile, and the generic run of an
// Operator through the one stepper (scenario::AttemptRunner).
#include <skillsim/operator/OperatorRegistry.h>
#include <skillsim/operator/OperatorRun.h>
#include <skillsim/scenario/ScenarioLoader.h>

#include <gtest/gtest.h>

#include <filesystem>

using namespace skillsim;
using namespace skillsim::op;

namespace {

scenario::Scenario practice() {
  auto s = scenario::loadScenario(std::filesystem::path(SKILLSIM_SOURCE_DIR) /
                                  "scenarios/overhead_crane/practice_single_lift.toml");
  EXPECT_TRUE(s) << s.error().toString();
  return std::move(s).value();
}

/** Sets no control, and is done after `ticks` ticks; records what it observed. */
class IdleOperator final : public Operator {
public:
  explicit IdleOperator(std::uint64_t ticks) : mTicks(ticks) {}
  core::Expected<core::ActionState> act(const OperatorObservation& observation) override {
    EXPECT_EQ(observation.tick(), mActed);
    EXPECT_TRUE(observation.metric("time"));
    EXPECT_FALSE(observation.metric("no_such_metric"));
    ++mActed;
    return core::ActionState{};
  }
  [[nodiscard]] bool finished() const override { return mActed >= mTicks; }
  [[nodiscard]] std::optional<std::string> failure() const override { return std::nullopt; }
  std::uint64_t mActed = 0;

private:
  std::uint64_t mTicks;
};

} // namespace

TEST(OperatorRegistry, BuiltInHasTheQ2ProfilesOfTheScenariosMachine) {
  const auto registry = OperatorRegistry::builtIn();
  const auto s = practice();
  EXPECT_EQ(registry.profiles(OperatorRegistry::machineKind(s)),
            (std::vector<std::string>{"competent", "careless"}));
  EXPECT_TRUE(registry.profiles("no_such_machine").empty());
}

TEST(OperatorRegistry, UnknownProfileNamesTheMachineAndItsProfiles) {
  auto made = OperatorRegistry::builtIn().create(practice(), "reckless");
  ASSERT_FALSE(made);
  EXPECT_EQ(made.error().code, core::ErrorCode::InvalidInput);
  EXPECT_NE(made.error().message.find("'reckless'"), std::string::npos) << made.error().message;
  EXPECT_NE(made.error().message.find("competent, careless"), std::string::npos)
      << made.error().message;
}

TEST(OperatorRegistry, NoOperatorForAMachineSaysSo) {
  OperatorRegistry empty;
  auto made = empty.create(practice(), "competent");
  ASSERT_FALSE(made);
  EXPECT_NE(made.error().message.find("no scripted operator for the machine"), std::string::npos)
      << made.error().message;
}

// An operator from any registry runs the same way: its inputs end 1 s after it is done.
TEST(OperatorRun, AnyOperatorRunsThroughTheStepperAndEndsOneSecondAfterItIsDone) {
  const auto s = practice();
  OperatorRegistry registry;
  registry.add(OperatorRegistry::machineKind(s), "idle",
               [](const scenario::Scenario&) -> core::Expected<std::unique_ptr<Operator>> {
                 return std::unique_ptr<Operator>(std::make_unique<IdleOperator>(10));
               });
  auto run = runOperator(s, "idle", registry);
  ASSERT_TRUE(run) << run.error().toString();
  // Done on its 10th tick, which is the first of the second it is given after that.
  EXPECT_EQ(run->actions.size(), 9u + static_cast<std::size_t>(s.tickRate));
  EXPECT_FALSE(run->failure);
  EXPECT_FALSE(run->result.completed);
}
