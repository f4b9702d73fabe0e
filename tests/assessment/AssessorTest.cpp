#include <skillsim/assessment/Assessor.h>
#include <skillsim/core/Check.h>
#include <skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h>

#include <gtest/gtest.h>

#include <cmath>

using namespace skillsim;
using namespace skillsim::assessment;
using sim::SimEvent;
using sim::SimEventKind;

namespace {

// 10 Hz keeps tick arithmetic readable: tick 25 is t = 2.5 s.
constexpr std::uint32_t kRate = 10;

Standard makeStandard() {
  Standard s;
  s.id = "test-standard";
  s.items = {{.id = "safety", .category = Category::Safety, .points = 20},
             {.id = "path", .category = Category::Procedure, .points = 50},
             {.id = "frames", .category = Category::Quality, .points = 30},
             {.id = "veto.drop", .category = Category::Safety, .points = 0, .veto = true}};
  s.passMark = 70;
  return s;
}

Trigger on(SimEventKind kind, std::string subject = {}, std::string other = {}) {
  Trigger t;
  t.kind = kind;
  t.subject = std::move(subject);
  t.other = std::move(other);
  return t;
}

/** A trigger on a machine-defined event kind ("horn"). */
Trigger on(const char* machineEvent, std::string subject = {}, std::string other = {}) {
  Trigger t = on(SimEventKind::Machine, std::move(subject), std::move(other));
  t.machineEvent = machineEvent;
  return t;
}

Trigger pseudo(PseudoEvent p) {
  Trigger t;
  t.pseudo = p;
  return t;
}

SimEvent event(SimEventKind kind, std::string subject = {}, std::string other = {},
               double value = 0.0) {
  SimEvent e;
  e.kind = kind;
  e.subject = std::move(subject);
  e.other = std::move(other);
  e.value = value;
  return e;
}

/** A machine-defined event ("horn"). */
SimEvent event(const char* machineEvent, std::string subject = {}, std::string other = {},
               double value = 0.0) {
  SimEvent e = event(SimEventKind::Machine, std::move(subject), std::move(other), value);
  e.name = machineEvent;
  return e;
}

Rubric atTestRate(Rubric rubric) {
  rubric.tickRate = kRate;
  // Deductions are placed at the load (as the crane's MachineDecl::planX, planHeight, planZ say).
  rubric.positionX = "load_x";
  rubric.positionY = "load_height";
  rubric.positionZ = "load_z";
  return rubric;
}

/** Feeds hand-made ticks to an Assessor with the crane's metric set. */
class Stream {
public:
  explicit Stream(Rubric rubric, Standard standard = makeStandard())
      : mAssessor(std::move(standard), atTestRate(std::move(rubric)), "test") {
    for (const char* name :
         {"load_swing_angle", "load_height", "hook_height", "bridge_speed", "trolley_speed",
          "hoist_speed", "load_x", "load_z", "rope_length", "hoisted_mass"}) {
      mMetrics.add(name);
    }
  }
  void set(const char* metric, double value) { mMetrics.set(*mMetrics.find(metric), value); }
  void axis(std::size_t slot, float v) { mActions.setAxis(slot, v); }
  /** Observes tick `tick` with the given events. */
  void at(std::uint64_t tick, std::vector<SimEvent> events = {}) {
    atWith(tick, std::move(events), {});
  }
  /** Observes tick `tick` with events and the watched bodies' gaps. */
  void atWith(std::uint64_t tick, std::vector<SimEvent> events,
              const std::vector<sim::Proximity>& proximities) {
    for (auto& e : events) {
      e.tick = tick;
    }
    mAssessor.observe(tick, events, mMetrics, mActions, proximities);
  }
  /** Observes every tick in [from, to] with no events. */
  void run(std::uint64_t from, std::uint64_t to) {
    for (std::uint64_t t = from; t <= to; ++t) {
      at(t);
    }
  }
  Assessor& assessor() { return mAssessor; }
  AttemptResult finish() { return mAssessor.finish(); }

private:
  sim::Metrics mMetrics;
  core::ActionState mActions;
  Assessor mAssessor;
};

CriterionSpec criterion(std::string id, std::string item, double points, CriterionParams params,
                        std::string phase = {}, double cap = 0.0) {
  return CriterionSpec{.id = std::move(id),
                       .itemId = std::move(item),
                       .phase = std::move(phase),
                       .points = points,
                       .maxPoints = cap,
                       .params = std::move(params)};
}

double itemPoints(const AttemptResult& r, const std::string& id) {
  for (const auto& item : r.items) {
    if (item.itemId == id) {
      return item.awardedPoints;
    }
  }
  ADD_FAILURE() << "no item " << id;
  return -1;
}

} // namespace

namespace {

/** A one-tick touch: the raw contact begins and ends in the same tick. */
std::vector<SimEvent> touch(std::string subject, std::string other, double impulse = 0.0) {
  return {event(SimEventKind::ContactBegin, subject, other, impulse),
          event(SimEventKind::ContactEnd, subject, other)};
}

/** contact_count without hysteresis: every raw episode is an examiner's episode. */
ContactCountParams rawEpisodes(std::string subject, std::string other) {
  return ContactCountParams{std::move(subject), std::move(other), 0.0, 0.0};
}

} // namespace

