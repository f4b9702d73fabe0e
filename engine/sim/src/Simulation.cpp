#include "skillsim/sim/Simulation.h"

#include "ZoneMonitor.h"

#include <skillsim/core/Check.h>
#include <skillsim/physics/World.h>

#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>
#include <set>
#include <sstream>
#include <tuple>

namespace skillsim::sim {

namespace {

std::string str(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

core::Error specError(std::string field, std::string message) {
  core::SourceLocation where;
  where.fieldPath = std::move(field);
  return core::makeError(core::ErrorCode::InvalidInput, std::move(message), std::move(where));
}

bool finite(const glm::dvec3& v) {
  return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z);
}

physics::ShapeKind toPhysics(ShapeKind kind) {
  switch (kind) {
  case ShapeKind::Box: return physics::ShapeKind::Box;
  case ShapeKind::Cylinder: return physics::ShapeKind::Cylinder;
  case ShapeKind::Sphere: return physics::ShapeKind::Sphere;
  case ShapeKind::Capsule: return physics::ShapeKind::Capsule;
  case ShapeKind::ConvexHull: return physics::ShapeKind::ConvexHull;
  case ShapeKind::TriangleMesh: return physics::ShapeKind::TriangleMesh;
  }
  return physics::ShapeKind::Box;
}

} // namespace

struct Simulation::Impl {
  SimulationSpec spec;
  physics::World world;
  std::vector<core::BodyId> specBodies;
  std::optional<core::BodyId> ground;
  std::map<std::string, core::BodyId, std::less<>> byName;
  std::unique_ptr<Machine> machine;
  std::optional<MachineDecl> decl;
  std::optional<detail::ZoneMonitor> zones;
  Metrics metrics;
  std::size_t timeMetric = 0;
  std::vector<SimEvent> events;
  /** Scheduled forces by body tag (N, world), applied each tick (setBodyForce). */
  std::map<std::string, glm::dvec3, std::less<>> bodyForces;
  /** Events raised for the next step (raiseEvent). */
  std::vector<SimEvent> raised;
  struct Watched {
    core::BodyId a;
    core::BodyId b;
    double range = 0.0;
  };
  std::vector<Watched> watched;
  std::vector<Proximity> proximities;
  std::uint64_t tick = 0;
  std::uint32_t previousButtons = 0;
  std::set<std::string, std::less<>> machineBodies;
  std::optional<core::Error> fault;
  // Scene tables, built once (stable between frames).
  std::vector<core::MeshDesc> meshes;
  std::vector<core::Material> materials;
  struct Drawn {
    core::BodyId body;
    core::MeshId mesh;
    core::MaterialId material;
    glm::dvec3 offset{0.0}; ///< The mesh's centre in the body's frame (m): a band of a banded body.
  };
  std::vector<Drawn> drawn;

  Impl(const SimulationSpec& s, const physics::WorldSettings& settings)
      : spec(s), world(settings) {}

  [[nodiscard]] std::string tagOf(core::BodyId body) const {
    const auto& tags = world.tags(body);
    return tags.empty() ? world.name(body) : tags.front();
  }

