// The overhead crane's declarations, its scenario section and its entry in the machine registry.

#include "OverheadCrane.h"

#include <skillsim/physics/World.h>
#include <skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h>

#include <cmath>
#include <cstdio>
#include <functional>
#include <numbers>
#include <tuple>

namespace skillsim::sim {
namespace {

std::string num(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", v);
  return buffer;
}

/** One problem with a crane value: the key under the crane's section, and what is wrong. */
struct CraneProblem {
  std::string key;
  std::string message;
};

/**
 * Every check of the crane's values, in one place: used when a scenario's section is read (each
 * problem at its key's file:line:column) and when a simulation is built from a spec made in code.
 */
std::vector<CraneProblem> craneProblems(const OverheadCraneSpec& c) {
  std::vector<CraneProblem> out;
  auto positive = [&](double v, const char* key, const char* unit) {
    if (!(v > 0.0) || !std::isfinite(v)) {
      out.push_back({key, std::string("must be > 0 ") + unit + ", got " + num(v)});
    }
  };
  positive(c.runwayLength, "runway_length", "m");
  positive(c.span, "span", "m");
  positive(c.liftHeight, "lift_height", "m");
  positive(c.ratedLoad, "rated_load", "kg");
  positive(c.hookMass, "hook_mass", "kg");
  positive(c.minRopeLength, "min_rope_length", "m");
  positive(c.slingLength, "sling_length", "m");
  positive(c.attachTolerance, "attach_tolerance", "m");
  for (auto [d, key] : {std::pair{c.hoistRopeDiameter, "hoist_rope_diameter"},
                        std::pair{c.slingDiameter, "sling_diameter"}}) {
    if (!(d > 0.0 && d <= 0.2)) {
      out.push_back({key, "must be a rope diameter in (0, 0.2] m, got " + num(d)});
    }
  }
  if (c.hoistRopeFalls < 1 || c.hoistRopeFalls > 16) {
    out.push_back({"hoist_rope_falls",
                   "must be 1 to 16 parts of line, got " + std::to_string(c.hoistRopeFalls)});
  }
  if (!(c.ropeModulus >= 1e9 && c.ropeModulus <= 3e11)) {
    out.push_back({"rope_modulus",
                   "must be a steel rope modulus in [1e9, 3e11] Pa, got " + num(c.ropeModulus)});
  }
  if (!(c.ropeFillFactor > 0.0 && c.ropeFillFactor < 1.0)) {
    out.push_back({"rope_fill_factor", "must be in (0, 1), got " + num(c.ropeFillFactor)});
  }
  if (!(c.snatchFactor == 0.0 || (c.snatchFactor > 1.0 && c.snatchFactor <= 10.0))) {
    out.push_back(
        {"snatch_factor", "must be 0 (EN 13001-2 phi2) or in (1, 10], got " + num(c.snatchFactor)});
  }
  if (!(std::isfinite(c.runwayOrigin.x) && std::isfinite(c.runwayOrigin.y) &&
        std::isfinite(c.runwayOrigin.z))) {
    out.push_back({"runway_origin", "must be finite"});
  }
  for (auto [spec, key] : {std::tuple{&c.bridge, "bridge"}, std::tuple{&c.trolley, "trolley"},
                           std::tuple{&c.hoist, "hoist"}}) {
    const std::string k(key);
    if (spec->notches < 1) {
      out.push_back({k + ".notches", "a controller needs at least 1 notch each way, got " +
                                         std::to_string(spec->notches)});
    }
    if (!(spec->maxSpeed > 0.0) || !std::isfinite(spec->maxSpeed)) {
      out.push_back({k + ".max_speed", "must be > 0 m/s, got " + num(spec->maxSpeed)});
    }
    if (!(spec->acceleration > 0.0) || !std::isfinite(spec->acceleration)) {
      out.push_back({k + ".acceleration", "must be > 0 m/s^2, got " + num(spec->acceleration)});
    }
  }
  if (!out.empty()) {
    return out; // the cross-checks below need valid values
  }
  if (!(c.minRopeLength < c.maxRopeLength) || !std::isfinite(c.maxRopeLength)) {
    out.push_back({"max_rope_length", "max_rope_length " + num(c.maxRopeLength) +
                                          " m must be greater than min_rope_length " +
                                          num(c.minRopeLength) + " m"});
  } else if (c.maxRopeLength >= c.liftHeight) {
    out.push_back({"max_rope_length", "max_rope_length " + num(c.maxRopeLength) +
                                          " m must be less than lift_height " + num(c.liftHeight) +
                                          " m (the hook would go below the ground)"});
  }
  if (!(c.initialRopeLength >= c.minRopeLength && c.initialRopeLength <= c.maxRopeLength)) {
    out.push_back(
        {"initial_rope_length", "initial_rope_length " + num(c.initialRopeLength) +
                                    " m must lie in [min_rope_length, max_rope_length] = [" +
                                    num(c.minRopeLength) + ", " + num(c.maxRopeLength) + "]"});
  }
  if (!(c.initialBridge >= 0.0 && c.initialBridge <= c.runwayLength)) {
    out.push_back({"initial_bridge", "initial_bridge " + num(c.initialBridge) +
                                         " m must lie within the runway [0, " +
                                         num(c.runwayLength) + "] m"});
  }
  if (!(c.initialTrolley >= 0.0 && c.initialTrolley <= c.span)) {
    out.push_back({"initial_trolley", "initial_trolley " + num(c.initialTrolley) +
                                          " m must lie within the span [0, " + num(c.span) +
                                          "] m"});
  }
  return out;
}

void readController(SectionReader& crane, std::string_view key, ControllerSpec& out) {
  SectionReader* r = crane.table(key, false);
  if (r == nullptr) {
    return;
  }
  out.notches = static_cast<int>(r->integer("notches", false, 1, 20).value_or(out.notches));
  out.maxSpeed = r->number("max_speed", false, {0.0, 10.0, true, false}).value_or(out.maxSpeed);
  out.acceleration =
      r->number("acceleration", false, {0.0, 20.0, true, false}).value_or(out.acceleration);
}

core::ControlDecl notched(std::string id, std::string zh, std::string en, int notches,
                          std::string increase, std::string decrease, std::string pad,
                          bool invert) {
  core::ControlDecl c;
  c.id = std::move(id);
  c.nameZh = std::move(zh);
  c.nameEn = std::move(en);
  c.kind = core::ControlKind::Notched;
  c.notches = notches;
  c.binding = {std::move(increase), std::move(decrease), std::move(pad), invert};
  return c;
}

core::ControlDecl button(std::string id, std::string zh, std::string en, std::string key,
                         std::string pad) {
  core::ControlDecl c;
  c.id = std::move(id);
  c.nameZh = std::move(zh);
  c.nameEn = std::move(en);
  c.kind = core::ControlKind::Button;
  c.binding = {std::move(key), {}, std::move(pad), false};
  return c;
}

class OverheadCraneType final : public MachineType {
public:
  [[nodiscard]] std::string_view kind() const override { return kOverheadCraneKind; }
  [[nodiscard]] std::string_view legacySection() const override { return "crane"; }