TEST(ContactCount, DeductsPerEpisodeEitherOrderUpToTheCap) {
  Rubric rubric;
  rubric.criteria.push_back(criterion("piles", "path", 2.0, rawEpisodes("load", "pile"), {}, 5.0));
  Stream s(rubric);
  s.at(1, {event(SimEventKind::ContactBegin, "load", "pile", 3.5)});
  s.at(2, {event(SimEventKind::ContactEnd, "load", "pile")});
  s.at(3, touch("pile", "load"));  // reversed order counts
  s.at(4, touch("load", "frame")); // other tag: not counted
  s.at(5, touch("hook", "pile"));  // other subject: no
  s.at(6, touch("load", "pile"));  // third: capped at 1
  s.at(7, touch("load", "pile"));  // cap reached: nothing
  AttemptResult r = s.finish();
  ASSERT_EQ(r.deductions.size(), 3u);
  EXPECT_DOUBLE_EQ(r.deductions[0].points, 2.0);
  EXPECT_EQ(r.deductions[0].tick, 1u);
  EXPECT_DOUBLE_EQ(r.deductions[0].time, 0.1);
  EXPECT_DOUBLE_EQ(r.deductions[0].measured, 3.5); // the contact's impulse
  const Finding& first = r.deductions[0].finding;
  EXPECT_EQ(first.kind, FindingKind::Contact);
  EXPECT_EQ(first.event, "contact_begin");
  EXPECT_EQ(first.subject, "load"); // tags: the events name no bodies
  EXPECT_EQ(first.other, "pile");
  EXPECT_DOUBLE_EQ(first.value, 3.5);
  EXPECT_EQ(first.unit, "N s");
  EXPECT_EQ(first.occurrence, 1u);
  EXPECT_EQ(r.deductions[1].tick, 3u);
  EXPECT_EQ(r.deductions[1].finding.subject, "pile"); // as the event reported it
  EXPECT_EQ(r.deductions[2].finding.occurrence, 3u);
  EXPECT_DOUBLE_EQ(r.deductions[2].points, 1.0);
  EXPECT_EQ(r.deductions[2].tick, 6u);
  EXPECT_DOUBLE_EQ(itemPoints(r, "path"), 45.0);
  EXPECT_DOUBLE_EQ(r.totalPoints, 95.0);
}

namespace {

/** A raw contact event between two named bodies (tags load / pile). */
SimEvent contact(SimEventKind kind, const std::string& pile) {
  SimEvent e = event(kind, "load", "pile", 1.0);
  e.subjectBody = "bucket";
  e.otherBody = pile;
  return e;
}

/** Feeds ticks [from, to] with the bucket `gap` m from `pile` and no events. */
void apartFor(Stream& s, std::uint64_t from, std::uint64_t to, const std::string& pile,
              double gap) {
  const std::vector<sim::Proximity> gaps = {{"bucket", pile, gap}};
  for (std::uint64_t t = from; t <= to; ++t) {
    s.atWith(t, {}, gaps);
  }
}

Rubric pileContacts() {
  Rubric rubric; // the defaults: more than 20 mm apart for 0.5 s ends a touch
  rubric.criteria.push_back(
      criterion("piles", "path", 5.0, ContactCountParams{"load", "pile"}, {}, 15.0));
  return rubric;
}

} // namespace

// Issue 13, point 1: a bucket leaning on a pile for 20 s rocked 1-2 mm off it and back, and each
// raw episode (ended after 3 ticks apart) was charged: 10 deductions for one touch, the cap used
// up. The pair never was more than 20 mm apart, so it is one touch.
TEST(ContactCount, LeaningAndRockingAMillimetreOffIsOneTouch) {
  Stream s(pileContacts());
  std::uint64_t t = 1;
  for (int rock = 0; rock < 10; ++rock) { // 2 s per rock, 20 s in all
    s.at(t++, {contact(SimEventKind::ContactBegin, "pile_1")});
    apartFor(s, t, t + 4, "pile_1", 0.0);
    t += 5;
    s.at(t++, {contact(SimEventKind::ContactEnd, "pile_1")});
    apartFor(s, t, t + 12, "pile_1", 0.0015); // 1.5 mm off for 1.3 s
    t += 13;
  }
  AttemptResult r = s.finish();
  ASSERT_EQ(r.deductions.size(), 1u);
  EXPECT_EQ(r.deductions[0].tick, 1u);
}

TEST(ContactCount, TouchBackOffTwoSecondsTouchAgainIsTwo) {
  Stream s(pileContacts());
  s.at(1, {contact(SimEventKind::ContactBegin, "pile_1")});
  s.at(2, {contact(SimEventKind::ContactEnd, "pile_1")});
  apartFor(s, 3, 22, "pile_1", 0.3); // 0.3 m off for 2 s
  s.at(23, {contact(SimEventKind::ContactBegin, "pile_1")});
  AttemptResult r = s.finish();
  ASSERT_EQ(r.deductions.size(), 2u);
  EXPECT_EQ(r.deductions[1].tick, 23u);
}

// Both conditions are needed: far enough but not for long enough, or long enough but within the
// distance, is still the same touch; exactly 0.5 s (5 ticks) more than 20 mm apart ends it.
TEST(ContactCount, ApartMustBeFartherThanTheDistanceForTheTime) {
  Stream s(pileContacts());
  s.at(1, {contact(SimEventKind::ContactBegin, "pile_1")});
  s.atWith(2, {contact(SimEventKind::ContactEnd, "pile_1")}, {{"bucket", "pile_1", 0.0}});
  apartFor(s, 3, 6, "pile_1", 0.5);                          // 0.4 s far off: not long enough
  apartFor(s, 7, 40, "pile_1", 0.019);                       // 3.4 s within 20 mm
  s.at(41, {contact(SimEventKind::ContactBegin, "pile_1")}); // same touch
  s.atWith(42, {contact(SimEventKind::ContactEnd, "pile_1")}, {{"bucket", "pile_1", 0.0}});
  apartFor(s, 43, 47, "pile_1", 0.021);                      // 0.5 s beyond 20 mm: ended
  s.at(48, {contact(SimEventKind::ContactBegin, "pile_1")}); // a new touch
  AttemptResult r = s.finish();
  ASSERT_EQ(r.deductions.size(), 2u);
  EXPECT_EQ(r.deductions[1].tick, 48u);
}

TEST(ContactCount, TwoPilesWithinHalfASecondAreTwoTouches) {
  Stream s(pileContacts());
  s.at(1, {contact(SimEventKind::ContactBegin, "pile_1")});
  s.at(2, {contact(SimEventKind::ContactEnd, "pile_1")});
  s.at(4, {contact(SimEventKind::ContactBegin, "pile_2")}); // 0.3 s later, another pile
  AttemptResult r = s.finish();
  ASSERT_EQ(r.deductions.size(), 2u);
  EXPECT_EQ(r.deductions[1].tick, 4u);
}

