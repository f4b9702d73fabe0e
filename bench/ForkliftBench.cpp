// ForkliftBench: simulated seconds per second for the forklift on the N1 field (two racks with
// their beams, two loaded pallets, the truck), headless, side by side with raw Bullet stepping the
// same bodies in the same run (issue 15). Each case runs at two steppings, so one run shows the
// before and the after: 240 Hz with 20 solver iterations (the truck as first built, the pole
// course) and the N1 field test's own (ForkliftFixture.h kN1Stepping, the [simulation] of
// scenarios/forklift/n1_field_test.toml). Run (docs/machines/forklift.md, Speed):
//   taskset -c 1 build/release/bench/skillsim_bench_forklift --benchmark_min_time=1
//       --benchmark_repetitions=5 --benchmark_report_aggregates_only=true   (one line)
// Times are CPU time per tick; counter `x_realtime` = simulated seconds per CPU second (target
// >= 1000 on one core); the overhead is BM_ForkliftN1Field's time per tick over
// BM_RawBulletForkliftN1Field's at the same stepping (target <= 1.2).
//
// The raw comparison builds the same bodies in the same order (ground plane; truck hull, mast,
// two forks; rack uprights and beams; each pallet's load box and three stringers), the same
// joints (tilt hinge, two lift sliders with velocity motors, the pallets' fixed joints) and steps
// with the same solver settings (iterations, friction directions); the pallets may sleep there as
// in the Simulation. It has no tyre model (the frame stands on its underside on the floor), no
// servos, metrics, contact episodes, zones or fault guard: what the Simulation adds.
#include "ForkliftFixture.h"

#include <skillsim/physics/World.h>
#include <skillsim/sim/Simulation.h>
#include <skillsim/sim/machines/forklift/ForkliftSpec.h>

#include <btBulletDynamicsCommon.h>

#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

using namespace skillsim::sim;

