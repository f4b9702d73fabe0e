#include "skillsim/physics/World.h"

#include "Convert.h"
#include "RopeConstraint.h"
#include "RopeSolver.h"

#include <skillsim/core/Check.h>

#include <BulletCollision/CollisionDispatch/btManifoldResult.h>
#include <BulletCollision/CollisionDispatch/btSimulationIslandManager.h>
#include <LinearMath/btConvexHullComputer.h>
#include <btBulletDynamicsCommon.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <string>

namespace skillsim::physics {

using detail::toBt;
using detail::toGlm;

namespace {

// Combined friction of a contact: the geometric mean, so that a scenario's "friction 0.6" on
// two bodies means a Coulomb coefficient of 0.6 between them (Bullet's default is the product).
// Bullet keeps this callback as a process-wide function pointer; every World sets the same
// stateless function, so worlds do not interfere.
btScalar combinedFriction(const btCollisionObject* a, const btCollisionObject* b) {
  const btScalar mu = btSqrt(a->getFriction() * b->getFriction());
  return std::min(mu, btScalar(10));
}

// Combined restitution: the larger of the two, so a bouncy ball bounces on a dull floor (Bullet's
// default, the product, would make every body on a restitution-0 ground dead).
btScalar combinedRestitution(const btCollisionObject* a, const btCollisionObject* b) {
  return std::max(a->getRestitution(), b->getRestitution());
}

constexpr btScalar kHullMargin = btScalar(0.005);

core::Error bodyError(const BodyDesc& desc, const std::string& field, const std::string& what) {
  core::SourceLocation where;
  where.fieldPath = field;
  return core::makeError(core::ErrorCode::InvalidInput, "body '" + desc.name + "': " + what,
                         std::move(where));
}

bool finite(const glm::dvec3& v) {
  return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z);
}

bool positive(const glm::dvec3& v) { return finite(v) && v.x > 0.0 && v.y > 0.0 && v.z > 0.0; }

std::string str(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

struct Body {
  std::unique_ptr<btTriangleMesh> mesh;
  std::unique_ptr<btCollisionShape> shape;
  std::unique_ptr<btRigidBody> rigid;
  std::string name;
  std::vector<std::string> tags;
  Motion motion = Motion::Static;
  double mass = 0.0;
  std::vector<glm::dvec3> localTriangles;
  bool hasTarget = false;
  btTransform target;
  bool maySleep = false;
};

struct Joint {
  JointKind kind = JointKind::Fixed;
  std::unique_ptr<btTypedConstraint> constraint;
};

struct Rope {
  std::unique_ptr<detail::RopeConstraint> constraint;
  bool alive = true;
};

struct Episode {
  int stepsApart = 0;
  double peakImpulse = 0.0;
  glm::dvec3 peakPoint{0.0};
};

struct Touch {
  std::uint64_t key = 0;
  double impulse = 0.0;
  glm::dvec3 point{0.0};
};

std::uint64_t pairKey(std::uint32_t a, std::uint32_t b) {
  if (a > b) {
    std::swap(a, b);
  }
  return (static_cast<std::uint64_t>(a) << 32) | b;
}

/** Closest-hit ray callback that skips one body. */
struct IgnoringRayCallback : btCollisionWorld::ClosestRayResultCallback {
  IgnoringRayCallback(const btVector3& from, const btVector3& to, const btCollisionObject* ignore)
      : ClosestRayResultCallback(from, to), mIgnore(ignore) {}
  bool needsCollision(btBroadphaseProxy* proxy) const override {
    if (static_cast<const btCollisionObject*>(proxy->m_clientObject) == mIgnore) {
      return false;
    }
    return ClosestRayResultCallback::needsCollision(proxy);
  }
  const btCollisionObject* mIgnore;
};

/**
 * Simulation islands joined by contact points only (WorldSettings::islandsByContact). Bullet joins
 * two dynamic bodies into one island when their broadphase boxes overlap (grown by the tree's
 * 0.05 m margin and the contact threshold), contact or not, so a part resting 10 mm from a moving
 * one never sleeps; here a manifold must hold a point. With btDispatcherInfo's
 * m_deterministicOverlappingPairs set, buildIslands likewise lets an awake kinematic body wake
 * only the bodies it has points with (btSimulationIslandManager.cpp, Bullet 3.24).
 */
class ContactIslandManager final : public btSimulationIslandManager {
public:
  void updateActivationState(btCollisionWorld* collisionWorld, btDispatcher* dispatcher) override {
    // As Bullet's with STATIC_SIMULATION_ISLAND_OPTIMIZATION: only bodies that merge islands get
    // an index; the rest read -1 after storeIslandActivationState.
    btCollisionObjectArray& objects = collisionWorld->getCollisionObjectArray();
    int index = 0;
    for (int i = 0; i < objects.size(); ++i) {
      btCollisionObject* object = objects[i];
      if (!object->isStaticOrKinematicObject()) {
        object->setIslandTag(index++);
      }
      object->setCompanionId(-1);
      object->setHitFraction(btScalar(1));
    }
    initUnionFind(index);
    for (int i = 0; i < dispatcher->getNumManifolds(); ++i) {
      const btPersistentManifold* m = dispatcher->getManifoldByIndexInternal(i);
      const btCollisionObject* a = m->getBody0();
      const btCollisionObject* b = m->getBody1();
      if (m->getNumContacts() > 0 && a->mergesSimulationIslands() && b->mergesSimulationIslands()) {
        getUnionFind().unite(a->getIslandTag(), b->getIslandTag());
      }
    }
  }
};

/** A Bullet world whose islands are ContactIslandManager's. */
class ContactIslandWorld final : public btDiscreteDynamicsWorld {
public:
  ContactIslandWorld(btDispatcher* dispatcher, btBroadphaseInterface* broadphase,
                     btConstraintSolver* solver, btCollisionConfiguration* configuration)
      : btDiscreteDynamicsWorld(dispatcher, broadphase, solver, configuration) {
    // The base made its manager with btAlignedAlloc and frees it the same way when destroyed.
    m_islandManager->~btSimulationIslandManager();
    btAlignedFree(m_islandManager);
    void* memory = btAlignedAlloc(sizeof(ContactIslandManager), 16);
    m_islandManager = new (memory) ContactIslandManager();
    getDispatchInfo().m_deterministicOverlappingPairs = true;
  }
};

} // namespace

struct World::Impl {
  WorldSettings settings;
  btScalar timeStep;
  // Declaration order = construction order; destruction runs in reverse after ~Impl's cleanup.
  std::unique_ptr<btDefaultCollisionConfiguration> configuration;
  std::unique_ptr<btCollisionDispatcher> dispatcher;
  std::unique_ptr<btDbvtBroadphase> broadphase;
  std::unique_ptr<btSequentialImpulseConstraintSolver> solver;
  std::unique_ptr<btDiscreteDynamicsWorld> world;
  std::unique_ptr<btEmptyShape> anchorShape;
  std::unique_ptr<btRigidBody> anchor; // the world end of one-body joints and ropes
  std::vector<Body> bodies;
  std::vector<Joint> joints;
  std::vector<Rope> ropes;
  std::vector<detail::RopeConstraint*> liveRopes;
  detail::RopeSolver ropeSolver;
  std::uint64_t steps = 0;
  std::map<std::uint64_t, Episode> episodes;
  std::vector<Touch> touches;
  std::vector<ContactEvent> events;