TEST(ContactCount, CountsOnlyWhilePhaseRuns) {
  Rubric rubric;
  rubric.phases.push_back({"weave", on(SimEventKind::ZoneExit, "load", "circle_b"),
                           on(SimEventKind::ZoneEnter, "load", "circle_c")});
  rubric.criteria.push_back(
      criterion("piles", "path", 5.0, ContactCountParams{"load", "pile"}, "weave"));
  Stream s(rubric);
  s.at(1, {event(SimEventKind::ContactBegin, "load", "pile")}); // before: no
  s.at(2, {event(SimEventKind::ZoneExit, "load", "circle_b")});
  s.at(3, {event(SimEventKind::ContactBegin, "load", "pile")}); // during: yes
  s.at(4, {event(SimEventKind::ZoneEnter, "load", "circle_c"),
           event(SimEventKind::ContactBegin, "load", "pile")}); // after the end event: no
  AttemptResult r = s.finish();
  ASSERT_EQ(r.deductions.size(), 1u);
  EXPECT_EQ(r.deductions[0].tick, 3u);
}

TEST(EventCount, DeductsEachZoneEntry) {
  Rubric rubric;
  rubric.criteria.push_back(
      criterion("over_people", "safety", 4.0,
                EventCountParams{on(SimEventKind::ZoneEnter, "load", "people_area")}));
  Stream s(rubric);
  s.at(1, {event(SimEventKind::ZoneEnter, "load", "people_area")});
  s.at(2, {event(SimEventKind::ZoneEnter, "load", "circle_a")});
  s.at(3, {event(SimEventKind::ZoneEnter, "load", "people_area")});
  AttemptResult r = s.finish();
  ASSERT_EQ(r.deductions.size(), 2u);
  EXPECT_DOUBLE_EQ(itemPoints(r, "safety"), 12.0);
  const Finding& f = r.deductions[1].finding;
  EXPECT_EQ(f.kind, FindingKind::Event);
  EXPECT_EQ(f.event, "zone_enter");
  EXPECT_EQ(f.subject, "load");
  EXPECT_EQ(f.other, "people_area");
  EXPECT_EQ(f.occurrence, 2u);
}

TEST(ZoneSequence, InOrderCostsNothing) {
  Rubric rubric;
  rubric.criteria.push_back(
      criterion("order", "path", 10.0, ZoneSequenceParams{"load", {"circle_b", "circle_c"}}));
  Stream s(rubric);
  s.at(1, {event(SimEventKind::ZoneEnter, "load", "circle_c")}); // early C does not count
  s.at(2, {event(SimEventKind::ZoneEnter, "load", "circle_b")});
  s.at(3, {event(SimEventKind::ZoneEnter, "hook", "circle_c")}); // wrong body
  s.at(4, {event(SimEventKind::ZoneEnter, "load", "circle_c")});
  EXPECT_TRUE(s.finish().deductions.empty());
}

TEST(ZoneSequence, IncompleteLosesPointsAndNamesTheNextZone) {
  Rubric rubric;
  rubric.criteria.push_back(
      criterion("order", "path", 10.0, ZoneSequenceParams{"load", {"circle_b", "circle_c"}}));
  Stream s(rubric);
  s.at(1, {event(SimEventKind::ZoneEnter, "load", "circle_c")});
  s.at(2, {event(SimEventKind::ZoneEnter, "load", "circle_b")});
  AttemptResult r = s.finish();
  ASSERT_EQ(r.deductions.size(), 1u);
  EXPECT_DOUBLE_EQ(r.deductions[0].points, 10.0);
  EXPECT_DOUBLE_EQ(r.deductions[0].measured, 1.0);
  const Finding& f = r.deductions[0].finding;
  EXPECT_EQ(f.kind, FindingKind::ZoneSequence);
  EXPECT_EQ(f.subject, "load");
  EXPECT_EQ(f.other, "circle_c"); // the next zone expected
  EXPECT_EQ(f.count, 1u);
  EXPECT_EQ(f.total, 2u);
}

namespace {
AttemptResult placeAt(double x, double z) {
  Rubric rubric;
  PlacementParams p;
  p.body = "bucket";
  p.zone = "circle_b";
  p.centerX = 10.0;
  p.centerZ = 5.0;
  p.at = on(SimEventKind::ContactBegin, "load", "ground");
  p.fullWithin = 0.25;
  p.noneBeyond = 0.5;
  rubric.criteria.push_back(criterion("place_b", "path", 10.0, p));
  Stream s(rubric);
  s.set("load_x", x);
  s.set("load_z", z);
  s.at(1);
  s.at(2, {event(SimEventKind::ContactBegin, "load", "ground")});
  s.set("load_x", 100.0); // moving afterwards changes nothing: measured once
  s.at(3, {event(SimEventKind::ContactBegin, "load", "ground")});
  return s.finish();
}
} // namespace

TEST(Placement, ExactlyAtAIsFullMarks) {
  AttemptResult r = placeAt(10.0, 5.0 + 0.25); // distance 0.25 = a, exact in binary
  EXPECT_TRUE(r.deductions.empty());
  EXPECT_DOUBLE_EQ(itemPoints(r, "path"), 50.0);
}

TEST(Placement, ExactlyAtBLosesAll) {
  AttemptResult r = placeAt(10.0, 5.0 - 0.5); // distance 0.5 = b
  ASSERT_EQ(r.deductions.size(), 1u);
  EXPECT_DOUBLE_EQ(r.deductions[0].points, 10.0);
  EXPECT_DOUBLE_EQ(r.deductions[0].measured, 0.5);
  EXPECT_EQ(r.deductions[0].tick, 2u);
}

TEST(Placement, LinearBetweenAAndB) {
  AttemptResult r = placeAt(10.0 + 0.3, 5.0); // (0.3 - 0.25) / 0.25 = a fifth of 10
  ASSERT_EQ(r.deductions.size(), 1u);
  EXPECT_NEAR(r.deductions[0].points, 2.0, 1e-9);
  const Finding& f = r.deductions[0].finding;
  EXPECT_EQ(f.kind, FindingKind::Placement);
  EXPECT_EQ(f.subject, "bucket");
  EXPECT_EQ(f.other, "circle_b");
  EXPECT_EQ(f.unit, "m");
  EXPECT_NEAR(f.value, 0.3, 1e-12);
  EXPECT_EQ(f.side, LimitSide::Above);
  EXPECT_DOUBLE_EQ(f.limit, 0.25);
  EXPECT_DOUBLE_EQ(f.limit2, 0.5);
}