namespace {

/** The N1 field of scenarios/forklift/n1_field_test.toml, built in code. */
SimulationSpec n1Field() {
  ForkliftSpec f;
  f.initialPosition = {0.34, 0.0, 0.0};
  f.racks.push_back({"rack_yi", {12.0, 0.0, -3.0}, 0.0, {0.0, 1.5}});
  f.racks.push_back({"rack_bing", {12.0, 0.0, 10.0}, 0.0, {0.5, 2.0}});
  ForkliftPallet p;
  p.name = "load_yi";
  p.position = {12.45, 1.5, -3.0};
  f.pallets.push_back(p);
  p.name = "load_bing";
  p.position = {12.45, 2.0, 10.0};
  f.pallets.push_back(p);
  return testing::forkliftFloor(f);
}

/** `spec` stepped as `stepping`. */
SimulationSpec stepped(SimulationSpec spec, const testing::ForkliftStepping& stepping) {
  spec.tickRate = stepping.tickRate;
  spec.solverIterations = stepping.solverIterations;
  spec.frictionDirections = stepping.frictionDirections;
  return spec;
}

/** Steps `spec` with the scripted 30 s drive, over and over; x_realtime per CPU second. */
void runSimulation(benchmark::State& state, const SimulationSpec& spec) {
  auto sim = std::move(Simulation::create(spec)).value();
  const double rate = static_cast<double>(spec.tickRate);
  const std::uint64_t drive = 30 * static_cast<std::uint64_t>(spec.tickRate);
  std::uint64_t tick = 0;
  for (auto _ : state) {
    sim->step(testing::scriptedForkliftActions(tick++ % drive, rate));
    benchmark::DoNotOptimize(sim->metrics().values().data());
  }
  if (sim->stopped()) {
    state.SkipWithError(sim->fault()->toString().c_str());
  }
  state.counters["x_realtime"] = benchmark::Counter(static_cast<double>(state.iterations()) / rate,
                                                    benchmark::Counter::kIsRate);
}

/** The N1 field in the Simulation (truck model, field watch, metrics, contacts, fault guard). */
void BM_ForkliftN1Field(benchmark::State& state, testing::ForkliftStepping stepping) {
  runSimulation(state, stepped(n1Field(), stepping));
}

/** The truck alone on the floor (no racks, no pallets): what the truck itself costs per tick. */
void BM_ForkliftAlone(benchmark::State& state, testing::ForkliftStepping stepping) {
  runSimulation(state, testing::forkliftFloor(ForkliftSpec{}, stepping));
}

class RawField {
public:
  explicit RawField(const SimulationSpec& spec)
      : mDispatcher(&mConfiguration), mWorld(&mDispatcher, &mBroadphase, &mSolver, &mConfiguration),
        mTimeStep(btScalar(1.0 / spec.tickRate)) {
    const ForkliftSpec& f = *forkliftOf(spec);
    mWorld.setGravity(btVector3(0, btScalar(-9.81), 0));
    mWorld.getSolverInfo().m_numIterations = spec.solverIterations;
    mWorld.getSolverInfo().m_solverMode &= ~SOLVER_RANDMIZE_ORDER;
    if (spec.frictionDirections == 2) {
      mWorld.getSolverInfo().m_solverMode |= SOLVER_USE_2_FRICTION_DIRECTIONS;
    }
    mWorld.setForceUpdateAllAabbs(false);
    add(std::make_unique<btStaticPlaneShape>(btVector3(0, 1, 0), btScalar(0)), 0, {0, 0, 0});
    const double length = f.wheelbase + f.rearOverhang + 0.2;
    btRigidBody* truck = add(box(length, 1.1, f.truckWidth), f.frameMass + f.counterweightMass,
                             {f.initialPosition.x - 0.5 * length + 0.2, 0.551, 0.0});
    btRigidBody* mast =
        add(box(0.17, f.mastHeight - 0.06, 0.8), f.mastMass,
            {f.initialPosition.x + f.frontOverhang - 0.085, 0.5 * f.mastHeight + 0.03, 0.0});
    btTransform a, b;
    a.setIdentity();
    b.setIdentity();
    a.setOrigin(btVector3(btScalar(0.5 * length), -0.15f, 0));
    b.setOrigin(btVector3(-0.085f, btScalar(-0.5 * f.mastHeight + 0.4), 0));
    joint(std::make_unique<btHingeConstraint>(*truck, *mast, a, b));
    for (double z : {-0.5 * f.forkSpread, 0.5 * f.forkSpread}) {
      btRigidBody* fork =
          add(box(f.forkLength, f.forkThickness, f.forkWidth), 0.5 * f.carriageMass,
              {f.initialPosition.x + f.frontOverhang + 0.5 * f.forkLength, 0.035, z});
      btTransform fa, fb;
      fa.setIdentity();
      fb.setIdentity();
      fa.getBasis().setEulerZYX(0, 0, btScalar(1.5707963));
      fb.getBasis().setEulerZYX(0, 0, btScalar(1.5707963));
      fa.setOrigin(btVector3(btScalar(0.085 + 0.5 * f.forkLength),
                             btScalar(0.035 - 0.5 * f.mastHeight - 0.03), btScalar(z)));
      auto slider = std::make_unique<btSliderConstraint>(*mast, *fork, fa, fb, true);
      slider->setLowerLinLimit(0);
      slider->setUpperLinLimit(btScalar(f.liftHeight));
      slider->setLowerAngLimit(0);
      slider->setUpperAngLimit(0);
      slider->setPoweredLinMotor(true);
      slider->setMaxLinMotorForce(1e5f);
      mSliders.push_back(slider.get());
      joint(std::move(slider));
    }
    for (const ForkliftRack& r : f.racks) {
      const double top = std::max(1.5, r.tiers.back() + 1.0);
      for (double x : {0.04, r.depth - 0.04}) {
        for (double z : {-0.5 * r.width - 0.04, 0.5 * r.width + 0.04}) {
          add(box(0.08, top, 0.08), 0, {r.position.x + x, 0.5 * top, r.position.z + z});
        }
      }
      for (double t : r.tiers) {
        if (t > 0.0) {
          for (double x : {0.025, r.depth - 0.025}) {
            add(box(0.05, r.beamHeight, r.width + 0.16), 0,
                {r.position.x + x, t - 0.5 * r.beamHeight, r.position.z});
          }
        }
      }
    }
    for (const ForkliftPallet& p : f.pallets) {
      const double total = p.palletMass + p.loadMass;
      const double topHeight = p.deckThickness + p.loadHeight;
      btRigidBody* top =
          add(box(p.depth, topHeight, p.width), 0.76 * total,
              {p.position.x, p.position.y + p.openingHeight + 0.5 * topHeight, p.position.z});
      maySleep(*top);
      for (double dz :
           {-0.5 * (p.width - p.stringerWidth), 0.0, 0.5 * (p.width - p.stringerWidth)}) {
        btRigidBody* s =
            add(box(p.depth, p.openingHeight, p.stringerWidth), 0.08 * total,
                {p.position.x, p.position.y + 0.5 * p.openingHeight, p.position.z + dz});
        maySleep(*s);
        btTransform ta, tb;
        ta.setIdentity();
        tb.setIdentity();
        ta.setOrigin(
            btVector3(0, btScalar(-0.5 * p.openingHeight - 0.5 * topHeight), btScalar(dz)));
        joint(std::make_unique<btFixedConstraint>(*top, *s, ta, tb));
      }
    }
  }