  explicit Impl(const WorldSettings& s) : settings(s), timeStep(static_cast<btScalar>(s.timeStep)) {
    configuration = std::make_unique<btDefaultCollisionConfiguration>();
    dispatcher = std::make_unique<btCollisionDispatcher>(configuration.get());
    broadphase = std::make_unique<btDbvtBroadphase>();
    solver = std::make_unique<btSequentialImpulseConstraintSolver>();
    solver->setRandSeed(static_cast<unsigned long>(s.seed));
    if (s.islandsByContact) {
      world = std::make_unique<ContactIslandWorld>(dispatcher.get(), broadphase.get(), solver.get(),
                                                   configuration.get());
    } else {
      world = std::make_unique<btDiscreteDynamicsWorld>(dispatcher.get(), broadphase.get(),
                                                        solver.get(), configuration.get());
    }
    world->setGravity(toBt(s.gravity));
    world->setForceUpdateAllAabbs(false); // static bodies keep their boxes
    btContactSolverInfo& info = world->getSolverInfo();
    info.m_numIterations = s.solverIterations;
    info.m_solverMode &= ~SOLVER_RANDMIZE_ORDER; // determinism: fixed row order
    if (s.frictionDirections == 2) {
      info.m_solverMode |= SOLVER_USE_2_FRICTION_DIRECTIONS;
    }
    gCalculateCombinedFrictionCallback = &combinedFriction;
    gCalculateCombinedRestitutionCallback = &combinedRestitution;
    gDeactivationTime = static_cast<btScalar>(kSleepDelay);
    anchorShape = std::make_unique<btEmptyShape>();
    anchor = std::make_unique<btRigidBody>(0.0f, nullptr, anchorShape.get());
  }

  ~Impl() {
    for (Rope& rope : ropes) {
      if (rope.alive) {
        world->removeConstraint(rope.constraint.get());
      }
    }
    for (Joint& joint : joints) {
      world->removeConstraint(joint.constraint.get());
    }
    for (auto it = bodies.rbegin(); it != bodies.rend(); ++it) {
      world->removeRigidBody(it->rigid.get());
    }
  }

  Body& body(core::BodyId id) {
    SKILLSIM_CHECK(id.valid() && id.index() < bodies.size(), "unknown body id");
    return bodies[id.index()];
  }
  const Body& body(core::BodyId id) const {
    SKILLSIM_CHECK(id.valid() && id.index() < bodies.size(), "unknown body id");
    return bodies[id.index()];
  }
  Rope& rope(RopeId id) {
    SKILLSIM_CHECK(id.valid() && id.index() < ropes.size() && ropes[id.index()].alive,
                   "unknown or removed rope id");
    return ropes[id.index()];
  }
  const Rope& rope(RopeId id) const {
    SKILLSIM_CHECK(id.valid() && id.index() < ropes.size() && ropes[id.index()].alive,
                   "unknown or removed rope id");
    return ropes[id.index()];
  }
  Joint& joint(JointId id) {
    SKILLSIM_CHECK(id.valid() && id.index() < joints.size(), "unknown joint id");
    return joints[id.index()];
  }
  const Joint& joint(JointId id) const {
    SKILLSIM_CHECK(id.valid() && id.index() < joints.size(), "unknown joint id");
    return joints[id.index()];
  }

