// SimBench: simulated seconds per wall-clock second for the crane exam course, headless, side by
// side with raw Bullet stepping the same bodies (issue 4 point 6). Run e.g.
//   build/release/bench/skillsim_bench_sim --benchmark_min_time=2
// Counter `x_realtime` = simulated seconds per wall-clock second (target >= 1000 on one core);
// the overhead is BM_SimulationExamCourse's time per tick over BM_RawBulletExamCourse's
// (target <= 1.2).
//
// The raw comparison builds the same bodies (ground plane, bucket, 8 piles, 2 frames, kinematic
// trolley, hook block) and the same two ropes, as Bullet's own point-to-point joints whose pivot
// is moved with the hoist (a rope that cannot go slack; Bullet has no unilateral distance joint),
// moves the trolley with the same notched controllers and the same scripted operator, and steps
// with the same solver settings and the same activation tuning (static bodies inactive, so their
// boxes are not refreshed every step). What it lacks is what the Simulation adds: contact episodes,
// zones, events, metrics, the rope solver and the fault guard.
#include "CraneCourse.h"

#include <skillsim/sim/NotchedController.h>
#include <skillsim/sim/Simulation.h>
#include <skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h>

#include <btBulletDynamicsCommon.h>

#include <benchmark/benchmark.h>

#include <memory>
#include <vector>

using namespace skillsim::sim;