TEST(Placement, NeverPlacedLosesAll) {
  Rubric rubric;
  PlacementParams p;
  p.body = "bucket";
  p.zone = "circle_c";
  p.at = on("load_released", "load");
  p.fullWithin = 0.2;
  p.noneBeyond = 0.6;
  rubric.criteria.push_back(criterion("place_c", "path", 10.0, p));
  Stream s(rubric);
  s.run(1, 5);
  AttemptResult r = s.finish();
  ASSERT_EQ(r.deductions.size(), 1u);
  EXPECT_DOUBLE_EQ(r.deductions[0].points, 10.0);
  const Finding& f = r.deductions[0].finding;
  EXPECT_EQ(f.kind, FindingKind::NotPlaced);
  EXPECT_EQ(f.subject, "bucket");
  EXPECT_EQ(f.other, "circle_c");
  EXPECT_EQ(f.event, "load_released"); // what never happened
}

TEST(MetricBand, PerOccurrenceBoundsAreInclusive) {
  Rubric rubric;
  rubric.criteria.push_back(criterion(
      "height", "path", 3.0, MetricBandParams{"load_height", 2.0, 4.0, ChargeMode::PerOccurrence}));
  Stream s(rubric);
  s.set("load_height", 2.0); // exactly min: inside
  s.at(1);
  s.set("load_height", 4.0); // exactly max: inside
  s.at(2);
  s.set("load_height", 4.01); // out: occurrence 1
  s.at(3);
  s.set("load_height", 4.5); // same excursion
  s.at(4);
  s.set("load_height", 3.0);
  s.at(5);
  s.set("load_height", 1.5); // occurrence 2
  s.at(6);
  AttemptResult r = s.finish();
  ASSERT_EQ(r.deductions.size(), 2u);
  EXPECT_EQ(r.deductions[0].tick, 3u);
  EXPECT_DOUBLE_EQ(r.deductions[0].measured, 4.01);
  EXPECT_EQ(r.deductions[1].tick, 6u);
  EXPECT_DOUBLE_EQ(itemPoints(r, "path"), 44.0);
}

TEST(MetricBand, ShortExcursionsAreForgiven) {
  Rubric rubric;
  MetricBandParams p{"load_height", 2.0, 4.0, ChargeMode::PerOccurrence};
  p.minDuration = 0.3; // 3 ticks at 10 Hz
  rubric.criteria.push_back(criterion("height", "path", 3.0, p));
  Stream s(rubric);
  s.set("load_height", 1.0);
  s.run(1, 2); // 2 ticks out: forgiven
  s.set("load_height", 3.0);
  s.at(3);
  s.set("load_height", 1.0);
  s.run(4, 6); // 3 ticks out: charged on the third
  AttemptResult r = s.finish();
  ASSERT_EQ(r.deductions.size(), 1u);
  EXPECT_EQ(r.deductions[0].tick, 6u);
}

TEST(MetricBand, PerSecondChargesTimeOutsideAtTheExcursionEnd) {
  Rubric rubric;
  rubric.phases.push_back({"setdown", on(SimEventKind::ZoneEnter, "load", "circle_b"),
                           on(SimEventKind::ContactBegin, "load", "ground")});
  MetricBandParams p{"load_swing_angle", std::nullopt, 0.05, ChargeMode::PerSecond};
  p.unit = "rad";
  rubric.criteria.push_back(criterion("swing", "path", 2.0, p, "setdown"));
  Stream s(rubric);
  s.set("load_swing_angle", 0.2);
  s.run(1, 3);                                                   // before the phase: not charged
  s.at(4, {event(SimEventKind::ZoneEnter, "load", "circle_b")}); // out from tick 4
  s.run(5, 18);                                                  // 15 ticks out = 1.5 s
  s.set("load_swing_angle", 0.01);
  s.at(19);
  s.set("load_swing_angle", 0.3);
  s.run(20, 21);                                                   // 2 ticks = 0.2 s
  s.at(22, {event(SimEventKind::ContactBegin, "load", "ground")}); // phase ends here
  s.run(23, 30);                                                   // after: nothing
  AttemptResult r = s.finish();
  ASSERT_EQ(r.deductions.size(), 2u);
  EXPECT_NEAR(r.deductions[0].points, 3.0, 1e-12);
  EXPECT_EQ(r.deductions[0].tick, 19u);
  EXPECT_DOUBLE_EQ(r.deductions[0].measured, 0.2);
  EXPECT_NEAR(r.deductions[1].points, 0.4, 1e-12);
  EXPECT_EQ(r.deductions[1].tick, 22u);
  const Finding& f = r.deductions[0].finding;
  EXPECT_EQ(f.kind, FindingKind::MetricBand);
  EXPECT_EQ(f.metric, "load_swing_angle");
  EXPECT_EQ(f.unit, "rad");
  EXPECT_DOUBLE_EQ(f.value, 0.2); // the worst of the excursion
  EXPECT_EQ(f.side, LimitSide::Above);
  EXPECT_DOUBLE_EQ(f.limit, 0.05);
  EXPECT_DOUBLE_EQ(f.duration, 1.5); // 15 ticks at 10 Hz
  EXPECT_DOUBLE_EQ(f.since, 0.4);    // out from tick 4
  EXPECT_EQ(f.phase, "setdown");
  EXPECT_EQ(f.occurrence, 1u);
  const Finding& g = r.deductions[1].finding;
  EXPECT_DOUBLE_EQ(g.value, 0.3);
  EXPECT_DOUBLE_EQ(g.duration, 0.2);
  EXPECT_DOUBLE_EQ(g.since, 2.0);
  EXPECT_EQ(g.occurrence, 2u);
}

TEST(MetricBand, UnderTheMinimumNamesTheMinimum) {
  Rubric rubric;
  MetricBandParams p{"load_height", 0.5, 1.0, ChargeMode::PerOccurrence, 0.3};
  p.unit = "m";
  rubric.criteria.push_back(criterion("weave_height", "path", 5.0, p));
  Stream s(rubric);
  s.set("load_height", 0.45);
  s.run(1, 2);
  s.set("load_height", 0.4);
  s.run(3, 4); // charged at the 3rd tick out (0.3 s at 10 Hz), worst so far 0.4
  AttemptResult r = s.finish();
  ASSERT_EQ(r.deductions.size(), 1u);
  const Finding& f = r.deductions[0].finding;
  EXPECT_EQ(f.kind, FindingKind::MetricBand);
  EXPECT_EQ(f.side, LimitSide::Below);
  EXPECT_DOUBLE_EQ(f.limit, 0.5);
  EXPECT_DOUBLE_EQ(f.value, 0.4);
  EXPECT_NEAR(f.duration, 0.3, 1e-12);
  EXPECT_DOUBLE_EQ(f.since, 0.1);
  EXPECT_EQ(r.deductions[0].tick, 3u);
}