  void collectContacts();
  /** Wakes a body that may sleep (no effect on others). */
  static void wake(Body& body);
};

namespace {

/** Builds the collision shape of `desc` into `body`, or says what is wrong with it. */
std::optional<core::Error> buildShape(const BodyDesc& desc, Body& body) {
  const ShapeDesc& s = desc.shape;
  const bool movable = desc.motion != Motion::Static;
  switch (s.kind) {
  case ShapeKind::Box:
    if (!positive(s.size)) {
      return bodyError(desc, "shape.size", "box extents must be finite and > 0 m");
    }
    body.shape = std::make_unique<btBoxShape>(toBt(s.size * 0.5));
    break;
  case ShapeKind::Cylinder:
    if (!positive(s.size)) {
      return bodyError(desc, "shape.size", "cylinder diameter and height must be finite and > 0 m");
    }
    body.shape = std::make_unique<btCylinderShape>(toBt(s.size * 0.5));
    break;
  case ShapeKind::Sphere:
    if (!std::isfinite(s.size.x) || s.size.x <= 0.0) {
      return bodyError(desc, "shape.size", "sphere diameter must be finite and > 0 m");
    }
    body.shape = std::make_unique<btSphereShape>(static_cast<btScalar>(s.size.x * 0.5));
    break;
  case ShapeKind::Capsule:
    if (!std::isfinite(s.size.x) || !std::isfinite(s.size.y) || s.size.x <= 0.0 ||
        s.size.y < s.size.x) {
      return bodyError(desc, "shape.size",
                       "capsule needs diameter > 0 m and total height >= diameter, got " +
                           str(s.size.x) + " and " + str(s.size.y));
    }
    body.shape = std::make_unique<btCapsuleShape>(static_cast<btScalar>(s.size.x * 0.5),
                                                  static_cast<btScalar>(s.size.y - s.size.x));
    break;
  case ShapeKind::ConvexHull: {
    if (s.points.size() < 4) {
      return bodyError(desc, "shape.points",
                       "a convex hull needs at least 4 points, got " +
                           std::to_string(s.points.size()));
    }
    std::vector<btScalar> coords;
    for (const glm::dvec3& p : s.points) {
      if (!finite(p)) {
        return bodyError(desc, "shape.points", "hull points must be finite");
      }
      coords.insert(coords.end(), {static_cast<btScalar>(p.x), static_cast<btScalar>(p.y),
                                   static_cast<btScalar>(p.z)});
    }
    btConvexHullComputer hull;
    hull.compute(coords.data(), 3 * sizeof(btScalar), static_cast<int>(s.points.size()), 0, 0);
    // A flat or degenerate point set gives fewer than 4 faces (no volume).
    if (hull.faces.size() < 4) {
      return bodyError(desc, "shape.points", "the hull points are flat or coincide (no volume)");
    }
    auto shape = std::make_unique<btConvexHullShape>();
    for (int i = 0; i < hull.vertices.size(); ++i) {
      shape->addPoint(hull.vertices[i], false);
    }
    shape->recalcLocalAabb();
    shape->setMargin(kHullMargin);
    for (int f = 0; f < hull.faces.size(); ++f) {
      const btConvexHullComputer::Edge* first = &hull.edges[hull.faces[f]];
      const btConvexHullComputer::Edge* edge = first->getNextEdgeOfFace();
      const int v0 = first->getSourceVertex();
      while (edge->getNextEdgeOfFace() != first) {
        const int v1 = edge->getSourceVertex();
        const int v2 = edge->getTargetVertex();
        for (int v : {v0, v1, v2}) {
          body.localTriangles.push_back(toGlm(hull.vertices[v]));
        }
        edge = edge->getNextEdgeOfFace();
      }
    }
    body.shape = std::move(shape);
    break;
  }
  case ShapeKind::TriangleMesh: {
    if (movable) {
      return bodyError(desc, "shape.kind", "a triangle mesh can only be static (mass 0)");
    }
    if (s.indices.empty() || s.indices.size() % 3 != 0) {
      return bodyError(desc, "shape.indices",
                       "triangle indices must be a non-zero multiple of 3, got " +
                           std::to_string(s.indices.size()));
    }
    for (std::size_t i = 0; i < s.indices.size(); ++i) {
      if (s.indices[i] >= s.points.size()) {
        return bodyError(desc, "shape.indices[" + std::to_string(i) + "]",
                         "index " + std::to_string(s.indices[i]) + " is out of range (" +
                             std::to_string(s.points.size()) + " points)");
      }
    }
    for (const glm::dvec3& p : s.points) {
      if (!finite(p)) {
        return bodyError(desc, "shape.points", "mesh points must be finite");
      }
    }
    body.mesh = std::make_unique<btTriangleMesh>();
    for (std::size_t i = 0; i < s.indices.size(); i += 3) {
      const glm::dvec3& a = s.points[s.indices[i]];
      const glm::dvec3& b = s.points[s.indices[i + 1]];
      const glm::dvec3& c = s.points[s.indices[i + 2]];
      body.mesh->addTriangle(toBt(a), toBt(b), toBt(c), false);
      body.localTriangles.insert(body.localTriangles.end(), {a, b, c});
    }
    body.shape = std::make_unique<btBvhTriangleMeshShape>(body.mesh.get(), true);
    break;
  }
  case ShapeKind::Plane:
    if (movable) {
      return bodyError(desc, "shape.kind", "a plane can only be static (mass 0)");
    }
    body.shape = std::make_unique<btStaticPlaneShape>(btVector3(0, 1, 0), btScalar(0));
    break;
  }
  return std::nullopt;
}

} // namespace

World::World(const WorldSettings& settings) {
  SKILLSIM_CHECK(settings.timeStep > 0.0 && std::isfinite(settings.timeStep),
                 "time step must be > 0");
  SKILLSIM_CHECK(settings.solverIterations >= 1, "solver iterations must be >= 1");
  SKILLSIM_CHECK(settings.frictionDirections == 1 || settings.frictionDirections == 2,
                 "friction directions must be 1 or 2");
  SKILLSIM_CHECK(settings.contactEndDelaySteps >= 0, "contact end delay must be >= 0");
  mImpl = std::make_unique<Impl>(settings);
}

World::~World() = default;
World::World(World&&) noexcept = default;
World& World::operator=(World&&) noexcept = default;

core::Expected<core::BodyId> World::addBody(const BodyDesc& desc) {
  if (!finite(desc.position) || !std::isfinite(desc.orientation.w) ||
      !std::isfinite(desc.orientation.x) || !std::isfinite(desc.orientation.y) ||
      !std::isfinite(desc.orientation.z) || glm::length(desc.orientation) < 1e-9) {
    return bodyError(desc, "position",
                     "position and orientation must be finite (non-zero quaternion)");
  }
  if (desc.motion == Motion::Dynamic && (!std::isfinite(desc.mass) || desc.mass <= 0.0)) {
    return bodyError(desc, "mass", "a dynamic body needs a mass > 0 kg, got " + str(desc.mass));
  }
  if (!std::isfinite(desc.friction) || desc.friction < 0.0) {
    return bodyError(desc, "friction", "friction must be >= 0, got " + str(desc.friction));
  }
  for (auto [field, value] :
       {std::pair{"restitution", desc.restitution}, std::pair{"linear_damping", desc.linearDamping},
        std::pair{"angular_damping", desc.angularDamping}}) {
    if (!(value >= 0.0 && value <= 1.0)) {
      return bodyError(desc, field, std::string(field) + " must be in [0, 1], got " + str(value));
    }
  }
  if (!finite(desc.linearVelocity) || !finite(desc.angularVelocity)) {
    return bodyError(desc, "velocity", "initial velocities must be finite");
  }

  Body body;
  if (auto error = buildShape(desc, body)) {
    return *error;
  }
  body.name = desc.name;
  body.tags = desc.tags;
  body.motion = desc.motion;
  body.mass = desc.motion == Motion::Dynamic ? desc.mass : 0.0;

  const btScalar mass = static_cast<btScalar>(body.mass);
  btVector3 inertia(0, 0, 0);
  if (desc.motion == Motion::Dynamic && desc.rotates) {
    body.shape->calculateLocalInertia(mass, inertia); // else 0: Bullet's inverse inertia is 0
  }
  btRigidBody::btRigidBodyConstructionInfo info(mass, nullptr, body.shape.get(), inertia);
  info.m_startWorldTransform = toBt(desc.position, glm::normalize(desc.orientation));
  info.m_friction = static_cast<btScalar>(desc.friction);
  info.m_restitution = static_cast<btScalar>(desc.restitution);
  info.m_linearDamping = static_cast<btScalar>(desc.linearDamping);
  info.m_angularDamping = static_cast<btScalar>(desc.angularDamping);
  body.rigid = std::make_unique<btRigidBody>(info);
  btRigidBody& rigid = *body.rigid;
  const auto index = static_cast<std::uint32_t>(mImpl->bodies.size());
  rigid.setUserIndex(static_cast<int>(index));
  // Sleeping is deterministic but would freeze a load that a rope or zone still watches, so only
  // bodies that ask may sleep. Static bodies are marked inactive instead, so their bounding boxes
  // are not refreshed every step.
  rigid.setActivationState(desc.motion == Motion::Static ? ISLAND_SLEEPING : DISABLE_DEACTIVATION);
  rigid.setSleepingThresholds(static_cast<btScalar>(kSleepSpeed),
                              static_cast<btScalar>(kSleepSpin));
  if (desc.motion == Motion::Kinematic) {
    rigid.setCollisionFlags(rigid.getCollisionFlags() | btCollisionObject::CF_KINEMATIC_OBJECT);
  }
  if (desc.motion == Motion::Dynamic) {
    rigid.setLinearVelocity(toBt(desc.linearVelocity));
    rigid.setAngularVelocity(toBt(desc.angularVelocity));
  }

  int group = 0;
  int mask = 0;
  if (desc.collides) {
    const bool fixed = desc.motion != Motion::Dynamic;
    group = fixed ? btBroadphaseProxy::StaticFilter : btBroadphaseProxy::DefaultFilter;
    mask = fixed ? (btBroadphaseProxy::AllFilter ^ btBroadphaseProxy::StaticFilter)
                 : btBroadphaseProxy::AllFilter;
  }
  mImpl->world->addRigidBody(&rigid, group, mask);
  mImpl->bodies.push_back(std::move(body));
  if (desc.maySleep) {
    setMaySleep(core::BodyId(index), true);
  }
  return core::BodyId(index);
}

void World::setMaySleep(core::BodyId id, bool maySleep) {
  Body& body = mImpl->body(id);
  if (body.motion != Motion::Dynamic) {
    return; // static bodies are always inactive, kinematic ones always awake
  }
  body.maySleep = maySleep;
  body.rigid->forceActivationState(maySleep ? ACTIVE_TAG : DISABLE_DEACTIVATION);
  body.rigid->setDeactivationTime(0);
}

bool World::asleep(core::BodyId id) const {
  const Body& body = mImpl->body(id);
  return body.maySleep && body.rigid->getActivationState() == ISLAND_SLEEPING;
}

void World::Impl::wake(Body& body) {
  if (body.maySleep) {
    body.rigid->activate(true);
  }
}

core::Expected<JointId> World::addJoint(const JointDesc& desc) {
  if (!desc.bodyA.valid() || desc.bodyA.index() >= mImpl->bodies.size()) {
    return core::makeError(core::ErrorCode::InvalidInput, "joint: body A must be an existing body");
  }
  if (desc.bodyB.valid() && desc.bodyB.index() >= mImpl->bodies.size()) {
    return core::makeError(core::ErrorCode::InvalidInput, "joint: body B is not an existing body");
  }
  btRigidBody& a = *mImpl->body(desc.bodyA).rigid;
  btRigidBody& b = desc.bodyB.valid() ? *mImpl->body(desc.bodyB).rigid : *mImpl->anchor;
  if (a.getInvMass() == 0 && b.getInvMass() == 0) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           "joint between '" + mImpl->body(desc.bodyA).name +
                               "' and a static or kinematic end: at least one must be dynamic");
  }
  const btTransform frameA = toBt(desc.pivotA, desc.frameA);
  const btTransform frameB = toBt(desc.pivotB, desc.frameB);
  auto lim = [&](int dof) {
    return std::pair{static_cast<btScalar>(desc.lower[static_cast<std::size_t>(dof)]),
                     static_cast<btScalar>(desc.upper[static_cast<std::size_t>(dof)])};
  };
  Joint joint;
  joint.kind = desc.kind;
  switch (desc.kind) {
  case JointKind::Fixed:
    joint.constraint = std::make_unique<btFixedConstraint>(a, b, frameA, frameB);
    break;
  case JointKind::Hinge: {
    auto hinge = std::make_unique<btHingeConstraint>(a, b, frameA, frameB);
    auto [lo, hi] = lim(5);
    if (lo <= hi) {
      hinge->setLimit(lo, hi);
    }
    joint.constraint = std::move(hinge);
    break;
  }
  case JointKind::Slider: {
    auto slider = std::make_unique<btSliderConstraint>(a, b, frameA, frameB, true);
    auto [lo, hi] = lim(0);
    if (lo <= hi) {
      slider->setLowerLinLimit(lo);
      slider->setUpperLinLimit(hi);
    } else {
      slider->setLowerLinLimit(1);
      slider->setUpperLinLimit(-1);
    }
    slider->setLowerAngLimit(0);
    slider->setUpperAngLimit(0);
    joint.constraint = std::move(slider);
    break;
  }
  case JointKind::PointToPoint:
    joint.constraint =
        std::make_unique<btPoint2PointConstraint>(a, b, toBt(desc.pivotA), toBt(desc.pivotB));
    break;
  case JointKind::SixDof: {
    auto six = std::make_unique<btGeneric6DofSpring2Constraint>(a, b, frameA, frameB);
    for (int dof = 0; dof < 6; ++dof) {
      auto [lo, hi] = lim(dof);
      six->setLimit(dof, lo, hi);
    }
    joint.constraint = std::move(six);
    break;
  }
  }
  mImpl->world->addConstraint(joint.constraint.get(), !desc.collideConnected);
  Impl::wake(mImpl->body(desc.bodyA));
  if (desc.bodyB.valid()) {
    Impl::wake(mImpl->body(desc.bodyB));
  }
  const auto id = JointId(static_cast<std::uint32_t>(mImpl->joints.size()));
  mImpl->joints.push_back(std::move(joint));
  for (int dof = 0; dof < 6; ++dof) {
    if (desc.motors[static_cast<std::size_t>(dof)].enabled) {
      setJointMotor(id, dof, desc.motors[static_cast<std::size_t>(dof)]);
    }
  }
  return id;
}