  std::shared_ptr<const MachineParams> parse(SectionReader& r) const override {
    const std::size_t before = r.problemCount();
    auto c = std::make_shared<OverheadCraneSpec>();
    const NumberRange positive = NumberRange::positive();
    c->runwayOrigin =
        r.vec3("runway_origin", false, NumberRange::closed(-1e4, 1e4)).value_or(c->runwayOrigin);
    c->runwayLength = r.number("runway_length", true, positive).value_or(c->runwayLength);
    c->span = r.number("span", true, positive).value_or(c->span);
    c->liftHeight = r.number("lift_height", true, positive).value_or(c->liftHeight);
    c->ratedLoad = r.number("rated_load", true, positive).value_or(c->ratedLoad);
    c->hookMass = r.number("hook_mass", false, positive).value_or(c->hookMass);
    c->minRopeLength = r.number("min_rope_length", false, positive).value_or(c->minRopeLength);
    c->maxRopeLength = r.number("max_rope_length", false, positive).value_or(c->maxRopeLength);
    c->initialRopeLength =
        r.number("initial_rope_length", false, positive).value_or(c->initialRopeLength);
    c->initialBridge =
        r.number("initial_bridge", false, NumberRange::nonNegative()).value_or(c->initialBridge);
    c->initialTrolley =
        r.number("initial_trolley", false, NumberRange::nonNegative()).value_or(c->initialTrolley);
    c->attachTolerance = r.number("attach_tolerance", false, positive).value_or(c->attachTolerance);
    c->slingLength = r.number("sling_length", false, positive).value_or(c->slingLength);
    c->hoistRopeDiameter =
        r.number("hoist_rope_diameter", false, positive).value_or(c->hoistRopeDiameter);
    c->hoistRopeFalls =
        static_cast<int>(r.integer("hoist_rope_falls", false, 1, 16).value_or(c->hoistRopeFalls));
    c->slingDiameter = r.number("sling_diameter", false, positive).value_or(c->slingDiameter);
    c->ropeModulus = r.number("rope_modulus", false, positive).value_or(c->ropeModulus);
    c->ropeFillFactor = r.number("rope_fill_factor", false, positive).value_or(c->ropeFillFactor);
    c->snatchFactor =
        r.number("snatch_factor", false, NumberRange::nonNegative()).value_or(c->snatchFactor);
    readController(r, "bridge", c->bridge);
    readController(r, "trolley", c->trolley);
    readController(r, "hoist", c->hoist);
    if (r.problemCount() != before) {
      return c; // cross-checks only when every value was read
    }
    for (const CraneProblem& p : craneProblems(*c)) {
      r.problem(p.key, p.message);
    }
    return c;
  }