TEST(MetricBand, NonFiniteValueIsOutside) {
  Rubric rubric;
  rubric.criteria.push_back(criterion(
      "height", "path", 3.0, MetricBandParams{"load_height", 2.0, 4.0, ChargeMode::PerOccurrence}));
  Stream s(rubric);
  s.set("load_height", std::nan(""));
  s.at(1);
  EXPECT_EQ(s.finish().deductions.size(), 1u);
}

TEST(ForbiddenAction, HoistingUpWhileSettingDown) {
  Rubric rubric;
  rubric.phases.push_back({"setdown", on(SimEventKind::ZoneEnter, "load", "circle_b"),
                           on(SimEventKind::ContactBegin, "load", "ground")});
  ForbiddenActionParams p;
  p.metric = "hoist_speed";
  p.when = ForbiddenWhen::Above;
  p.threshold = 0.02;
  rubric.criteria.push_back(criterion("no_rehoist", "path", 5.0, p, "setdown"));
  Stream s(rubric);
  s.set("hoist_speed", 0.1);
  s.at(1); // hoisting before the phase: allowed
  s.at(2, {event(SimEventKind::ZoneEnter, "load", "circle_b")}); // still hoisting: occurrence 1
  s.set("hoist_speed", -0.1);
  s.at(3);
  s.set("hoist_speed", 0.0); // pausing to settle the swing: allowed
  s.at(4);
  s.set("hoist_speed", 0.02); // exactly the threshold: allowed
  s.at(5);
  s.set("hoist_speed", 0.05); // occurrence 2
  s.run(6, 8);
  s.set("hoist_speed", -0.05);
  s.at(9, {event(SimEventKind::ContactBegin, "load", "ground")});
  s.set("hoist_speed", 0.2);
  s.at(10); // lifting off again after the set-down: allowed
  AttemptResult r = s.finish();
  ASSERT_EQ(r.deductions.size(), 2u);
  EXPECT_EQ(r.deductions[0].tick, 2u);
  EXPECT_EQ(r.deductions[1].tick, 6u);
  EXPECT_DOUBLE_EQ(r.deductions[1].measured, 0.05);
}

TEST(ForbiddenAction, HoistAxisVariant) {
  Rubric rubric;
  ForbiddenActionParams p;
  p.axisId = "hoist";
  p.axisSlot = skillsim::sim::crane_controls::kHoist;
  p.when = ForbiddenWhen::Above;
  p.threshold = 0.0;
  rubric.criteria.push_back(criterion("no_raise", "path", 5.0, p));
  Stream s(rubric);
  s.axis(skillsim::sim::crane_controls::kHoist, -0.6f);
  s.at(1);
  s.axis(skillsim::sim::crane_controls::kHoist, 0.2f);
  s.at(2);
  AttemptResult r = s.finish();
  ASSERT_EQ(r.deductions.size(), 1u);
  EXPECT_EQ(r.deductions[0].tick, 2u);
  const Finding& f = r.deductions[0].finding;
  EXPECT_EQ(f.kind, FindingKind::ForbiddenAction);
  EXPECT_EQ(f.control, "hoist");
  EXPECT_TRUE(f.metric.empty());
  EXPECT_FLOAT_EQ(static_cast<float>(f.value), 0.2f);
  EXPECT_EQ(f.side, LimitSide::Above);
  EXPECT_DOUBLE_EQ(f.limit, 0.0);
  EXPECT_EQ(f.occurrence, 1u);
}

TEST(ForbiddenAction, BridgeReversalBeyondTheDeadBand) {
  Rubric rubric;
  ForbiddenActionParams p;
  p.metric = "bridge_speed";
  p.when = ForbiddenWhen::Reverses;
  p.deadBand = 0.05;
  rubric.criteria.push_back(criterion("no_reverse", "path", 10.0, p));
  Stream s(rubric);
  std::uint64_t tick = 0;
  for (double v : {0.0, 0.3, 0.5, 0.0, 0.3, // stop and go on the same way: fine
                   -0.05, 0.04, 0.05,       // jitter within the dead band: fine
                   -0.2,                    // reversal 1 (tick 9)
                   -0.3, 0.0, 0.06,         // back to the held direction: no fault
                   0.3, -0.1}) {            // turning away again: reversal 2 (tick 14)
    s.set("bridge_speed", v);
    s.at(++tick);
  }
  AttemptResult r = s.finish();
  ASSERT_EQ(r.deductions.size(), 2u);
  EXPECT_EQ(r.deductions[0].tick, 9u);
  EXPECT_DOUBLE_EQ(r.deductions[0].measured, -0.2);
  EXPECT_EQ(r.deductions[1].tick, 14u);
  const Finding& f = r.deductions[0].finding;
  EXPECT_EQ(f.kind, FindingKind::ForbiddenAction);
  EXPECT_EQ(f.metric, "bridge_speed");
  EXPECT_EQ(f.side, LimitSide::Reversed);
  EXPECT_DOUBLE_EQ(f.value, -0.2);
  EXPECT_DOUBLE_EQ(f.limit, 0.05); // the dead band
  EXPECT_EQ(r.deductions[1].finding.occurrence, 2u);
}

namespace {

/** Runs bridge_speed through `speeds` (one per tick at 10 Hz) in a phase opened at tick 1. */
AttemptResult reversals(const std::vector<double>& speeds) {
  Rubric rubric;
  rubric.phases.push_back({"weave", on(SimEventKind::ZoneExit, "load", "circle_b"),
                           on(SimEventKind::ZoneEnter, "load", "circle_c")});
  ForbiddenActionParams p;
  p.metric = "bridge_speed";
  p.when = ForbiddenWhen::Reverses;
  p.deadBand = 0.02;
  rubric.criteria.push_back(criterion("weave_no_bridge_reversal", "path", 10.0, p, "weave"));
  Stream s(rubric);
  s.set("bridge_speed", -0.4); // before the phase: not the held direction
  s.at(1);
  std::uint64_t tick = 1;
  for (double v : speeds) {
    s.set("bridge_speed", v);
    ++tick;
    s.at(tick, tick == 2 ? std::vector{event(SimEventKind::ZoneExit, "load", "circle_b")}
                         : std::vector<SimEvent>{});
  }
  return s.finish();
}

} // namespace

