// The forklift's declarations, its scenario section and its entry in the machine registry.

#include "Forklift.h"

#include <skillsim/sim/machines/forklift/ForkliftSpec.h>

#include <cmath>
#include <cstdio>
#include <numbers>

namespace skillsim::sim {
namespace {

constexpr double kDegree = std::numbers::pi / 180.0;

std::string num(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", v);
  return buffer;
}

struct ForkliftProblem {
  std::string key;
  std::string message;
};

/**
 * Every check of the truck's values, in one place: used when a scenario's section is read (each
 * problem at its key's file:line:column) and when a simulation is built from a spec made in code.
 */
std::vector<ForkliftProblem> forkliftProblems(const ForkliftSpec& f) {
  std::vector<ForkliftProblem> out;
  auto positive = [&](double v, const char* key, const char* unit) {
    if (!(v > 0.0) || !std::isfinite(v)) {
      out.push_back({key, std::string("must be > 0 ") + unit + ", got " + num(v)});
    }
  };
  positive(f.ratedCapacity, "rated_capacity", "kg");
  positive(f.loadCentre, "load_centre", "m");
  positive(f.wheelbase, "wheelbase", "m");
  positive(f.frontTrack, "front_track", "m");
  positive(f.rearTrack, "rear_track", "m");
  positive(f.frontWheelRadius, "front_wheel_radius", "m");
  positive(f.rearWheelRadius, "rear_wheel_radius", "m");
  positive(f.truckWidth, "truck_width", "m");
  positive(f.rearOverhang, "rear_overhang", "m");
  positive(f.frontOverhang, "front_overhang", "m");
  positive(f.frameMass, "frame_mass", "kg");
  positive(f.counterweightMass, "counterweight_mass", "kg");
  positive(f.mastMass, "mast_mass", "kg");
  positive(f.carriageMass, "carriage_mass", "kg");
  positive(f.mastHeight, "mast_height", "m");
  positive(f.liftHeight, "lift_height", "m");
  positive(f.liftSpeed, "lift_speed", "m/s");
  positive(f.lowerSpeed, "lower_speed", "m/s");
  positive(f.tiltSpeed, "tilt_speed_deg_s", "deg/s");
  positive(f.forkLength, "fork_length", "m");
  positive(f.forkWidth, "fork_width", "m");
  positive(f.forkThickness, "fork_thickness", "m");
  positive(f.forkSpread, "fork_spread", "m");
  positive(f.maxSpeedLaden, "max_speed_laden", "m/s");
  positive(f.maxSpeedUnladen, "max_speed_unladen", "m/s");
  positive(f.maxTractiveForce, "max_tractive_force", "N");
  positive(f.brakeDeceleration, "brake_deceleration", "m/s^2");
  positive(f.tyreFriction, "tyre_friction", "");
  positive(f.tyreStiffness, "tyre_stiffness", "N/m");
  positive(f.steerRate, "steer_rate_deg_s", "deg/s");
  if (!(f.rollingResistance >= 0.0 && f.rollingResistance < 0.2)) {
    out.push_back({"rolling_resistance", "must be in [0, 0.2), got " + num(f.rollingResistance)});
  }
  if (!(f.tyreDampingRatio > 0.0 && f.tyreDampingRatio <= 2.0)) {
    out.push_back({"tyre_damping_ratio", "must be in (0, 2], got " + num(f.tyreDampingRatio)});
  }
  if (!(f.tiltForward >= 0.0 && f.tiltForward <= 15.0 * kDegree)) {
    out.push_back(
        {"tilt_forward_deg", "must be in [0, 15] deg, got " + num(f.tiltForward / kDegree)});
  }
  if (!(f.tiltBack >= 0.0 && f.tiltBack <= 20.0 * kDegree)) {
    out.push_back({"tilt_back_deg", "must be in [0, 20] deg, got " + num(f.tiltBack / kDegree)});
  }
  if (!(f.maxSteerAngle > 0.0 && f.maxSteerAngle < 85.0 * kDegree)) {
    out.push_back(
        {"max_steer_angle_deg", "must be in (0, 85) deg, got " + num(f.maxSteerAngle / kDegree)});
  }
  if (!(f.ladenShare > 0.0 && f.ladenShare <= 1.0)) {
    out.push_back({"laden_share", "must be in (0, 1], got " + num(f.ladenShare)});
  }
  if (!out.empty()) {
    return out; // the cross-checks below need valid values
  }
  if (f.forkSpread + f.forkWidth > f.truckWidth) {
    out.push_back({"fork_spread", "the forks' outer width " + num(f.forkSpread + f.forkWidth) +
                                      " m must not exceed truck_width " + num(f.truckWidth) +
                                      " m"});
  } else if (f.forkSpread <= f.forkWidth) {
    out.push_back({"fork_spread", "fork_spread " + num(f.forkSpread) +
                                      " m must be more than fork_width " + num(f.forkWidth) +
                                      " m (the forks would overlap)"});
  }
  if (f.frontTrack >= f.truckWidth || f.rearTrack >= f.truckWidth) {
    out.push_back({"front_track", "the tracks (" + num(f.frontTrack) + ", " + num(f.rearTrack) +
                                      " m) must be less than truck_width " + num(f.truckWidth) +
                                      " m"});
  }
  if (f.liftHeight < f.mastHeight - 0.5 || f.liftHeight > 3.0 * f.mastHeight) {
    out.push_back({"lift_height", "lift_height " + num(f.liftHeight) +
                                      " m must lie within [mast_height - 0.5, 3 mast_height] = [" +
                                      num(f.mastHeight - 0.5) + ", " + num(3.0 * f.mastHeight) +
                                      "] m (a two- or three-stage mast)"});
  }
  if (!(f.initialLift >= 0.0 && f.initialLift <= f.liftHeight)) {
    out.push_back(
        {"initial_lift", "initial_lift " + num(f.initialLift) +
                             " m must lie within the lift travel [0, lift_height] = [0, " +
                             num(f.liftHeight) + "] m"});
  }
  if (!(std::isfinite(f.initialPosition.x) && std::isfinite(f.initialPosition.y) &&
        std::isfinite(f.initialPosition.z))) {
    out.push_back({"initial_position", "must be finite"});
  }
  return out;
}

/** The checks of one rack against the truck (keys relative to the rack's table). */
std::vector<ForkliftProblem> rackProblems(const ForkliftRack& rack, const ForkliftSpec& f) {
  std::vector<ForkliftProblem> out;
  if (rack.name.empty()) {
    out.push_back({"name", "a rack needs a name"});
  }
  if (rack.tiers.empty()) {
    out.push_back({"tiers", "a rack needs at least one tier height (m)"});
  }
  for (std::size_t i = 0; i < rack.tiers.size(); ++i) {
    const double t = rack.tiers[i];
    if (t > f.liftHeight) {
      out.push_back({"tiers", "tier " + num(t) + " m is above the truck's lift_height " +
                                  num(f.liftHeight) + " m: the forks cannot reach it"});
    } else if (i > 0 && !(t > rack.tiers[i - 1] + rack.beamHeight)) {
      out.push_back({"tiers", "tier heights must rise by more than the beam height " +
                                  num(rack.beamHeight) + " m, got " + num(rack.tiers[i - 1]) +
                                  " then " + num(t) + " m"});
    }
  }
  return out;
}

/** The checks of one pallet against the forks (keys relative to the pallet's table). */
std::vector<ForkliftProblem> palletProblems(const ForkliftPallet& p, const ForkliftSpec& f) {
  std::vector<ForkliftProblem> out;
  if (p.name.empty()) {
    out.push_back({"name", "a pallet needs a name"});
  }
  // Each fork must enter an opening: between the middle stringer and an outer one.
  const double inner = 0.5 * p.stringerWidth;           // opening from here …
  const double outer = 0.5 * p.width - p.stringerWidth; // … to here, each side of the centre
  const double forkIn = 0.5 * (f.forkSpread - f.forkWidth);
  const double forkOut = 0.5 * (f.forkSpread + f.forkWidth);
  if (!(outer > inner)) {
    out.push_back({"width", "pallet width " + num(p.width) +
                                " m leaves no entry openings between "
                                "its three stringers of " +
                                num(p.stringerWidth) + " m"});
  } else if (forkOut > outer || forkIn < inner) {
    out.push_back({"width", "the forks (" + num(f.forkSpread) + " m apart, " + num(f.forkWidth) +
                                " m wide) do not fit this pallet's entry openings, " + num(inner) +
                                " to " + num(outer) + " m either side of its centre (pallet " +
                                num(p.width) + " m wide)"});
  }
  if (p.depth > f.forkLength + 0.1) {
    out.push_back({"depth", "pallet depth " + num(p.depth) + " m is more than the forks' length " +
                                num(f.forkLength) + " m + 0.1 m: it would tip off their tips"});
  }
  return out;
}

/** The checks of one bay against the truck's size (N1: L + 2 m by W + 0.4 m at least). */
std::vector<ForkliftProblem> bayProblems(const ForkliftBay& b, const ForkliftSpec& f) {
  std::vector<ForkliftProblem> out;
  const double minWidth = f.truckWidth + 0.4;
  const double minLength = f.lengthWithForks() + 2.0;
  if (b.width < minWidth) {
    out.push_back({"width", "bay width " + num(b.width) + " m is narrower than the truck's " +
                                num(f.truckWidth) + " m + 0.4 m = " + num(minWidth) +
                                " m (N1: W + 0.4 m to W + 0.7 m)"});
  }
  if (b.length < minLength) {
    out.push_back({"length", "bay length " + num(b.length) +
                                 " m is shorter than the truck with "
                                 "forks, " +
                                 num(f.lengthWithForks()) + " m + 2 m = " + num(minLength) +
                                 " m (N1: L + 2 m)"});
  }
  return out;
}

/** Every layout problem (racks, pallets, bays) with its key under the machine's section. */
std::vector<ForkliftProblem> layoutProblems(const ForkliftSpec& f) {
  std::vector<ForkliftProblem> out;
  auto add = [&](const char* list, std::size_t i, std::vector<ForkliftProblem> found) {
    for (ForkliftProblem& p : found) {
      out.push_back({std::string(list) + "[" + std::to_string(i) + "]." + p.key, p.message});
    }
  };
  for (std::size_t i = 0; i < f.racks.size(); ++i) {
    add("racks", i, rackProblems(f.racks[i], f));
  }
  for (std::size_t i = 0; i < f.pallets.size(); ++i) {
    add("pallets", i, palletProblems(f.pallets[i], f));
  }
  for (std::size_t i = 0; i < f.bays.size(); ++i) {
    add("bays", i, bayProblems(f.bays[i], f));
  }
  return out;
}

core::ControlDecl control(std::string id, std::string zh, std::string en, core::ControlKind kind,
                          std::string key, std::string keyDecrease, std::string pad,
                          bool invert = false, int notches = 0) {
  core::ControlDecl c;
  c.id = std::move(id);
  c.nameZh = std::move(zh);
  c.nameEn = std::move(en);
  c.kind = kind;
  c.notches = notches;
  c.binding = {std::move(key), std::move(keyDecrease), std::move(pad), invert};
  return c;
}

class ForkliftType final : public MachineType {
public:
  [[nodiscard]] std::string_view kind() const override { return kForkliftKind; }