  [[nodiscard]] MachineDecl describe(const MachineParams& params) const override {
    const auto& c = static_cast<const OverheadCraneSpec&>(params);
    MachineDecl d;
    d.kind = std::string(kOverheadCraneKind);
    d.titleZh = "桥式起重机";
    d.titleEn = "overhead crane";
    d.controls = core::ControlLayout({
        notched("bridge_travel", "大车运行", "bridge travel", c.bridge.notches, "W", "S", "left_y",
                true),
        notched("trolley_travel", "小车运行", "trolley travel", c.trolley.notches, "D", "A",
                "left_x", false),
        notched("hoist", "起升", "hoist", c.hoist.notches, "Up", "Down", "right_y", true),
        button("horn", "电铃", "horn", "H", "a"),
        button("emergency_stop", "紧急停止", "emergency stop", "E", "b"),
        button("attach", "挂钩", "attach", "F", "x"),
        button("release", "摘钩", "release", "R", "y"),
    });
    const double halfPi = 0.5 * std::numbers::pi;
    auto metric = [&](std::string name, Unit unit, double lo, double hi, std::string zh,
                      std::string en) {
      d.metrics.push_back({std::move(name), unit, lo, hi, std::move(zh), std::move(en)});
    };
    const double far = 1e4;
    metric("load_swing_angle", Unit::Radian, 0.0, halfPi, "载荷摆角", "load swing");
    metric("load_height", Unit::Metre, -1.0, 200.0, "载荷离地高度", "load height");
    metric("hook_height", Unit::Metre, -1.0, 200.0, "吊钩离地高度", "hook height");
    metric("bridge_speed", Unit::MetrePerSecond, -10.0, 10.0, "大车速度", "bridge speed");
    metric("trolley_speed", Unit::MetrePerSecond, -10.0, 10.0, "小车速度", "trolley speed");
    metric("hoist_speed", Unit::MetrePerSecond, -5.0, 5.0, "起升速度", "hoist speed");
    metric("load_x", Unit::Metre, -far, far, "载荷 X 位置", "load X position");
    metric("load_z", Unit::Metre, -far, far, "载荷 Z 位置", "load Z position");
    metric("rope_length", Unit::Metre, 0.0, 1000.0, "钢丝绳长度", "rope length");
    metric("hoisted_mass", Unit::Kilogram, 0.0, 1e6, "起吊质量", "hoisted mass");
    metric("bridge_position", Unit::Metre, -far, far, "大车位置", "bridge position");
    metric("trolley_position", Unit::Metre, -far, far, "小车位置", "trolley position");
    metric("hook_x", Unit::Metre, -far, far, "吊钩 X 位置", "hook X position");
    metric("hook_z", Unit::Metre, -far, far, "吊钩 Z 位置", "hook Z position");
    metric("rope_span", Unit::Metre, 0.0, 1000.0, "钢丝绳跨距", "rope span");
    metric("rope_stretch", Unit::Metre, 0.0, 100.0, "钢丝绳伸长", "rope stretch");
    metric("rope_tension", Unit::Newton, 0.0, 1e8, "钢丝绳拉力", "rope tension");
    metric("sling_tension", Unit::Newton, 0.0, 1e8, "吊索拉力", "sling tension");
    metric("sling_span", Unit::Metre, 0.0, 1000.0, "吊索跨距", "sling span");
    metric("load_y", Unit::Metre, -far, far, "载荷重心高度", "load centre height");
    metric("load_speed", Unit::MetrePerSecond, 0.0, 100.0, "载荷速度", "load speed");
    metric("load_attached", Unit::Flag, 0.0, 1.0, "载荷已挂钩", "load on the hook");
    metric("emergency_stop", Unit::Flag, 0.0, 1.0, "紧急停止", "emergency stop");
    metric("overload", Unit::Flag, 0.0, 1.0, "超载", "overload");
    // The load's height and swing mean something only while a load hangs on the hook.
    d.readouts = {{"load_height", 2, {}, {}, true, ""},
                  {"load_swing_angle", 1, {}, {}, true, "load_attached"},
                  {"load_attached", 0, {}, {}, false, ""}};
    using Cue = FeedbackCue;
    d.events = {
        {"horn", "鸣铃", "horn", false, {Cue::Horn, "鸣铃", "Horn", Unit::None, 2}},
        {"emergency_stop",
         "紧急停止",
         "emergency stop",
         false,
         {Cue::Buzz, "紧急停止", "Emergency stop", Unit::None, 2}},
        {"load_attached",
         "挂钩",
         "load attached",
         true,
         {Cue::Click, "已挂钩", "Load hooked on", Unit::None, 2}},
        {"load_released",
         "摘钩",
         "load released",
         true,
         {Cue::Click, "已摘钩", "Load unhooked", Unit::None, 2}},
        {"load_dropped",
         "载荷坠落",
         "load dropped",
         true,
         {Cue::Buzz, "载荷坠落", "Load dropped", Unit::None, 2}},
        {"overload", "超载", "overload", true, {Cue::Buzz, "超载", "Overload", Unit::None, 2}},
        // Peak hoist rope tension over snatch_factor times the hooked weight: value = the peak, N.
        {"snatch_load",
         "猛起冲击",
         "snatch load",
         true,
         {Cue::Buzz, "猛起冲击", "Snatch load", Unit::None, 2}},
        // Attach pressed with no lug within reach: value = the nearest lug's distance from the
        // hook, limit = attach_tolerance (m).
        {"attach_refused",
         "挂钩未成功",
         "attach refused",
         false,
         {Cue::Buzz, "无法挂钩：距吊耳 {value}，允许 {limit}",
          "Cannot hook on: {value} from the lug, limit {limit}", Unit::Metre, 2}},
    };
    d.events.push_back(
        // Only with the upper limit switch failed (hoist_upper_limit_fails): the hook block hoisted
        // against the trolley; value = the hoisting speed it hit at, m/s.
        {"two_blocking",
         "吊钩冲顶",
         "hook block hoisted into the trolley (two-blocking)",
         false,
         {Cue::Buzz, "吊钩冲顶（{value}）", "Hook block hit the trolley at {value}",
          Unit::MetrePerSecond, 2}});
    // Faults of the crane itself an instructor may schedule (overhead-crane.md, "Faults").
    d.faults = {
        {std::string(detail::OverheadCrane::kBrakeFadeFault),
         "起升制动器制动力衰退",
         "hoist brake fading",
         {{"holding_fraction", Unit::None, 0.0, 1.0, {}, std::nullopt},
          {"fade_s", Unit::Second, 0.0, 600.0, {}, 0.0}}},
        {std::string(detail::OverheadCrane::kUpperLimitFault),
         "起升上限位开关失效",
         "hoist upper limit switch failed",
         {}},
    };
    d.bodies = {"crane.hook", "crane.trolley", "crane.bridge"};
    d.bodyTags = {"hook", "crane"};
    d.drives = {"bridge", "trolley", "hoist"};
    d.cameraAnchors = {"cab", "tool"};
    d.aidAnchor = "load";
    d.planX = "load_x";
    d.planZ = "load_z";
    d.planHeight = "load_height";
    d.sceneCentre = c.runwayOrigin + glm::dvec3(0.5 * c.runwayLength, 0.0, 0.5 * c.span);
    d.sceneExtent = std::max(c.runwayLength, c.span) + 20.0;
    // The hook travels over the runway's length (bridge) and the span (trolley).
    d.reach.shape = WorkingEnvelope::Shape::Box;
    d.reach.min = {c.runwayOrigin.x, c.runwayOrigin.z};
    d.reach.max = {c.runwayOrigin.x + c.runwayLength, c.runwayOrigin.z + c.span};
    d.reach.carriedTags = {"load"};
    return d;
  }