// Issue 13, point 2: backing off 0.5 s and then going on forward was charged as two reversals
// (-10 at 123.4 s and -10 at 131.1 s); it is one change from the held direction.
TEST(ForbiddenAction, BackingOffThenResumingForwardIsOneReversal) {
  std::vector<double> speeds(20, 0.5);  // forward, the held direction
  speeds.insert(speeds.end(), 5, -0.2); // backing off 0.5 s: reversal
  speeds.insert(speeds.end(), 30, 0.5); // forward again: no fault
  AttemptResult r = reversals(speeds);
  ASSERT_EQ(r.deductions.size(), 1u);
  EXPECT_EQ(r.deductions[0].tick, 22u);
  EXPECT_DOUBLE_EQ(r.deductions[0].points, 10.0);
  EXPECT_DOUBLE_EQ(itemPoints(r, "path"), 40.0);
}

// The same in the other direction: a phase that begins backwards holds "backwards".
TEST(ForbiddenAction, HeldDirectionBackwardsReversesOnGoingForward) {
  std::vector<double> speeds(10, -0.5);  // backwards, held
  speeds.insert(speeds.end(), 5, 0.3);   // forward: reversal (tick 12)
  speeds.insert(speeds.end(), 10, -0.5); // backwards again: no fault
  speeds.insert(speeds.end(), 3, 0.01);  // creep inside the dead band: no fault
  speeds.insert(speeds.end(), 3, 0.2);   // forward again: reversal 2 (tick 30)
  AttemptResult r = reversals(speeds);
  ASSERT_EQ(r.deductions.size(), 2u);
  EXPECT_EQ(r.deductions[0].tick, 12u);
  EXPECT_EQ(r.deductions[1].tick, 30u);
}

namespace {
Rubric hornFirst() {
  Rubric rubric;
  rubric.criteria.push_back(criterion(
      "horn_first", "safety", 5.0, RequiredBeforeParams{on("horn"), pseudo(PseudoEvent::Motion)}));
  return rubric;
}
} // namespace

TEST(RequiredBefore, HornThenMotionIsFine) {
  Stream s(hornFirst());
  s.at(1);
  s.at(2, {event("horn")});
  s.axis(skillsim::sim::crane_controls::kBridgeTravel, 0.4f);
  s.at(3);
  EXPECT_TRUE(s.finish().deductions.empty());
}

TEST(RequiredBefore, MotionWithoutHornDeductsOnce) {
  Stream s(hornFirst());
  s.at(1);
  s.axis(skillsim::sim::crane_controls::kTrolleyTravel, 0.2f);
  s.at(2);
  s.axis(skillsim::sim::crane_controls::kTrolleyTravel, 0.0f);
  s.at(3);
  s.axis(skillsim::sim::crane_controls::kTrolleyTravel, 0.2f);
  s.at(4, {event("horn")});
  AttemptResult r = s.finish();
  ASSERT_EQ(r.deductions.size(), 1u);
  EXPECT_EQ(r.deductions[0].tick, 2u);
  const Finding& f = r.deductions[0].finding;
  EXPECT_EQ(f.kind, FindingKind::OutOfOrder);
  EXPECT_EQ(f.event, "motion");
  EXPECT_EQ(f.expected, "horn");
  EXPECT_EQ(f.unit, "s");
}

TEST(RequiredBefore, HornInTheSameTickAsFirstMotionCounts) {
  Stream s(hornFirst());
  s.axis(skillsim::sim::crane_controls::kHoist, 0.2f);
  s.at(1, {event("horn")});
  EXPECT_TRUE(s.finish().deductions.empty());
}

namespace {
/** Phase "task" from the horn to a load release, T = 10 s (100 ticks), 20 points at 1.5 T. */
Rubric timed() {
  Rubric rubric;
  rubric.phases.push_back({"task", on("horn"), on("load_released", "load")});
  rubric.criteria.push_back(criterion("time", "path", 20.0, TimeLimitParams{10.0}, "task"));
  return rubric;
}
AttemptResult endTaskAt(std::uint64_t tick) {
  Stream s(timed());
  s.at(0, {event("horn")});
  s.run(1, tick - 1);
  s.at(tick, {event("load_released", "load")});
  EXPECT_FALSE(s.assessor().finished());
  return s.finish();
}
} // namespace

TEST(TimeLimit, ExactlyTLosesNothing) {
  AttemptResult r = endTaskAt(100);
  EXPECT_TRUE(r.deductions.empty());
  EXPECT_DOUBLE_EQ(itemPoints(r, "path"), 50.0);
}

TEST(TimeLimit, LinearBetweenTAndOneAndAHalfT) {
  AttemptResult r = endTaskAt(125); // 2.5 s over T = 10 s: half of the way to 1.5 T
  ASSERT_EQ(r.deductions.size(), 1u);
  EXPECT_NEAR(r.deductions[0].points, 10.0, 1e-12);
  EXPECT_DOUBLE_EQ(r.deductions[0].measured, 12.5);
  EXPECT_EQ(r.deductions[0].tick, 125u);
  const Finding& f = r.deductions[0].finding;
  EXPECT_EQ(f.kind, FindingKind::TimeOver);
  EXPECT_EQ(f.phase, "task");
  EXPECT_EQ(f.unit, "s");
  EXPECT_DOUBLE_EQ(f.value, 12.5);
  EXPECT_EQ(f.side, LimitSide::Above);
  EXPECT_DOUBLE_EQ(f.limit, 10.0);
  AttemptResult r2 = endTaskAt(149); // one tick before 1.5 T: not stopped
  ASSERT_EQ(r2.deductions.size(), 1u);
  EXPECT_NEAR(r2.deductions[0].points, 19.6, 1e-12);
}