void World::setJointMotor(JointId id, int dof, const JointMotor& motor) {
  SKILLSIM_CHECK(dof >= 0 && dof < 6, "joint DoF index must be in [0, 5]");
  Joint& joint = mImpl->joint(id);
  const auto velocity = static_cast<btScalar>(motor.targetVelocity);
  const auto force = static_cast<btScalar>(motor.maxForce);
  switch (joint.kind) {
  case JointKind::Hinge: {
    SKILLSIM_CHECK(dof == 5, "a hinge is motorised on DoF 5");
    auto& hinge = static_cast<btHingeConstraint&>(*joint.constraint);
    hinge.enableAngularMotor(motor.enabled, velocity, force * mImpl->timeStep);
    break;
  }
  case JointKind::Slider: {
    SKILLSIM_CHECK(dof == 0, "a slider is motorised on DoF 0");
    auto& slider = static_cast<btSliderConstraint&>(*joint.constraint);
    slider.setPoweredLinMotor(motor.enabled);
    slider.setTargetLinMotorVelocity(velocity);
    slider.setMaxLinMotorForce(force);
    break;
  }
  case JointKind::SixDof: {
    auto& six = static_cast<btGeneric6DofSpring2Constraint&>(*joint.constraint);
    six.enableMotor(dof, motor.enabled);
    six.setTargetVelocity(dof, velocity);
    six.setMaxMotorForce(dof, force);
    break;
  }
  case JointKind::Fixed:
  case JointKind::PointToPoint:
    SKILLSIM_CHECK(false, "fixed and point-to-point joints have no motor");
  }
}