  void contactEvents();
  void buildScene();
};

Simulation::Simulation(std::unique_ptr<Impl> impl) : mImpl(std::move(impl)) {}

void Simulation::setBodyForce(const std::string& tag, const glm::dvec3& force) {
  if (force == glm::dvec3(0.0)) {
    mImpl->bodyForces.erase(tag);
  } else {
    mImpl->bodyForces[tag] = force;
  }
}

void Simulation::raiseEvent(SimEvent event) {
  if (!mImpl->fault) {
    mImpl->raised.push_back(std::move(event));
  }
}
void Simulation::beginFault(std::string_view id, const FaultParams& params) {
  if (mImpl->fault || !mImpl->machine) {
    return;
  }
  const FaultDecl* decl = mImpl->decl->fault(id);
  SKILLSIM_CHECK(decl != nullptr, "a machine fault begun must be one the machine declares");
  for (const FaultParamDecl& p : decl->params) {
    const auto it = params.find(p.key);
    SKILLSIM_CHECK(it != params.end() && it->second >= p.min && it->second <= p.max,
                   "a machine fault's parameters must be given and within their ranges");
  }
  mImpl->machine->beginFault(id, params);
}

Simulation::~Simulation() = default;

core::Expected<std::unique_ptr<Simulation>> Simulation::create(const SimulationSpec& spec) {
  if (spec.tickRate == 0) {
    return specError("tick_rate", "must be > 0 Hz, got 0");
  }
  if (spec.solverIterations < 1) {
    return specError("solver_iterations",
                     "must be >= 1, got " + std::to_string(spec.solverIterations));
  }
  if (spec.frictionDirections != 1 && spec.frictionDirections != 2) {
    return specError("friction_directions",
                     "must be 1 or 2, got " + std::to_string(spec.frictionDirections));
  }
  if (!finite(spec.gravity)) {
    return specError("gravity", "must be finite");
  }
  std::optional<MachineDecl> decl;
  if (spec.machine) {
    SKILLSIM_CHECK(spec.machine->type != nullptr && spec.machine->params != nullptr,
                   "a MachineSpec needs its type and params");
    decl = spec.machine->describe();
  }
  std::set<std::string, std::less<>> names = {"ground"};
  if (decl) {
    names.insert(decl->bodies.begin(), decl->bodies.end());
  }
  for (std::size_t i = 0; i < spec.bodies.size(); ++i) {
    const BodySpec& b = spec.bodies[i];
    const std::string field = "bodies[" + std::to_string(i) + "]";
    if (b.name.empty()) {
      return specError(field + ".name", "a body needs a name");
    }
    if (!names.insert(b.name).second) {
      return specError(field + ".name", "body name '" + b.name +
                                            "' is used twice (or is reserved for the ground and "
                                            "the machine's own bodies)");
    }
    if (b.liftingLug && !finite(*b.liftingLug)) {
      return specError(field + ".lifting_lug", "must be finite");
    }
    if (b.liftingLug && b.mass <= 0.0) {
      return specError(field + ".lifting_lug", "only a dynamic body (mass > 0) can be lifted");
    }
  }
  for (std::size_t i = 0; i < spec.zones.size(); ++i) {
    const ZoneSpec& z = spec.zones[i];
    const std::string field = "zones[" + std::to_string(i) + "]";
    if (!finite(z.center)) {
      return specError(field + ".center", "must be finite");
    }
    if (z.shape == ZoneSpec::Shape::Cylinder && !(z.radius > 0.0 && z.height > 0.0)) {
      return specError(field, "zone '" + z.name + "': radius and height must be > 0 m, got " +
                                  str(z.radius) + " and " + str(z.height));
    }
    if (z.shape == ZoneSpec::Shape::Box &&
        !(z.halfExtents.x > 0.0 && z.halfExtents.y > 0.0 && z.halfExtents.z > 0.0)) {
      return specError(field + ".half_extents", "zone '" + z.name + "': must be > 0 m");
    }
  }
  for (std::size_t i = 0; i < spec.cameras.size(); ++i) {
    const CameraSpec& c = spec.cameras[i];
    if (c.kind == CameraSpec::Kind::Follow && !names.contains(c.followBody)) {
      return specError("cameras[" + std::to_string(i) + "].follow_body",
                       "camera '" + c.name + "' follows '" + c.followBody +
                           "', which is no body of this scenario");
    }
  }

  physics::WorldSettings settings;
  settings.timeStep = 1.0 / static_cast<double>(spec.tickRate);
  settings.solverIterations = spec.solverIterations;
  settings.frictionDirections = spec.frictionDirections;
  settings.islandsByContact = spec.islandsByContact;
  settings.gravity = spec.gravity;
  settings.seed = spec.seed;
  auto impl = std::make_unique<Impl>(spec, settings);
  physics::World& world = impl->world;

  if (spec.groundPlane) {
    physics::BodyDesc ground;
    ground.name = "ground";
    ground.tags = {"ground"};
    ground.shape.kind = physics::ShapeKind::Plane;
    ground.friction = 0.8;
    impl->ground = world.addBody(ground).value();
    impl->byName.emplace("ground", *impl->ground);
  }
  for (std::size_t i = 0; i < spec.bodies.size(); ++i) {
    const BodySpec& b = spec.bodies[i];
    physics::BodyDesc d;
    d.name = b.name;
    d.tags = b.tags;
    d.shape.kind = toPhysics(b.shape.kind);
    d.shape.size = b.shape.size;
    d.shape.points = b.shape.points;
    d.shape.indices = b.shape.indices;
    d.motion = b.mass > 0.0 ? physics::Motion::Dynamic : physics::Motion::Static;
    d.mass = b.mass;
    d.position = b.position;
    d.orientation = b.orientation;
    d.friction = b.friction;
    d.restitution = b.restitution;
    d.linearDamping = b.linearDamping;
    d.angularDamping = b.angularDamping;
    d.linearVelocity = b.initialLinearVelocity;
    if (b.mass < 0.0) {
      return specError("bodies[" + std::to_string(i) + "].mass",
                       "body '" + b.name + "': mass must be >= 0 kg (0 = static), got " +
                           str(b.mass));
    }
    auto id = world.addBody(d);
    if (!id) {
      core::Error e = id.error();
      e.location.fieldPath = "bodies[" + std::to_string(i) + "]." + e.location.fieldPath;
      return e;
    }
    impl->specBodies.push_back(*id);
    impl->byName.emplace(b.name, *id);
  }
  impl->timeMetric = impl->metrics.add("time");
  if (spec.machine) {
    MachineContext context{world, impl->spec, impl->specBodies, settings.timeStep};
    auto machine = spec.machine->type->create(*spec.machine->params, context);
    if (!machine) {
      return machine.error();
    }
    impl->machine = std::move(*machine);
    impl->decl = std::move(decl);
    impl->machine->addMetrics(impl->metrics);
    for (const std::string& name : impl->decl->bodies) {
      if (auto body = impl->machine->body(name)) {
        impl->byName.emplace(name, *body);
      }
      impl->machineBodies.insert(name);
    }
    impl->machine->writeMetrics(impl->metrics);
  }
  for (std::size_t i = 0; i < spec.proximityWatches.size(); ++i) {
    const ProximityWatch& w = spec.proximityWatches[i];
    if (!(w.range >= 0.0) || !std::isfinite(w.range)) {
      return specError("proximity_watches[" + std::to_string(i) + "].range",
                       "must be a finite distance >= 0 m, got " + str(w.range));
    }
    for (core::BodyId a : world.bodiesWithTag(w.tagA)) {
      for (core::BodyId b : world.bodiesWithTag(w.tagB)) {
        if (a == b) {
          continue;
        }
        auto same = [&](const Impl::Watched& x) {
          return (x.a == a && x.b == b) || (x.a == b && x.b == a);
        };
        auto it = std::find_if(impl->watched.begin(), impl->watched.end(), same);
        if (it == impl->watched.end()) {
          impl->watched.push_back({a, b, w.range});
        } else {
          it->range = std::max(it->range, w.range);
        }
      }
    }
  }
  impl->zones.emplace(spec.zones, world);
  impl->buildScene();
  return std::unique_ptr<Simulation>(new Simulation(std::move(impl)));
}

void Simulation::step(const core::ActionState& actions) {
  Impl& m = *mImpl;
  m.events.clear();
  if (m.fault) {
    return;
  }
  const std::uint64_t tick = m.tick + 1;
  for (SimEvent& e : m.raised) {
    e.tick = tick;
    m.events.push_back(std::move(e));
  }
  m.raised.clear();
  const std::uint32_t pressed = actions.buttons & ~m.previousButtons;
  m.previousButtons = actions.buttons;
  if (m.machine) {
    m.machine->beforeStep(StepInput{actions, pressed, tick}, m.events);
  }
  if (!m.bodyForces.empty()) {
    const double dt = 1.0 / static_cast<double>(m.spec.tickRate);
    for (std::size_t i = 0; i < m.specBodies.size(); ++i) {
      const core::BodyId body = m.specBodies[i];
      if (m.world.motion(body) != physics::Motion::Dynamic) {
        continue;
      }
      glm::dvec3 force(0.0);
      for (const std::string& tag : m.spec.bodies[i].tags) {
        if (auto it = m.bodyForces.find(tag); it != m.bodyForces.end()) {
          force += it->second;
        }
      }
      if (force != glm::dvec3(0.0)) {
        m.world.applyImpulse(body, force * dt, m.world.bodyState(body).position);
      }
    }
  }
  m.world.step();
  m.tick = tick;
  m.contactEvents();
  m.proximities.clear();
  for (const Impl::Watched& w : m.watched) {
    const std::optional<double> gap = m.world.separation(w.a, w.b, w.range);
    m.proximities.push_back(Proximity{m.world.name(w.a), m.world.name(w.b),
                                      gap ? *gap : std::numeric_limits<double>::infinity()});
  }
  m.zones->update(m.world, tick, m.events);
  if (m.machine) {
    m.machine->afterStep(tick, m.events);
  }
  std::optional<MachineFault> bad;
  std::optional<glm::dvec3> at;
  if (auto physical = m.world.findFault()) {
    bad = MachineFault{m.world.name(physical->body), physical->what};
    at = m.world.bodyState(physical->body).position;
  } else if (m.machine) {
    bad = m.machine->fault();
    if (bad) {
      at = m.machine->bodyPosition(bad->body);
    }
  }
  if (bad) {
    SimEvent e;
    e.tick = tick;
    e.kind = SimEventKind::PhysicsFault;
    e.subject = bad->body;
    e.subjectBody = e.subject;
    e.position = at.value_or(glm::dvec3(0.0));
    m.events.push_back(e);
    core::SourceLocation where;
    where.tick = tick;
    m.fault = core::makeError(core::ErrorCode::PhysicsFault,
                              "body '" + e.subject + "': " + bad->what + "; the run was stopped",
                              std::move(where));
  }
  m.metrics.set(m.timeMetric, time());
  if (m.machine) {
    m.machine->writeMetrics(m.metrics);
  }
}

void Simulation::Impl::contactEvents() {
  auto rank = [&](core::BodyId b) {
    switch (world.motion(b)) {
    case physics::Motion::Dynamic: return 0;
    case physics::Motion::Kinematic: return 1;
    case physics::Motion::Static: return 2;
    }
    return 2;
  };
  for (const physics::ContactEvent& c : world.contactEvents()) {
    core::BodyId subject = c.bodyA;
    core::BodyId other = c.bodyB;
    if (rank(other) < rank(subject)) {
      std::swap(subject, other);
    }
    SimEvent e;
    e.tick = tick;
    e.kind = c.kind == physics::ContactEvent::Kind::Begin ? SimEventKind::ContactBegin
                                                          : SimEventKind::ContactEnd;
    e.subject = tagOf(subject);
    e.other = tagOf(other);
    e.subjectBody = world.name(subject);
    e.otherBody = world.name(other);
    e.position = c.point;
    e.value = c.peakImpulse;
    events.push_back(std::move(e));
  }
}

std::uint64_t Simulation::tick() const { return mImpl->tick; }

double Simulation::time() const {
  return static_cast<double>(mImpl->tick) / static_cast<double>(mImpl->spec.tickRate);
}

std::span<const SimEvent> Simulation::events() const { return mImpl->events; }
const Metrics& Simulation::metrics() const { return mImpl->metrics; }
std::span<const Proximity> Simulation::proximities() const { return mImpl->proximities; }
bool Simulation::stopped() const { return mImpl->fault.has_value(); }
std::optional<core::Error> Simulation::fault() const { return mImpl->fault; }
const SimulationSpec& Simulation::spec() const { return mImpl->spec; }

core::Digest Simulation::stateHash() const {
  core::Hasher h;
  h.update(mImpl->tick);
  mImpl->world.hashState(h);
  if (mImpl->machine) {
    mImpl->machine->hash(h);
  }
  mImpl->zones->hash(h);
  return h.finish();
}

const MachineDecl* Simulation::machine() const { return mImpl->decl ? &*mImpl->decl : nullptr; }

std::vector<std::string> Simulation::cameraNames() const {
  std::vector<std::string> names;
  for (const CameraSpec& c : mImpl->spec.cameras) {
    names.push_back(c.name);
  }
  return names;
}

std::optional<glm::dvec3> Simulation::bodyPosition(std::string_view name) const {
  if (mImpl->machine && mImpl->machineBodies.contains(name)) {
    return mImpl->machine->bodyPosition(name);
  }
  auto it = mImpl->byName.find(name);
  if (it == mImpl->byName.end()) {
    return std::nullopt;
  }
  return mImpl->world.bodyState(it->second).position;
}

PanelState Simulation::panelState() const {
  return mImpl->machine ? mImpl->machine->panelState() : PanelState{};
}

std::optional<glm::dvec3> Simulation::anchorPoint(std::string_view anchor) const {
  if (!mImpl->machine || anchor.empty()) {
    return std::nullopt;
  }
  return mImpl->machine->anchorPoint(anchor);
}

std::vector<FloorAid> Simulation::floorAids() const {
  return mImpl->machine ? mImpl->machine->floorAids() : std::vector<FloorAid>{};
}

void Simulation::Impl::buildScene() {
  SceneTables tables{meshes, materials};
  if (ground) {
    double extent = 60.0;
    if (decl) {
      extent = std::max(extent, decl->sceneExtent);
    }
    const core::MeshId mesh =
        tables.addMesh(core::MeshKind::Plane, {2.0 * extent, 0.0, 2.0 * extent}, "ground");
    drawn.push_back(
        {*ground, mesh, tables.addMaterial({0.45f, 0.47f, 0.45f, 1.0f}, 0.9f, 0.0f, "ground")});
  }
  for (std::size_t i = 0; i < spec.bodies.size(); ++i) {
    const BodySpec& b = spec.bodies[i];
    std::optional<core::MeshKind> kind;
    switch (b.shape.kind) {
    case ShapeKind::Box: kind = core::MeshKind::Box; break;
    case ShapeKind::Cylinder: kind = core::MeshKind::Cylinder; break;
    case ShapeKind::Sphere: kind = core::MeshKind::Sphere; break;
    case ShapeKind::Capsule: kind = core::MeshKind::Capsule; break;
    case ShapeKind::ConvexHull:
    case ShapeKind::TriangleMesh: break; // drawn as wireframe lines (no triangle mesh kind yet)
    }
    if (kind && b.bands && (*kind == core::MeshKind::Box || *kind == core::MeshKind::Cylinder)) {
      // Bands along the body's height, from its bottom: its own colour, then the bands' colour,
      // the top one cut at the height. One mesh a band; the body's shape is not touched.
      const core::MaterialId own = tables.addMaterial(b.color, 0.6f, 0.0f, b.name);
      const core::MaterialId band =
          tables.addMaterial(b.bands->color, 0.6f, 0.0f, b.name + ".band");
      const double height = b.shape.size.y;
      const double pitch = b.bands->pitch;
      const auto count = static_cast<std::size_t>(std::ceil(height / pitch - 1e-9));
      std::optional<core::MeshId> full;
      for (std::size_t k = 0; k < count; ++k) {
        const double bottom = static_cast<double>(k) * pitch;
        const double top = std::min(height, bottom + pitch);
        const bool whole = top - bottom >= pitch;
        core::MeshId mesh;
        if (whole && full) {
          mesh = *full;
        } else {
          mesh = tables.addMesh(*kind, {b.shape.size.x, top - bottom, b.shape.size.z},
                                b.name + ".band" + std::to_string(k));
          if (whole) {
            full = mesh;
          }
        }
        drawn.push_back({specBodies[i],
                         mesh,
                         k % 2 == 0 ? own : band,
                         {0.0, 0.5 * (bottom + top) - 0.5 * height, 0.0}});
      }
    } else if (kind) {
      const core::MeshId mesh = tables.addMesh(*kind, b.shape.size, b.name);
      drawn.push_back({specBodies[i], mesh, tables.addMaterial(b.color, 0.6f, 0.0f, b.name)});
    }
  }
  if (machine) {
    machine->buildScene(tables);
  }
}

void Simulation::fillSceneView(core::SceneView& view, std::string_view cameraName) const {
  const Impl& m = *mImpl;
  view.meshes = m.meshes;
  view.materials = m.materials;
  view.instances.clear();
  view.lines.clear();
  auto pose = [](const glm::dvec3& p, const glm::dquat& q) {
    return glm::mat4(glm::translate(glm::dmat4(1.0), p) * glm::mat4_cast(q));
  };
  for (const Impl::Drawn& d : m.drawn) {
    const physics::BodyState s = m.world.bodyState(d.body);
    core::Instance instance;
    instance.mesh = d.mesh;
    instance.material = d.material;
    instance.transform = pose(s.position, s.orientation);
    if (d.offset != glm::dvec3(0.0)) {
      instance.transform =
          instance.transform * glm::translate(glm::mat4(1.0f), glm::vec3(d.offset));
    }
    instance.castsShadow = !(m.ground && d.body == *m.ground);
    view.instances.push_back(instance);
  }
  // Hull and mesh bodies as wireframes.
  for (std::size_t i = 0; i < m.spec.bodies.size(); ++i) {
    const auto triangles = m.world.triangles(m.specBodies[i]);
    for (std::size_t t = 0; t + 2 < triangles.size(); t += 3) {
      for (int k = 0; k < 3; ++k) {
        view.lines.push_back({glm::vec3(triangles[t + static_cast<std::size_t>(k)]),
                              glm::vec3(triangles[t + static_cast<std::size_t>((k + 1) % 3)]),
                              m.spec.bodies[i].color});
      }
    }
  }
  if (m.machine) {
    m.machine->fillScene(view);
  }
  for (const ZoneSpec& z : m.spec.zones) {
    if (z.shape == ZoneSpec::Shape::Cylinder) {
      constexpr int kSegments = 48;
      for (int i = 0; i < kSegments; ++i) {
        const double a0 = 2.0 * std::numbers::pi * i / kSegments;
        const double a1 = 2.0 * std::numbers::pi * (i + 1) / kSegments;
        const glm::dvec3 p0 = z.center + z.radius * glm::dvec3(std::cos(a0), 0.0, std::sin(a0));
        const glm::dvec3 p1 = z.center + z.radius * glm::dvec3(std::cos(a1), 0.0, std::sin(a1));
        view.lines.push_back({glm::vec3(p0 + glm::dvec3(0.0, 0.01, 0.0)),
                              glm::vec3(p1 + glm::dvec3(0.0, 0.01, 0.0)), z.color});
      }
    } else {
      const glm::dvec3 h = z.halfExtents;
      auto corner = [&](int i) {
        const glm::dvec2 plan = z.planPoint({(i & 1) ? h.x : -h.x, (i & 4) ? h.z : -h.z});
        return glm::vec3(glm::dvec3(plan.x, z.center.y + ((i & 2) ? h.y : -h.y), plan.y));
      };
      for (int i = 0; i < 8; ++i) {
        for (int bit : {1, 2, 4}) {
          if ((i & bit) == 0) {
            view.lines.push_back({corner(i), corner(i | bit), z.color});
          }
        }
      }
    }
  }

  // Camera.
  const CameraSpec* chosen = nullptr;
  for (const CameraSpec& c : m.spec.cameras) {
    if (c.name == cameraName) {
      chosen = &c;
      break;
    }
  }
  if (chosen == nullptr && !m.spec.cameras.empty()) {
    chosen = &m.spec.cameras.front();
  }
  core::Camera camera;
  if (chosen == nullptr) {
    glm::dvec3 centre(0.0);
    if (m.decl) {
      centre = m.decl->sceneCentre;
    }
    camera.position = glm::vec3(centre + glm::dvec3(0.0, 15.0, 30.0));
    camera.target = glm::vec3(centre);
  } else {
    glm::dvec3 position = chosen->position;
    glm::dvec3 target = chosen->target;
    switch (chosen->kind) {
    case CameraSpec::Kind::Fixed:
    case CameraSpec::Kind::Orbit: break;
    case CameraSpec::Kind::OperatorCab:
      if (auto base = m.machine ? m.machine->anchorPoint("cab") : std::nullopt) {
        if (auto turn = m.machine->anchorOrientation("cab")) {
          position = *turn * position;
          target = *turn * target;
        }
        position += *base;
        target += *base;
      }
      break;
    case CameraSpec::Kind::Overhead:
      if (auto tool = m.machine ? m.machine->anchorPoint("tool") : std::nullopt) {
        target = {tool->x, 0.0, tool->z};
        position = {tool->x, chosen->position.y, tool->z};
        camera.up = {0.0f, 0.0f, -1.0f};
      }
      break;
    case CameraSpec::Kind::Follow: {
      auto it = m.byName.find(chosen->followBody);
      if (it != m.byName.end()) {
        const physics::BodyState st = m.world.bodyState(it->second);
        const glm::dvec3 p = st.position;
        position = p + (chosen->offsetInBodyFrame ? st.orientation * position : position);
        target = p;
      }
      break;
    }
    }
    camera.position = glm::vec3(position);
    camera.target = glm::vec3(target);
    camera.verticalFovRadians = static_cast<float>(chosen->verticalFov);
  }
  view.camera = camera;
}

} // namespace skillsim::sim