TEST(TimeLimit, ExactlyOneAndAHalfTStopsAndLosesTheWholeItem) {
  Stream s(timed());
  s.at(0, {event("horn")});
  s.run(1, 149);
  EXPECT_FALSE(s.assessor().finished());
  s.at(150);
  EXPECT_TRUE(s.assessor().finished());
  s.at(151, {event("load_released", "load")}); // ignored: the attempt is over
  AttemptResult r = s.finish();
  ASSERT_EQ(r.deductions.size(), 1u);
  EXPECT_DOUBLE_EQ(r.deductions[0].points, 50.0); // the item's 50, not the criterion's 20
  EXPECT_EQ(r.deductions[0].tick, 150u);
  const Finding& f = r.deductions[0].finding;
  EXPECT_EQ(f.kind, FindingKind::TimeStopped);
  EXPECT_DOUBLE_EQ(f.value, 15.0);
  EXPECT_DOUBLE_EQ(f.limit, 10.0);
  EXPECT_DOUBLE_EQ(f.limit2, 15.0);
  EXPECT_DOUBLE_EQ(itemPoints(r, "path"), 0.0);
  EXPECT_FALSE(r.completed);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.endTick, 150u);
}

TEST(TimeLimit, TaskEndingExactlyAtOneAndAHalfTIsStoppedToo) {
  Stream s(timed());
  s.at(0, {event("horn")});
  s.run(1, 149);
  s.at(150, {event("load_released", "load")});
  EXPECT_TRUE(s.assessor().finished());
  EXPECT_DOUBLE_EQ(s.finish().totalPoints, 50.0);
}

TEST(Veto, DroppedLoadFailsAtOnceWhateverTheTotal) {
  Rubric rubric;
  rubric.criteria.push_back(criterion("drop", "veto.drop", 0.0, VetoParams{on("load_dropped")}));
  Stream s(rubric);
  s.set("load_x", 3.0);
  s.at(1);
  auto drop = event("load_dropped", "load", {}, 2.5);
  drop.position = {3.0, 2.5, 1.0};
  s.at(2, {drop});
  EXPECT_TRUE(s.assessor().finished());
  EXPECT_TRUE(s.assessor().vetoed());
  AttemptResult r = s.finish();
  EXPECT_DOUBLE_EQ(r.totalPoints, 100.0);
  EXPECT_FALSE(r.passed);
  EXPECT_FALSE(r.completed);
  ASSERT_EQ(r.vetoes.size(), 1u);
  EXPECT_EQ(r.vetoes[0].itemId, "veto.drop");
  EXPECT_EQ(r.vetoes[0].tick, 2u);
  EXPECT_EQ(r.vetoes[0].position, glm::dvec3(3.0, 2.5, 1.0));
  const Finding& f = r.vetoes[0].finding;
  EXPECT_EQ(f.kind, FindingKind::Veto);
  EXPECT_EQ(f.event, "load_dropped");
  EXPECT_EQ(f.subject, "load");
  EXPECT_DOUBLE_EQ(f.value, 2.5);
}

TEST(Veto, PersonZoneContact) {
  Rubric rubric;
  rubric.criteria.push_back(criterion("person", "veto.drop", 0.0,
                                      VetoParams{on(SimEventKind::ZoneEnter, {}, "person_zone")}));
  Stream s(rubric);
  s.at(1, {event(SimEventKind::ZoneEnter, "load", "circle_a")});
  EXPECT_FALSE(s.assessor().finished());
  s.at(2, {event(SimEventKind::ZoneEnter, "hook", "person_zone")});
  EXPECT_TRUE(s.assessor().vetoed());
}

TEST(EndState, ControlsNeutralAndHookRaised) {
  Rubric rubric;
  rubric.criteria.push_back(
      criterion("neutral", "safety", 3.0, EndStateParams{EndStateCheck::ControlsNeutral}));
  rubric.criteria.push_back(criterion(
      "hook_up", "safety", 4.0, EndStateParams{EndStateCheck::MetricAtLeast, "hook_height", 3.0}));
  {
    Stream s(rubric);
    s.axis(skillsim::sim::crane_controls::kBridgeTravel, 0.5f);
    s.set("hook_height", 1.0);
    s.at(1);
    s.axis(skillsim::sim::crane_controls::kBridgeTravel, 0.0f);
    s.set("hook_height", 3.0); // exactly the threshold: raised
    s.at(2);
    EXPECT_TRUE(s.finish().deductions.empty());
  }
  {
    Stream s(rubric);
    s.axis(skillsim::sim::crane_controls::kHoist, -0.2f);
    s.set("hook_height", 2.9);
    s.at(1);
    AttemptResult r = s.finish();
    ASSERT_EQ(r.deductions.size(), 2u);
    EXPECT_FLOAT_EQ(static_cast<float>(r.deductions[0].measured), 0.2f);
    EXPECT_DOUBLE_EQ(r.deductions[1].measured, 2.9);
    EXPECT_EQ(r.deductions[0].finding.kind, FindingKind::ControlsNotNeutral);
    EXPECT_FLOAT_EQ(static_cast<float>(r.deductions[0].finding.value), 0.2f);
    const Finding& f = r.deductions[1].finding;
    EXPECT_EQ(f.kind, FindingKind::EndMetric);
    EXPECT_EQ(f.metric, "hook_height");
    EXPECT_DOUBLE_EQ(f.value, 2.9);
    EXPECT_EQ(f.side, LimitSide::Below); // "at least 3 m": under the minimum
    EXPECT_DOUBLE_EQ(f.limit, 3.0);
    EXPECT_DOUBLE_EQ(itemPoints(r, "safety"), 13.0);
  }
}

TEST(Phases, AfterAndEndThenStartOnOneEvent) {
  Rubric rubric;
  // The load starts in circle A (a zone_enter at the first tick), leaves, comes back.
  rubric.phases.push_back({"out", on(SimEventKind::ZoneExit, "load", "circle_a"),
                           on(SimEventKind::ZoneEnter, "load", "circle_a")});
  Trigger backInA = on(SimEventKind::ZoneEnter, "load", "circle_a");
  backInA.after = "out";
  rubric.phases.push_back({"setdown_a", backInA, on(SimEventKind::ContactBegin, "load", "ground")});
  rubric.criteria.push_back(
      criterion("pile", "path", 1.0, ContactCountParams{"load", "pile"}, "setdown_a"));
  Trigger finalHorn = on("horn");
  finalHorn.after = "setdown_a";
  rubric.end = finalHorn;
  Stream s(rubric);
  s.at(1, {event(SimEventKind::ZoneEnter, "load", "circle_a")}); // initial: no setdown_a
  s.at(2, {event(SimEventKind::ContactBegin, "load", "pile")});  // not counted
  s.at(3, {event("horn")});                                      // not the end
  EXPECT_FALSE(s.assessor().finished());
  s.at(4, {event(SimEventKind::ZoneExit, "load", "circle_a")});
  s.at(5, {event(SimEventKind::ZoneEnter, "load", "circle_a")}); // ends out, starts setdown_a
  s.at(6, {event(SimEventKind::ContactBegin, "load", "pile")});  // counted
  s.at(7, {event(SimEventKind::ContactBegin, "load", "ground")});
  s.at(8, {event("horn")});
  EXPECT_TRUE(s.assessor().finished());
  AttemptResult r = s.finish();
  EXPECT_TRUE(r.completed);
  EXPECT_TRUE(r.passed);
  ASSERT_EQ(r.deductions.size(), 1u);
  EXPECT_EQ(r.deductions[0].tick, 6u);
  EXPECT_EQ(r.endTick, 8u);
  EXPECT_DOUBLE_EQ(r.duration, 0.8);
}