double World::jointPosition(JointId id, int dof) const {
  SKILLSIM_CHECK(dof >= 0 && dof < 6, "joint DoF index must be in [0, 5]");
  const Joint& joint = mImpl->joint(id);
  switch (joint.kind) {
  case JointKind::Hinge: return static_cast<btHingeConstraint&>(*joint.constraint).getHingeAngle();
  case JointKind::Slider: {
    auto& slider = static_cast<btSliderConstraint&>(*joint.constraint);
    slider.calculateTransforms(slider.getRigidBodyA().getCenterOfMassTransform(),
                               slider.getRigidBodyB().getCenterOfMassTransform());
    return slider.getLinearPos();
  }
  case JointKind::SixDof: {
    auto& six = static_cast<btGeneric6DofSpring2Constraint&>(*joint.constraint);
    six.calculateTransforms();
    return dof < 3 ? six.getRelativePivotPosition(dof) : six.getAngle(dof - 3);
  }
  case JointKind::Fixed:
  case JointKind::PointToPoint: return 0.0;
  }
  return 0.0;
}

core::Expected<RopeId> World::addRope(const RopeDesc& desc) {
  if (!desc.bodyB.valid() || desc.bodyB.index() >= mImpl->bodies.size() ||
      mImpl->body(desc.bodyB).motion != Motion::Dynamic) {
    return core::makeError(core::ErrorCode::InvalidInput, "rope: end B must be a dynamic body");
  }
  if (desc.bodyA.valid() && desc.bodyA.index() >= mImpl->bodies.size()) {
    return core::makeError(core::ErrorCode::InvalidInput, "rope: end A is not an existing body");
  }
  if (!std::isfinite(desc.length) || desc.length <= 0.0) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           "rope: length must be > 0 m, got " + str(desc.length));
  }
  if (!finite(desc.anchorA) || !finite(desc.anchorB)) {
    return core::makeError(core::ErrorCode::InvalidInput, "rope: anchors must be finite");
  }
  if (!std::isfinite(desc.axialRigidity) || desc.axialRigidity < 0.0) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           "rope: axial rigidity E A must be >= 0 N (0 = inextensible), got " +
                               str(desc.axialRigidity));
  }
  if (desc.falls < 1) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           "rope: falls must be >= 1, got " + std::to_string(desc.falls));
  }
  btRigidBody& a = desc.bodyA.valid() ? *mImpl->body(desc.bodyA).rigid : *mImpl->anchor;
  btRigidBody& b = *mImpl->body(desc.bodyB).rigid;
  Rope rope;
  rope.constraint = std::make_unique<detail::RopeConstraint>(
      a, b, toBt(desc.anchorA), toBt(desc.anchorB), static_cast<btScalar>(desc.length),
      desc.axialRigidity, desc.falls);
  if (desc.solverIterations < 0) {
    return core::makeError(core::ErrorCode::InvalidInput, "rope: solver iterations must be >= 0");
  }
  rope.constraint->setOverrideNumSolverIterations(
      std::max(desc.solverIterations, mImpl->settings.solverIterations));
  // The rope's ends may still touch (an end body resting on its load).
  mImpl->world->addConstraint(rope.constraint.get(), false);
  Impl::wake(mImpl->body(desc.bodyB));
  if (desc.bodyA.valid()) {
    Impl::wake(mImpl->body(desc.bodyA));
  }
  mImpl->ropes.push_back(std::move(rope));
  return RopeId(static_cast<std::uint32_t>(mImpl->ropes.size() - 1));
}

void World::removeRope(RopeId id) {
  Rope& rope = mImpl->rope(id);
  mImpl->world->removeConstraint(rope.constraint.get());
  rope.alive = false;
  rope.constraint.reset();
}