  core::Expected<std::unique_ptr<Machine>> create(const MachineParams& params,
                                                  MachineContext& context) const override {
    const auto& c = static_cast<const OverheadCraneSpec&>(params);
    const auto problems = craneProblems(c);
    if (!problems.empty()) {
      core::SourceLocation where;
      where.fieldPath = "crane." + problems.front().key;
      return core::makeError(core::ErrorCode::InvalidInput, problems.front().message,
                             std::move(where));
    }
    std::vector<detail::LoadInfo> loads;
    for (std::size_t i = 0; i < context.spec.bodies.size(); ++i) {
      const BodySpec& b = context.spec.bodies[i];
      if (b.liftingLug) {
        loads.push_back(detail::LoadInfo{context.specBodies[i], *b.liftingLug, b.name,
                                         b.tags.empty() ? b.name : b.tags.front(), b.mass});
      }
    }
    return std::unique_ptr<Machine>(std::make_unique<detail::OverheadCrane>(
        c, context.world, std::move(loads), glm::length(context.spec.gravity), context.timeStep));
  }
};

} // namespace

double OverheadCraneSpec::axialRigidity(double d) const {
  return ropeModulus * ropeFillFactor * 0.25 * std::numbers::pi * d * d;
}

double OverheadCraneSpec::snatchThreshold() const {
  // EN 13001-2:2014 table 2, hoisting class HC2: phi2 = phi2_min + beta2 v_h.
  constexpr double kPhi2Min = 1.10;
  constexpr double kBeta2 = 0.34; // s/m
  return snatchFactor > 0.0 ? snatchFactor : kPhi2Min + kBeta2 * hoist.maxSpeed;
}

std::shared_ptr<const MachineType> overheadCraneType() {
  static const std::shared_ptr<const MachineType> kType = std::make_shared<OverheadCraneType>();
  return kType;
}

MachineSpec overheadCraneMachine(const OverheadCraneSpec& spec) {
  return MachineSpec{overheadCraneType(), std::make_shared<OverheadCraneSpec>(spec)};
}

const OverheadCraneSpec* overheadCraneOf(const SimulationSpec& spec) {
  if (!spec.machine || spec.machine->type == nullptr ||
      spec.machine->type->kind() != kOverheadCraneKind) {
    return nullptr;
  }
  return static_cast<const OverheadCraneSpec*>(spec.machine->params.get());
}

} // namespace skillsim::sim