  ~RawField() {
    for (auto& j : mJoints) {
      mWorld.removeConstraint(j.get());
    }
    for (auto& body : mBodies) {
      mWorld.removeRigidBody(body.get());
    }
  }

  void step(const skillsim::core::ActionState& a) {
    const float lift = a.axis(forklift_controls::kLift) * 0.48f;
    for (btSliderConstraint* s : mSliders) {
      s->setTargetLinMotorVelocity(lift);
    }
    mWorld.stepSimulation(mTimeStep, 0, mTimeStep);
  }

private:
  static std::unique_ptr<btCollisionShape> box(double x, double y, double z) {
    return std::make_unique<btBoxShape>(
        btVector3(btScalar(0.5 * x), btScalar(0.5 * y), btScalar(0.5 * z)));
  }

  btRigidBody* add(std::unique_ptr<btCollisionShape> shape, double mass, const glm::dvec3& at) {
    btVector3 inertia(0, 0, 0);
    const auto m = static_cast<btScalar>(mass);
    if (m > 0) {
      shape->calculateLocalInertia(m, inertia);
    }
    btRigidBody::btRigidBodyConstructionInfo info(m, nullptr, shape.get(), inertia);
    info.m_startWorldTransform.setIdentity();
    info.m_startWorldTransform.setOrigin(btVector3(btScalar(at.x), btScalar(at.y), btScalar(at.z)));
    auto body = std::make_unique<btRigidBody>(info);
    body->setActivationState(m > 0 ? DISABLE_DEACTIVATION : ISLAND_SLEEPING);
    mWorld.addRigidBody(body.get());
    mShapes.push_back(std::move(shape));
    mBodies.push_back(std::move(body));
    return mBodies.back().get();
  }

  /** As the Simulation's pallets (BodyDesc::maySleep): the same thresholds and delay. */
  static void maySleep(btRigidBody& body) {
    body.forceActivationState(ACTIVE_TAG);
    body.setSleepingThresholds(btScalar(skillsim::physics::World::kSleepSpeed),
                               btScalar(skillsim::physics::World::kSleepSpin));
    gDeactivationTime = btScalar(skillsim::physics::World::kSleepDelay);
  }

  void joint(std::unique_ptr<btTypedConstraint> c) {
    mWorld.addConstraint(c.get(), true);
    mJoints.push_back(std::move(c));
  }

  btDefaultCollisionConfiguration mConfiguration;
  btCollisionDispatcher mDispatcher;
  btDbvtBroadphase mBroadphase;
  btSequentialImpulseConstraintSolver mSolver;
  btDiscreteDynamicsWorld mWorld;
  std::vector<std::unique_ptr<btCollisionShape>> mShapes;
  std::vector<std::unique_ptr<btRigidBody>> mBodies;
  std::vector<std::unique_ptr<btTypedConstraint>> mJoints;
  std::vector<btSliderConstraint*> mSliders;
  btScalar mTimeStep;
};

void BM_RawBulletForkliftN1Field(benchmark::State& state, testing::ForkliftStepping stepping) {
  const SimulationSpec spec = stepped(n1Field(), stepping);
  RawField field(spec);
  const double rate = static_cast<double>(spec.tickRate);
  const std::uint64_t drive = 30 * static_cast<std::uint64_t>(spec.tickRate);
  std::uint64_t tick = 0;
  for (auto _ : state) {
    field.step(testing::scriptedForkliftActions(tick++ % drive, rate));
  }
  state.counters["x_realtime"] = benchmark::Counter(static_cast<double>(state.iterations()) / rate,
                                                    benchmark::Counter::kIsRate);
}

// Each case at the first stepping (before) and at the N1 scenario's (after), side by side.
const bool registered = [] {
  using Case = void (*)(benchmark::State&, testing::ForkliftStepping);
  const std::pair<const char*, Case> cases[] = {
      {"BM_ForkliftN1Field", BM_ForkliftN1Field},
      {"BM_RawBulletForkliftN1Field", BM_RawBulletForkliftN1Field},
      {"BM_ForkliftAlone", BM_ForkliftAlone}};
  for (const testing::ForkliftStepping& s : {testing::kDefaultStepping, testing::kN1Stepping}) {
    for (const auto& [name, run] : cases) {
      benchmark::RegisterBenchmark((std::string(name) + "/" + s.name).c_str(), run, s)
          ->Unit(benchmark::kMicrosecond);
    }
  }
  return true;
}();

} // namespace

BENCHMARK_MAIN();