bool World::hasRope(RopeId id) const {
  return id.valid() && id.index() < mImpl->ropes.size() && mImpl->ropes[id.index()].alive;
}

void World::setRopeLength(RopeId id, double length) {
  SKILLSIM_CHECK(std::isfinite(length) && length > 0.0, "rope length must be > 0");
  detail::RopeConstraint& rope = *mImpl->rope(id).constraint;
  const auto next = static_cast<btScalar>(length);
  if (next != rope.length()) {
    for (btRigidBody* end : {&rope.getRigidBodyA(), &rope.getRigidBodyB()}) {
      if (end != mImpl->anchor.get()) {
        Impl::wake(mImpl->bodies[static_cast<std::size_t>(end->getUserIndex())]);
      }
    }
  }
  rope.setLength(next);
}

double World::ropeLength(RopeId id) const { return mImpl->rope(id).constraint->length(); }

double World::ropeSpan(RopeId id) const {
  const auto& c = *mImpl->rope(id).constraint;
  return static_cast<double>((c.pivotBInWorld() - c.pivotAInWorld()).length());
}

double World::ropeStiffness(RopeId id) const { return mImpl->rope(id).constraint->stiffness(); }

double World::ropeTension(RopeId id) const {
  return static_cast<double>(mImpl->rope(id).constraint->totalImpulse()) /
         static_cast<double>(mImpl->timeStep);
}

std::pair<glm::dvec3, glm::dvec3> World::ropeAnchors(RopeId id) const {
  const auto& c = *mImpl->rope(id).constraint;
  return {toGlm(c.pivotAInWorld()), toGlm(c.pivotBInWorld())};
}

void World::step() {
  Impl& m = *mImpl;
  for (Body& body : m.bodies) {
    if (body.hasTarget) {
      body.rigid->setWorldTransform(body.target);
      body.hasTarget = false;
    }
  }
  m.liveRopes.clear();
  for (Rope& rope : m.ropes) {
    if (rope.alive) {
      m.liveRopes.push_back(rope.constraint.get());
    }
  }
  const std::vector<btScalar>& warm =
      m.ropeSolver.solve(m.liveRopes, m.timeStep, m.world->getSolverInfo().m_erp);
  for (std::size_t i = 0; i < m.liveRopes.size(); ++i) {
    m.liveRopes[i]->prepare(m.timeStep, warm[i]);
  }
  // maxSubSteps = 0: exactly one internal step of exactly timeStep (no accumulator rounding).
  m.world->stepSimulation(m.timeStep, 0, m.timeStep);
  for (Rope& rope : m.ropes) {
    if (rope.alive) {
      rope.constraint->finish(m.timeStep);
    }
  }
  ++m.steps;
  m.collectContacts();
}

void World::Impl::collectContacts() {
  events.clear();
  touches.clear();
  const auto touch = static_cast<btScalar>(settings.touchDistance);
  const int count = dispatcher->getNumManifolds();
  for (int i = 0; i < count; ++i) {
    const btPersistentManifold* manifold = dispatcher->getManifoldByIndexInternal(i);
    const int points = manifold->getNumContacts();
    if (points == 0) {
      continue;
    }
    Touch t;
    double weight = 0.0;
    bool touching = false;
    glm::dvec3 nearest{0.0};
    btScalar nearestDistance = SIMD_INFINITY;
    for (int p = 0; p < points; ++p) {
      const btManifoldPoint& point = manifold->getContactPoint(p);
      const btScalar impulse = point.getAppliedImpulse();
      if (point.getDistance() > touch && impulse <= 0) {
        continue;
      }
      touching = true;
      const glm::dvec3 where =
          0.5 * (toGlm(point.getPositionWorldOnA()) + toGlm(point.getPositionWorldOnB()));
      t.impulse += static_cast<double>(impulse);
      t.point += static_cast<double>(impulse) * where;
      weight += static_cast<double>(impulse);
      if (point.getDistance() < nearestDistance) {
        nearestDistance = point.getDistance();
        nearest = where;
      }
    }
    if (!touching) {
      continue;
    }
    t.point = weight > 0.0 ? t.point / weight : nearest;
    t.key = pairKey(static_cast<std::uint32_t>(manifold->getBody0()->getUserIndex()),
                    static_cast<std::uint32_t>(manifold->getBody1()->getUserIndex()));
    touches.push_back(t);
  }
  std::sort(touches.begin(), touches.end(),
            [](const Touch& a, const Touch& b) { return a.key < b.key; });
  // Merge duplicate keys (more than one manifold per pair).
  std::size_t out = 0;
  for (std::size_t i = 0; i < touches.size(); ++i) {
    if (out > 0 && touches[out - 1].key == touches[i].key) {
      if (touches[i].impulse > touches[out - 1].impulse) {
        touches[out - 1].point = touches[i].point;
      }
      touches[out - 1].impulse += touches[i].impulse;
    } else {
      touches[out++] = touches[i];
    }
  }
  touches.resize(out);

  auto makeEvent = [](ContactEvent::Kind kind, std::uint64_t key, const glm::dvec3& point,
                      double peak) {
    ContactEvent e;
    e.kind = kind;
    e.bodyA = core::BodyId(static_cast<std::uint32_t>(key >> 32));
    e.bodyB = core::BodyId(static_cast<std::uint32_t>(key & 0xffffffffu));
    e.point = point;
    e.peakImpulse = peak;
    return e;
  };
  // Walk episodes and touches together in key order: begin new ones, end stale ones.
  auto touchIt = touches.begin();
  auto episodeIt = episodes.begin();
  while (touchIt != touches.end() || episodeIt != episodes.end()) {
    if (episodeIt == episodes.end() ||
        (touchIt != touches.end() && touchIt->key < episodeIt->first)) {
      Episode episode;
      episode.peakImpulse = touchIt->impulse;
      episode.peakPoint = touchIt->point;
      events.push_back(
          makeEvent(ContactEvent::Kind::Begin, touchIt->key, touchIt->point, touchIt->impulse));
      episodes.emplace_hint(episodeIt, touchIt->key, episode);
      ++touchIt;
    } else if (touchIt != touches.end() && touchIt->key == episodeIt->first) {
      Episode& episode = episodeIt->second;
      episode.stepsApart = 0;
      if (touchIt->impulse > episode.peakImpulse) {
        episode.peakImpulse = touchIt->impulse;
        episode.peakPoint = touchIt->point;
      }
      ++touchIt;
      ++episodeIt;
    } else {
      Episode& episode = episodeIt->second;
      if (++episode.stepsApart >= std::max(settings.contactEndDelaySteps, 1)) {
        events.push_back(makeEvent(ContactEvent::Kind::End, episodeIt->first, episode.peakPoint,
                                   episode.peakImpulse));
        episodeIt = episodes.erase(episodeIt);
      } else {
        ++episodeIt;
      }
    }
  }
}