  std::shared_ptr<const MachineParams> parse(SectionReader& r) const override {
    const std::size_t before = r.problemCount();
    auto f = std::make_shared<ForkliftSpec>();
    const NumberRange positive = NumberRange::positive();
    f->initialPosition = r.vec3("initial_position", false, NumberRange::closed(-1e4, 1e4))
                             .value_or(f->initialPosition);
    auto number = [&](const char* key, double& value) {
      value = r.number(key, false, positive).value_or(value);
    };
    auto degrees = [&](const char* key, double& value, NumberRange range) {
      value = r.number(key, false, range).value_or(value / kDegree) * kDegree;
    };
    degrees("initial_heading_deg", f->initialHeading, NumberRange::closed(-360.0, 360.0));
    f->initialLift =
        r.number("initial_lift", false, NumberRange::nonNegative()).value_or(f->initialLift);
    number("rated_capacity", f->ratedCapacity);
    number("load_centre", f->loadCentre);
    number("wheelbase", f->wheelbase);
    number("front_track", f->frontTrack);
    number("rear_track", f->rearTrack);
    number("front_wheel_radius", f->frontWheelRadius);
    number("rear_wheel_radius", f->rearWheelRadius);
    number("truck_width", f->truckWidth);
    number("rear_overhang", f->rearOverhang);
    number("front_overhang", f->frontOverhang);
    number("frame_mass", f->frameMass);
    f->frameCentre =
        r.vec3("frame_centre", false, NumberRange::closed(-10.0, 10.0)).value_or(f->frameCentre);
    number("counterweight_mass", f->counterweightMass);
    f->counterweightCentre = r.vec3("counterweight_centre", false, NumberRange::closed(-10.0, 10.0))
                                 .value_or(f->counterweightCentre);
    number("mast_mass", f->mastMass);
    number("carriage_mass", f->carriageMass);
    number("mast_height", f->mastHeight);
    number("lift_height", f->liftHeight);
    number("lift_speed", f->liftSpeed);
    number("lower_speed", f->lowerSpeed);
    degrees("tilt_forward_deg", f->tiltForward, NumberRange::nonNegative());
    degrees("tilt_back_deg", f->tiltBack, NumberRange::nonNegative());
    degrees("tilt_speed_deg_s", f->tiltSpeed, positive);
    number("fork_length", f->forkLength);
    number("fork_width", f->forkWidth);
    number("fork_thickness", f->forkThickness);
    number("fork_spread", f->forkSpread);
    number("max_speed_laden", f->maxSpeedLaden);
    number("max_speed_unladen", f->maxSpeedUnladen);
    number("max_tractive_force", f->maxTractiveForce);
    number("brake_deceleration", f->brakeDeceleration);
    f->rollingResistance = r.number("rolling_resistance", false, NumberRange::nonNegative())
                               .value_or(f->rollingResistance);
    number("tyre_friction", f->tyreFriction);
    number("tyre_stiffness", f->tyreStiffness);
    number("tyre_damping_ratio", f->tyreDampingRatio);
    degrees("max_steer_angle_deg", f->maxSteerAngle, positive);
    degrees("steer_rate_deg_s", f->steerRate, positive);
    number("laden_share", f->ladenShare);
    const NumberRange anywhere = NumberRange::closed(-1e4, 1e4);
    auto heading = [&](SectionReader& t, double& value) {
      value = t.number("heading_deg", false, NumberRange::closed(-360.0, 360.0))
                  .value_or(value / kDegree) *
              kDegree;
    };
    std::vector<SectionReader*> rackReaders = r.tables("racks", false);
    for (SectionReader* t : rackReaders) {
      ForkliftRack rack;
      rack.name = t->string("name", true).value_or("");
      rack.position = t->vec3("position", true, anywhere).value_or(rack.position);
      heading(*t, rack.heading);
      rack.tiers = t->numbers("tiers", true, NumberRange::nonNegative()).value_or(rack.tiers);
      rack.width = t->number("width", false, positive).value_or(rack.width);
      rack.depth = t->number("depth", false, positive).value_or(rack.depth);
      f->racks.push_back(std::move(rack));
    }
    std::vector<SectionReader*> palletReaders = r.tables("pallets", false);
    for (SectionReader* t : palletReaders) {
      ForkliftPallet p;
      p.name = t->string("name", true).value_or("");
      p.position = t->vec3("position", true, anywhere).value_or(p.position);
      heading(*t, p.heading);
      p.width = t->number("width", false, positive).value_or(p.width);
      p.depth = t->number("depth", false, positive).value_or(p.depth);
      p.loadMass = t->number("load_mass", false, positive).value_or(p.loadMass);
      p.loadHeight = t->number("load_height", false, positive).value_or(p.loadHeight);
      p.palletMass = t->number("pallet_mass", false, positive).value_or(p.palletMass);
      p.friction = t->number("friction", false, NumberRange::closed(0.0, 2.0)).value_or(p.friction);
      f->pallets.push_back(std::move(p));
    }
    std::vector<SectionReader*> bayReaders = r.tables("bays", false);
    for (SectionReader* t : bayReaders) {
      ForkliftBay b;
      b.name = t->string("name", true).value_or("");
      b.position = t->vec3("position", true, anywhere).value_or(b.position);
      heading(*t, b.heading);
      b.length = t->number("length", true, positive).value_or(b.length);
      b.width = t->number("width", true, positive).value_or(b.width);
      f->bays.push_back(std::move(b));
    }
    if (r.problemCount() != before) {
      return f;
    }
    for (const ForkliftProblem& p : forkliftProblems(*f)) {
      r.problem(p.key, p.message);
    }
    if (r.problemCount() != before) {
      return f; // the layout is checked against a valid truck
    }
    // Each layout problem at its own element's key (file:line:column of that value).
    for (std::size_t i = 0; i < rackReaders.size(); ++i) {
      for (const ForkliftProblem& p : rackProblems(f->racks[i], *f)) {
        rackReaders[i]->problem(p.key, p.message);
      }
    }
    for (std::size_t i = 0; i < palletReaders.size(); ++i) {
      for (const ForkliftProblem& p : palletProblems(f->pallets[i], *f)) {
        palletReaders[i]->problem(p.key, p.message);
      }
    }
    for (std::size_t i = 0; i < bayReaders.size(); ++i) {
      for (const ForkliftProblem& p : bayProblems(f->bays[i], *f)) {
        bayReaders[i]->problem(p.key, p.message);
      }
    }
    return f;
  }