TEST(Phases, PhaseTicksGiveEachStartedPhasesSpan) {
  Rubric rubric;
  rubric.phases.push_back({"out", on(SimEventKind::ZoneExit, "load", "circle_a"),
                           on(SimEventKind::ZoneEnter, "load", "circle_b")});
  rubric.phases.push_back({"setdown_b", on(SimEventKind::ZoneEnter, "load", "circle_b"),
                           on(SimEventKind::ContactBegin, "load", "ground")});
  rubric.phases.push_back({"never", on(SimEventKind::ZoneEnter, "load", "circle_c"),
                           on(SimEventKind::ContactBegin, "load", "ground")});
  Stream s(rubric);
  s.run(1, 2);
  EXPECT_TRUE(s.assessor().phaseTicks().empty()); // nothing started yet
  s.at(3, {event(SimEventKind::ZoneExit, "load", "circle_a")});
  s.run(4, 6);
  // A running phase ends, for now, at the last observed tick.
  EXPECT_EQ(s.assessor().phaseTicks(), (std::vector<PhaseSpan>{{"out", 3, 6, true}}));
  s.at(7, {event(SimEventKind::ZoneEnter, "load", "circle_b")}); // ends out, starts setdown_b
  s.run(8, 11);
  EXPECT_EQ(s.assessor().phaseTicks(),
            (std::vector<PhaseSpan>{{"out", 3, 7, false}, {"setdown_b", 7, 11, true}}));
  s.finish(); // closes setdown_b at the last tick, as phaseTicks said
  EXPECT_EQ(s.assessor().phaseTicks(),
            (std::vector<PhaseSpan>{{"out", 3, 7, false}, {"setdown_b", 7, 11, false}}));
}

TEST(Phases, CountSelectsTheNthMatch) {
  Rubric rubric;
  Trigger second = on("horn");
  second.count = 2;
  rubric.end = second;
  Stream s(rubric);
  s.at(1, {event("horn")});
  EXPECT_FALSE(s.assessor().finished());
  s.at(2, {event("horn")});
  EXPECT_TRUE(s.assessor().completed());
}

TEST(Assessor, TimeLimitStopsWithoutCompleting) {
  Rubric rubric;
  rubric.timeLimit = 2.0;
  Stream s(rubric);
  s.run(0, 19);
  EXPECT_FALSE(s.assessor().finished());
  s.at(20);
  EXPECT_TRUE(s.assessor().finished());
  AttemptResult r = s.finish();
  EXPECT_FALSE(r.completed);
  EXPECT_TRUE(r.passed); // nothing deducted; completion is not a pass condition by itself
}

TEST(Assessor, RunningScoreFollowsDeductionsAndItemsNeverGoNegative) {
  Rubric rubric;
  rubric.criteria.push_back(criterion("piles", "frames", 12.0, rawEpisodes("load", "pile")));
  Stream s(rubric);
  EXPECT_DOUBLE_EQ(s.assessor().runningScore(), 100.0);
  s.at(1, touch("load", "pile"));
  EXPECT_DOUBLE_EQ(s.assessor().runningScore(), 88.0);
  s.at(2, touch("load", "pile"));
  s.at(3, touch("load", "pile")); // only 6 left of 30
  s.at(4, touch("load", "pile")); // nothing left: no record
  AttemptResult r = s.finish();
  EXPECT_DOUBLE_EQ(itemPoints(r, "frames"), 0.0);
  ASSERT_EQ(r.deductions.size(), 3u);
  EXPECT_DOUBLE_EQ(r.deductions[2].points, 6.0);
  EXPECT_DOUBLE_EQ(r.totalPoints, 70.0);
  EXPECT_TRUE(r.passed); // exactly the pass mark
  EXPECT_DOUBLE_EQ(s.assessor().runningScore(), 70.0);
}

TEST(Assessor, LevelsByPoints) {
  Standard standard = makeStandard();
  standard.levels = {{.id = "basic", .minPoints = 70}, {.id = "advanced", .minPoints = 90}};
  Rubric rubric;
  rubric.criteria.push_back(criterion("piles", "frames", 15.0, ContactCountParams{"load", "pile"}));
  Stream s(rubric, standard);
  s.at(1, {event(SimEventKind::ContactBegin, "load", "pile")});
  EXPECT_EQ(s.finish().level, "basic");
}

TEST(Assessor, SameStreamGivesAnEqualResultAndFinishIsIdempotent) {
  auto runOnce = [] {
    Stream s(hornFirst());
    s.axis(skillsim::sim::crane_controls::kHoist, 0.3f);
    s.at(1);
    s.at(2, {event("horn")});
    return s.finish();
  };
  AttemptResult a = runOnce();
  EXPECT_EQ(a, runOnce());
  EXPECT_EQ(a.deductions.size(), 1u);
  Stream s(hornFirst());
  s.at(1);
  EXPECT_EQ(s.finish(), s.finish());
}

TEST(Assessor, InconsistentRubricIsAContractViolation) {
  Rubric rubric;
  rubric.criteria.push_back(criterion("x", "no_such_item", 1.0, ContactCountParams{"a", "b"}));
  EXPECT_THROW(Assessor(makeStandard(), rubric, "t"), core::ContractViolation);
  Rubric phased;
  phased.criteria.push_back(
      criterion("x", "path", 1.0, ContactCountParams{"a", "b"}, "no_such_phase"));
  EXPECT_THROW(Assessor(makeStandard(), phased, "t"), core::ContractViolation);
}