namespace {

void BM_SimulationExamCourse(benchmark::State& state) {
  const SimulationSpec spec = testing::examCourse();
  auto sim = std::move(Simulation::create(spec)).value();
  std::uint64_t tick = 0;
  for (auto _ : state) {
    sim->step(testing::scriptedActions(tick++));
    benchmark::DoNotOptimize(sim->metrics().values().data());
  }
  if (sim->stopped()) {
    state.SkipWithError(sim->fault()->toString().c_str());
  }
  state.counters["x_realtime"] = benchmark::Counter(
      static_cast<double>(state.iterations()) / spec.tickRate, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SimulationExamCourse)->Unit(benchmark::kMicrosecond);

/** The same course in Bullet directly. */
class RawCourse {
public:
  explicit RawCourse(const SimulationSpec& spec)
      : mDispatcher(&mConfiguration), mWorld(&mDispatcher, &mBroadphase, &mSolver, &mConfiguration),
        mCrane(*skillsim::sim::overheadCraneOf(spec)),
        mBridge(mCrane.bridge, 0.0, mCrane.runwayLength, mCrane.initialBridge),
        mTrolleyDrive(mCrane.trolley, 0.0, mCrane.span, mCrane.initialTrolley),
        mHoist(mCrane.hoist, -mCrane.maxRopeLength, -mCrane.minRopeLength,
               -mCrane.initialRopeLength),
        mTimeStep(btScalar(1.0 / spec.tickRate)) {
    mWorld.setGravity(btVector3(0, btScalar(-9.81), 0));
    mWorld.getSolverInfo().m_numIterations = spec.solverIterations;
    mWorld.setForceUpdateAllAabbs(false); // the same tuning as physics::World
    add(std::make_unique<btStaticPlaneShape>(btVector3(0, 1, 0), btScalar(0)), 0, {0, 0, 0});
    btRigidBody* bucket = nullptr;
    for (const BodySpec& b : spec.bodies) {
      std::unique_ptr<btCollisionShape> shape;
      const btVector3 half(btScalar(b.shape.size.x / 2), btScalar(b.shape.size.y / 2),
                           btScalar(b.shape.size.z / 2));
      if (b.shape.kind == ShapeKind::Cylinder) {
        shape = std::make_unique<btCylinderShape>(half);
      } else {
        shape = std::make_unique<btBoxShape>(half);
      }
      btRigidBody* body =
          add(std::move(shape), btScalar(b.mass),
              btVector3(btScalar(b.position.x), btScalar(b.position.y), btScalar(b.position.z)));
      if (b.liftingLug) {
        bucket = body;
      }
    }
    mTrolley = add(std::make_unique<btBoxShape>(btVector3(0.6f, 0.3f, 0.6f)), 0, sheave());
    mTrolley->setCollisionFlags(mTrolley->getCollisionFlags() |
                                btCollisionObject::CF_KINEMATIC_OBJECT);
    mTrolley->setActivationState(DISABLE_DEACTIVATION);
    const btVector3 hookAt = sheave() - btVector3(0, btScalar(mCrane.initialRopeLength + 0.2), 0);
    mHook = add(std::make_unique<btBoxShape>(btVector3(0.15f, 0.2f, 0.15f)),
                btScalar(mCrane.hookMass), hookAt);
    mHoistRope = std::make_unique<btPoint2PointConstraint>(
        *mTrolley, *mHook, btVector3(0, -0.3f, 0), btVector3(0, 0.2f, 0));
    mHoistRope->setPivotA(btVector3(0, btScalar(-0.3 - mCrane.initialRopeLength), 0));
    mWorld.addConstraint(mHoistRope.get(), true);
    mSling = std::make_unique<btPoint2PointConstraint>(*mHook, *bucket, btVector3(0, -0.2f, 0),
                                                       btVector3(0, 0.4f, 0));
    mSling->setPivotA(btVector3(0, btScalar(-0.2 - mCrane.slingLength), 0));
    mWorld.addConstraint(mSling.get(), true);
  }

  ~RawCourse() {
    mWorld.removeConstraint(mSling.get());
    mWorld.removeConstraint(mHoistRope.get());
    for (auto& body : mBodies) {
      mWorld.removeRigidBody(body.get());
    }
  }

  void step(const skillsim::core::ActionState& a) {
    mBridge.select(a.axis(skillsim::sim::crane_controls::kBridgeTravel));
    mTrolleyDrive.select(a.axis(skillsim::sim::crane_controls::kTrolleyTravel));
    mHoist.select(a.axis(skillsim::sim::crane_controls::kHoist));
    const double dt = static_cast<double>(mTimeStep);
    mBridge.update(dt, false, false);
    mTrolleyDrive.update(dt, false, false);
    mHoist.update(dt, false, false);
    btTransform pose;
    pose.setIdentity();
    pose.setOrigin(sheave() + btVector3(0, 0.3f, 0));
    mTrolley->setWorldTransform(pose);
    mHoistRope->setPivotA(btVector3(0, btScalar(-0.3 + mHoist.position()), 0));
    mWorld.stepSimulation(mTimeStep, 0, mTimeStep);
  }

private:
  btVector3 sheave() const {
    return btVector3(btScalar(mCrane.runwayOrigin.x + mBridge.position()),
                     btScalar(mCrane.runwayOrigin.y + mCrane.liftHeight),
                     btScalar(mCrane.runwayOrigin.z + mTrolleyDrive.position()));
  }

  btRigidBody* add(std::unique_ptr<btCollisionShape> shape, btScalar mass, const btVector3& at) {
    btVector3 inertia(0, 0, 0);
    if (mass > 0) {
      shape->calculateLocalInertia(mass, inertia);
    }
    btRigidBody::btRigidBodyConstructionInfo info(mass, nullptr, shape.get(), inertia);
    info.m_startWorldTransform.setIdentity();
    info.m_startWorldTransform.setOrigin(at);
    auto body = std::make_unique<btRigidBody>(info);
    body->setActivationState(mass > 0 ? DISABLE_DEACTIVATION : ISLAND_SLEEPING);
    mWorld.addRigidBody(body.get());
    mShapes.push_back(std::move(shape));
    mBodies.push_back(std::move(body));
    return mBodies.back().get();
  }

  btDefaultCollisionConfiguration mConfiguration;
  btCollisionDispatcher mDispatcher;
  btDbvtBroadphase mBroadphase;
  btSequentialImpulseConstraintSolver mSolver;
  btDiscreteDynamicsWorld mWorld;
  std::vector<std::unique_ptr<btCollisionShape>> mShapes;
  std::vector<std::unique_ptr<btRigidBody>> mBodies;
  OverheadCraneSpec mCrane;
  NotchedController mBridge;
  NotchedController mTrolleyDrive;
  NotchedController mHoist;
  btScalar mTimeStep;
  btRigidBody* mTrolley = nullptr;
  btRigidBody* mHook = nullptr;
  std::unique_ptr<btPoint2PointConstraint> mHoistRope;
  std::unique_ptr<btPoint2PointConstraint> mSling;
};

void BM_RawBulletExamCourse(benchmark::State& state) {
  const SimulationSpec spec = testing::examCourse();
  RawCourse course(spec);
  std::uint64_t tick = 0;
  for (auto _ : state) {
    course.step(testing::scriptedActions(tick++));
  }
  state.counters["x_realtime"] = benchmark::Counter(
      static_cast<double>(state.iterations()) / spec.tickRate, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RawBulletExamCourse)->Unit(benchmark::kMicrosecond);

/** A 5-minute exam re-simulated from scratch (build + 72 000 ticks), as verification does it. */
void BM_ReSimulateFiveMinuteExam(benchmark::State& state) {
  const SimulationSpec spec = testing::examCourse();
  for (auto _ : state) {
    auto sim = std::move(Simulation::create(spec)).value();
    for (std::uint64_t t = 0; t < 300u * spec.tickRate; ++t) {
      sim->step(testing::scriptedActions(t));
    }
    benchmark::DoNotOptimize(sim->stateHash());
  }
}
BENCHMARK(BM_ReSimulateFiveMinuteExam)->Unit(benchmark::kMillisecond)->Iterations(2);

} // namespace

BENCHMARK_MAIN();