std::uint64_t World::stepCount() const { return mImpl->steps; }
const WorldSettings& World::settings() const { return mImpl->settings; }
std::size_t World::bodyCount() const { return mImpl->bodies.size(); }

BodyState World::bodyState(core::BodyId id) const {
  const btRigidBody& rigid = *mImpl->body(id).rigid;
  BodyState state;
  const btTransform& t = rigid.getCenterOfMassTransform();
  state.position = toGlm(t.getOrigin());
  state.orientation = toGlm(t.getRotation());
  state.linearVelocity = toGlm(rigid.getLinearVelocity());
  state.angularVelocity = toGlm(rigid.getAngularVelocity());
  return state;
}

Motion World::motion(core::BodyId id) const { return mImpl->body(id).motion; }
double World::mass(core::BodyId id) const { return mImpl->body(id).mass; }
const std::string& World::name(core::BodyId id) const { return mImpl->body(id).name; }
const std::vector<std::string>& World::tags(core::BodyId id) const { return mImpl->body(id).tags; }

bool World::hasTag(core::BodyId id, std::string_view tag) const {
  const auto& tags = mImpl->body(id).tags;
  return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

std::vector<core::BodyId> World::bodiesWithTag(std::string_view tag) const {
  std::vector<core::BodyId> found;
  for (std::uint32_t i = 0; i < mImpl->bodies.size(); ++i) {
    if (hasTag(core::BodyId(i), tag)) {
      found.emplace_back(i);
    }
  }
  return found;
}

std::pair<glm::dvec3, glm::dvec3> World::bounds(core::BodyId id) const {
  btVector3 lo;
  btVector3 hi;
  mImpl->body(id).rigid->getAabb(lo, hi);
  return {toGlm(lo), toGlm(hi)};
}

glm::dvec3 World::toWorld(core::BodyId id, const glm::dvec3& local) const {
  return toGlm(mImpl->body(id).rigid->getCenterOfMassTransform() * toBt(local));
}

void World::setKinematicPose(core::BodyId id, const glm::dvec3& position,
                             const glm::dquat& orientation) {
  Body& body = mImpl->body(id);
  SKILLSIM_CHECK(body.motion == Motion::Kinematic, "setKinematicPose on a non-kinematic body");
  body.target = toBt(position, orientation);
  body.hasTarget = true;
}

void World::setVelocity(core::BodyId id, const glm::dvec3& linear, const glm::dvec3& angular) {
  Body& body = mImpl->body(id);
  SKILLSIM_CHECK(body.motion == Motion::Dynamic, "setVelocity on a non-dynamic body");
  body.rigid->setLinearVelocity(toBt(linear));
  body.rigid->setAngularVelocity(toBt(angular));
  Impl::wake(body);
}

void World::applyImpulse(core::BodyId id, const glm::dvec3& impulse, const glm::dvec3& worldPoint) {
  Body& body = mImpl->body(id);
  SKILLSIM_CHECK(body.motion == Motion::Dynamic, "applyImpulse on a non-dynamic body");
  body.rigid->applyImpulse(toBt(impulse), toBt(worldPoint) - body.rigid->getCenterOfMassPosition());
  Impl::wake(body);
}

void World::setCollisionBetween(core::BodyId a, core::BodyId b, bool collide) {
  btRigidBody* ra = mImpl->body(a).rigid.get();
  btRigidBody* rb = mImpl->body(b).rigid.get();
  ra->setIgnoreCollisionCheck(rb, !collide);
  rb->setIgnoreCollisionCheck(ra, !collide);
  Impl::wake(mImpl->body(a));
  Impl::wake(mImpl->body(b));
}

std::span<const ContactEvent> World::contactEvents() const { return mImpl->events; }

std::vector<std::pair<core::BodyId, core::BodyId>> World::contactsNow() const {
  std::vector<std::pair<core::BodyId, core::BodyId>> pairs;
  for (const auto& [key, episode] : mImpl->episodes) {
    pairs.emplace_back(core::BodyId(static_cast<std::uint32_t>(key >> 32)),
                       core::BodyId(static_cast<std::uint32_t>(key & 0xffffffffu)));
  }
  return pairs;
}

namespace {

/** Keeps the smallest distance of the contact points a closest-point test reports. */
struct NearestCallback final : btCollisionWorld::ContactResultCallback {
  btScalar nearest = SIMD_INFINITY;
  bool any = false;
  btScalar addSingleResult(btManifoldPoint& point, const btCollisionObjectWrapper* /*a*/,
                           int /*partA*/, int /*indexA*/, const btCollisionObjectWrapper* /*b*/,
                           int /*partB*/, int /*indexB*/) override {
    any = true;
    nearest = std::min(nearest, point.getDistance());
    return 0;
  }
};

} // namespace

std::optional<double> World::separation(core::BodyId a, core::BodyId b, double maxDistance) const {
  SKILLSIM_CHECK(maxDistance >= 0.0 && std::isfinite(maxDistance),
                 "separation: maxDistance must be finite and >= 0");
  btRigidBody* ra = mImpl->body(a).rigid.get();
  btRigidBody* rb = mImpl->body(b).rigid.get();
  // Boxes farther apart than maxDistance on some axis: no need to ask Bullet.
  btVector3 loA;
  btVector3 hiA;
  btVector3 loB;
  btVector3 hiB;
  ra->getAabb(loA, hiA);
  rb->getAabb(loB, hiB);
  for (int axis = 0; axis < 3; ++axis) {
    const double gap = std::max(static_cast<double>(loB[axis] - hiA[axis]),
                                static_cast<double>(loA[axis] - hiB[axis]));
    if (gap > maxDistance) {
      return std::nullopt;
    }
  }
  // A plane against a convex shape: Bullet's plane test reports nothing beyond its contact
  // threshold, so measure the gap directly: the shape's deepest point along the plane's normal.
  auto planeGap = [](const btRigidBody& plane, const btRigidBody& body) -> std::optional<double> {
    if (plane.getCollisionShape()->getShapeType() != STATIC_PLANE_PROXYTYPE ||
        !body.getCollisionShape()->isConvex()) {
      return std::nullopt;
    }
    const auto* planeShape = static_cast<const btStaticPlaneShape*>(plane.getCollisionShape());
    const auto* convex = static_cast<const btConvexShape*>(body.getCollisionShape());
    const btTransform& tp = plane.getWorldTransform();
    const btTransform& tb = body.getWorldTransform();
    const btVector3 normal = tp.getBasis() * planeShape->getPlaneNormal();
    const btScalar constant = planeShape->getPlaneConstant() + normal.dot(tp.getOrigin());
    const btVector3 deepest =
        tb * convex->localGetSupportingVertex(-(tb.getBasis().transpose() * normal));
    return static_cast<double>(normal.dot(deepest) - constant);
  };
  std::optional<double> gap = planeGap(*ra, *rb);
  if (!gap) {
    gap = planeGap(*rb, *ra);
  }
  if (gap) {
    return *gap <= maxDistance ? gap : std::nullopt;
  }
  NearestCallback callback;
  callback.m_closestDistanceThreshold = static_cast<btScalar>(maxDistance);
  mImpl->world->contactPairTest(ra, rb, callback);
  if (!callback.any || static_cast<double>(callback.nearest) > maxDistance) {
    return std::nullopt;
  }
  return static_cast<double>(callback.nearest);
}

std::optional<RayHit> World::rayCast(const glm::dvec3& from, const glm::dvec3& to,
                                     core::BodyId ignore) const {
  const btCollisionObject* skip = ignore.valid() ? mImpl->body(ignore).rigid.get() : nullptr;
  IgnoringRayCallback callback(toBt(from), toBt(to), skip);
  mImpl->world->rayTest(toBt(from), toBt(to), callback);
  if (!callback.hasHit() || callback.m_collisionObject == nullptr) {
    return std::nullopt;
  }
  RayHit hit;
  hit.body = core::BodyId(static_cast<std::uint32_t>(callback.m_collisionObject->getUserIndex()));
  hit.point = toGlm(callback.m_hitPointWorld);
  hit.normal = toGlm(callback.m_hitNormalWorld.normalized());
  hit.fraction = static_cast<double>(callback.m_closestHitFraction);
  return hit;
}

std::optional<BodyFault> World::findFault(double maxSpeed, double maxSpin,
                                          double maxDistance) const {
  for (std::uint32_t i = 0; i < mImpl->bodies.size(); ++i) {
    const Body& body = mImpl->bodies[i];
    if (body.motion == Motion::Static) {
      continue;
    }
    const btRigidBody& rigid = *body.rigid;
    const btTransform& t = rigid.getCenterOfMassTransform();
    auto fault = [&](std::string what) { return BodyFault{core::BodyId(i), std::move(what)}; };
    const glm::dvec3 p = toGlm(t.getOrigin());
    const glm::dvec3 v = toGlm(rigid.getLinearVelocity());
    const glm::dvec3 w = toGlm(rigid.getAngularVelocity());
    const btMatrix3x3& r = t.getBasis();
    bool rotationFinite = true;
    for (int row = 0; row < 3; ++row) {
      rotationFinite = rotationFinite && finite(toGlm(r[row]));
    }
    if (!finite(p)) {
      return fault("non-finite position");
    }
    if (!rotationFinite) {
      return fault("non-finite orientation");
    }
    if (!finite(v) || !finite(w)) {
      return fault("non-finite velocity");
    }
    if (glm::length(v) > maxSpeed) {
      return fault("speed " + str(glm::length(v)) + " m/s exceeds " + str(maxSpeed) + " m/s");
    }
    if (glm::length(w) > maxSpin) {
      return fault("spin " + str(glm::length(w)) + " rad/s exceeds " + str(maxSpin) + " rad/s");
    }
    if (glm::length(p) > maxDistance) {
      return fault("position " + str(glm::length(p)) + " m from the origin exceeds " +
                   str(maxDistance) + " m");
    }
  }
  return std::nullopt;
}

void World::hashState(core::Hasher& hasher) const {
  hasher.update(mImpl->steps);
  for (const Body& body : mImpl->bodies) {
    const btRigidBody& rigid = *body.rigid;
    const btTransform& t = rigid.getCenterOfMassTransform();
    auto feed = [&](const btVector3& v) {
      for (int k = 0; k < 3; ++k) {
        hasher.update(static_cast<double>(v[k]));
      }
    };
    feed(t.getOrigin());
    for (int row = 0; row < 3; ++row) {
      feed(t.getBasis()[row]);
    }
    feed(rigid.getLinearVelocity());
    feed(rigid.getAngularVelocity());
    if (body.maySleep) {
      hasher.update(static_cast<std::uint64_t>(rigid.getActivationState()));
      hasher.update(static_cast<double>(rigid.getDeactivationTime()));
    }
  }
  for (const Rope& rope : mImpl->ropes) {
    hasher.update(static_cast<std::uint64_t>(rope.alive ? 1 : 0));
    if (rope.alive) {
      hasher.update(static_cast<double>(rope.constraint->length()));
      hasher.update(static_cast<double>(rope.constraint->totalImpulse()));
    }
  }
}

std::vector<glm::dvec3> World::triangles(core::BodyId id) const {
  const Body& body = mImpl->body(id);
  std::vector<glm::dvec3> out;
  out.reserve(body.localTriangles.size());
  for (const glm::dvec3& p : body.localTriangles) {
    out.push_back(toWorld(id, p));
  }
  return out;
}

} // namespace skillsim::physics