  [[nodiscard]] MachineDecl describe(const MachineParams& params) const override {
    const auto& f = static_cast<const ForkliftSpec&>(params);
    using core::ControlKind;
    MachineDecl d;
    d.kind = std::string(kForkliftKind);
    d.titleZh = "平衡重式叉车";
    d.titleEn = "counterbalance forklift truck";
    // Slot order: forklift_controls in ForkliftSpec.h.
    d.controls = core::ControlLayout({
        control("accelerator", "油门踏板", "accelerator", ControlKind::Continuous, "W", "",
                "right_trigger"),
        control("service_brake", "制动踏板", "service brake", ControlKind::Continuous, "S", "",
                "left_trigger"),
        control("inching", "微动踏板", "inching pedal", ControlKind::Continuous, "Q", "", ""),
        control("steering", "方向盘", "steering wheel", ControlKind::Continuous, "D", "A",
                "left_x"),
        control("direction", "换向手柄", "direction lever", ControlKind::Notched, "F", "R", "",
                false, 1),
        control("lift", "起升操纵杆", "lift lever", ControlKind::Continuous, "Up", "Down",
                "right_y", true),
        control("tilt", "倾斜操纵杆", "tilt lever", ControlKind::Continuous, "Right", "Left",
                "right_x"),
        control("horn", "喇叭", "horn", ControlKind::Button, "H", "", "a"),
        control("parking_brake", "驻车制动", "parking brake", ControlKind::Button, "B", "", "y"),
    });
    const double far = 1e4;
    auto metric = [&](std::string name, Unit unit, double lo, double hi, std::string zh,
                      std::string en) {
      d.metrics.push_back({std::move(name), unit, lo, hi, std::move(zh), std::move(en)});
    };
    const double halfPi = 0.5 * std::numbers::pi;
    metric("travel_speed", Unit::MetrePerSecond, -10.0, 10.0, "行驶速度", "travel speed");
    metric("direction", Unit::None, -1.0, 1.0, "行驶方向", "direction");
    metric("fork_height", Unit::Metre, -1.0, 10.0, "货叉离地高度", "fork height");
    metric("lift_position", Unit::Metre, 0.0, 10.0, "起升行程", "lift position");
    metric("tilt_angle", Unit::Radian, -halfPi, halfPi, "门架倾角", "mast tilt");
    metric("load_on_forks", Unit::Kilogram, 0.0, 1e5, "货叉载荷", "load on the forks");
    metric("steer_angle", Unit::Radian, -halfPi, halfPi, "转向角", "steering angle");
    metric("parking_brake", Unit::Flag, 0.0, 1.0, "驻车制动", "parking brake on");
    metric("truck_x", Unit::Metre, -far, far, "车辆 X 位置", "truck X position");
    metric("truck_z", Unit::Metre, -far, far, "车辆 Z 位置", "truck Z position");
    metric("heading", Unit::Radian, -std::numbers::pi, std::numbers::pi, "车头方向", "heading");
    metric("fork_tip_x", Unit::Metre, -far, far, "叉尖 X 位置", "fork tips X position");
    metric("fork_tip_z", Unit::Metre, -far, far, "叉尖 Z 位置", "fork tips Z position");
    metric("roll_angle", Unit::Radian, -halfPi, halfPi, "侧倾角", "roll");
    metric("pitch_angle", Unit::Radian, -halfPi, halfPi, "俯仰角", "pitch");
    metric("moving", Unit::Flag, 0.0, 1.0, "车辆行驶中", "truck moving");
    metric("laden", Unit::Flag, 0.0, 1.0, "带载", "laden");
    metric("front_left_tyre_load", Unit::Newton, 0.0, 1e6, "左前轮载荷", "front left tyre load");
    metric("front_right_tyre_load", Unit::Newton, 0.0, 1e6, "右前轮载荷", "front right tyre load");
    metric("rear_axle_load", Unit::Newton, 0.0, 1e6, "后桥载荷", "rear axle load");
    metric("tipped_over", Unit::Flag, 0.0, 1.0, "车辆倾翻", "truck tipped over");
    // Forklift::edgeLineOvershoot: past the inner edge of a bay's side or back line (m, 0 clear).
    metric("edge_line_overshoot", Unit::Metre, 0.0, 10.0, "压线距离", "over the edge line by");
    // The last set-down on a rack: its face from the front beams' face (m, 0 until one).
    metric("placement_offset", Unit::Metre, 0.0, 10.0, "货物与前横梁偏差",
           "load off the front beam by");
    // Forklift::forkTipsToRack: the fork tips pointing into a rack within 5 m, and how far in
    // front of its beams' face (m, negative past it); 0 when none.
    metric("at_rack", Unit::Flag, 0.0, 1.0, "货叉对准货架", "forks towards a rack");
    metric("rack_distance", Unit::Metre, -5.0, 10.0, "叉尖距货架横梁",
           "fork tips to the rack beam");
    d.readouts = {{"travel_speed", 1, {}, {}, true, ""},
                  // The direction lever in words (-1, 0, 1 are its notches), as a driver says it.
                  {"direction",
                   0,
                   {},
                   {},
                   false,
                   "",
                   false,
                   {{1.0, "前进", "forward"}, {0.0, "空挡", "neutral"}, {-1.0, "后退", "reverse"}}},
                  {"fork_height", 2, 0.20, 0.30, true, ""},
                  {"tilt_angle", 1, {}, {}, true, ""},
                  {"load_on_forks", 0, {}, {}, true, "laden"},
                  // A training aid (practice, `machine_aids`): only while the forks face a rack.
                  {"rack_distance", 2, {}, {}, false, "at_rack", true}};
    using Cue = FeedbackCue;
    d.events = {
        {"horn", "鸣笛", "horn", false, {Cue::Horn, "鸣笛", "Horn", Unit::None, 2}},
        {"parking_brake_applied",
         "拉起驻车制动",
         "parking brake applied",
         false,
         {Cue::Click, "驻车制动已拉起", "Parking brake on", Unit::None, 2}},
        {"parking_brake_released",
         "松开驻车制动",
         "parking brake released",
         false,
         {Cue::Click, "驻车制动已松开", "Parking brake off", Unit::None, 2}},
        // The direction lever put the other way while the truck still rolled: value = speed, m/s.
        {"direction_reversed_moving",
         "未停稳换向",
         "direction changed before a full stop",
         false,
         {Cue::Buzz, "未停稳换向（{value}）", "Direction changed at {value}", Unit::MetrePerSecond,
          1}},
        // Lift or tilt lever moved while travelling: value = speed, m/s; subject "lift" or "tilt".
        {"mast_moved_travelling",
         "行驶中操作门架",
         "mast moved while travelling",
         false,
         {Cue::Buzz, "行驶中请勿操作门架", "Do not move the mast while travelling", Unit::None, 2}},
        // Roll or pitch over 30 deg: value = the tilt of the truck's up axis, rad.
        {"tipped_over",
         "车辆倾翻",
         "truck tipped over",
         false,
         {Cue::Buzz, "车辆倾翻", "Truck tipped over", Unit::None, 2}},
        // More than 0.30 m past a bay's edge line: value = m past the line's outer edge.
        {"edge_line_crossed",
         "车身越出边线超过 0.30 米",
         "truck more than 0.30 m past an edge line",
         false,
         {Cue::Buzz, "越出边线（{value}）", "Past the edge line by {value}", Unit::Metre, 2}},
        // Fork tips withdrawn 1 m from a rack with the forks above 0.90 m: value = fork height, m.
        {"left_rack_forks_high",
         "货叉高于 0.90 米离开货架",
         "left the rack with the forks above 0.90 m",
         false,
         {Cue::Buzz, "货叉过高（{value}）", "Forks too high ({value})", Unit::Metre, 2}},
        // A pallet fell (underside falling faster than 1 m/s) or tipped over 20 deg: value = m/s.
        {"pallet_dropped",
         "货物掉落",
         "load dropped",
         true,
         {Cue::Buzz, "货物掉落", "Load dropped", Unit::None, 2}},
        // A pallet set down on a rack tier: value = its face from the front beams' face, m.
        {"pallet_placed",
         "货物放置到货架",
         "load set down on the rack",
         true,
         {Cue::Click, "货物离前横梁 {value}", "Load {value} from the front beam", Unit::Metre, 2}},
    };
    // Faults of the truck itself an instructor may schedule (forklift.md, "Faults").
    std::vector<std::string> tyres(detail::Forklift::kTyreNames.begin(),
                                   detail::Forklift::kTyreNames.end());
    const double lastTyre = static_cast<double>(tyres.size() - 1);
    d.faults = {{std::string(detail::Forklift::kTyreFault),
                 "轮胎失压",
                 "tyre losing pressure",
                 {{"tyre", Unit::None, 0.0, lastTyre, tyres, std::nullopt},
                  {"radius_loss_m", Unit::Metre, 0.0, 0.1, {}, std::nullopt},
                  {"deflate_s", Unit::Second, 0.0, 600.0, {}, 0.0}}}};
    d.bodies = {"forklift.truck", "forklift.mast", "forklift.fork_left", "forklift.fork_right"};
    // The field it builds, in creation order (Forklift::buildField).
    for (const ForkliftRack& rack : f.racks) {
      for (int n = 1; n <= 4; ++n) {
        d.bodies.push_back(rack.name + ".upright" + std::to_string(n));
      }
      int tier = 0;
      for (double t : rack.tiers) {
        if (t > 0.0) {
          ++tier;
          d.bodies.push_back(rack.name + ".front_beam" + std::to_string(tier));
          d.bodies.push_back(rack.name + ".back_beam" + std::to_string(tier));
        }
      }
    }
    for (const ForkliftPallet& p : f.pallets) {
      d.bodies.push_back(p.name);
      for (int n = 1; n <= 3; ++n) {
        d.bodies.push_back(p.name + ".stringer" + std::to_string(n));
      }
    }
    d.bodyTags = {"forklift", "truck", "mast", "forks", "rack", "load", "pallet"};
    d.drives = {"direction", "lift", "tilt"};
    d.cameraAnchors = {"seat", "cab", "tool"};
    d.aidAnchor = "fork_tips";
    d.planX = "fork_tip_x";
    d.planZ = "fork_tip_z";
    d.planHeight = "fork_height";
    d.sceneCentre = glm::dvec3(f.initialPosition.x, f.initialPosition.y, f.initialPosition.z);
    d.sceneExtent = 25.0;
    // No working envelope (d.reach stays None): the truck drives anywhere on the floor, so the
    // forks can carry a load to any zone on it.
    return d;
  }

  core::Expected<std::unique_ptr<Machine>> create(const MachineParams& params,
                                                  MachineContext& context) const override {
    const auto& f = static_cast<const ForkliftSpec&>(params);
    auto problems = forkliftProblems(f);
    if (problems.empty()) {
      problems = layoutProblems(f);
    }
    if (!problems.empty()) {
      core::SourceLocation where;
      where.fieldPath = "machine." + problems.front().key;
      return core::makeError(core::ErrorCode::InvalidInput, problems.front().message,
                             std::move(where));
    }
    return std::unique_ptr<Machine>(std::make_unique<detail::Forklift>(
        f, context.world, glm::length(context.spec.gravity), context.timeStep));
  }
};

} // namespace

std::shared_ptr<const MachineType> forkliftType() {
  static const std::shared_ptr<const MachineType> kType = std::make_shared<ForkliftType>();
  return kType;
}

MachineSpec forkliftMachine(const ForkliftSpec& spec) {
  return MachineSpec{forkliftType(), std::make_shared<ForkliftSpec>(spec)};
}

const ForkliftSpec* forkliftOf(const SimulationSpec& spec) {
  if (!spec.machine || spec.machine->type == nullptr ||
      spec.machine->type->kind() != kForkliftKind) {
    return nullptr;
  }
  return static_cast<const ForkliftSpec*>(spec.machine->params.get());
}

} // namespace skillsim::sim
