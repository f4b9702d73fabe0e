// The practice-mode training aids (TrainingAids.h, Minimap.h) with an explicit current target:
// distances worked by hand, the drop line from the anchor to the floor, the target marker around
// the target, nothing when switched off, readouts in plain words in both languages, and the
// minimap's plan-to-screen mapping.
#include <skillsim/ui/I18n.h>
#include <skillsim/ui/Minimap.h>
#include <skillsim/ui/TrainingAids.h>

#include <gtest/gtest.h>

#include <filesystem>

using namespace skillsim;
using namespace skillsim::ui;

namespace {

sim::SimulationSpec course() {
  sim::SimulationSpec spec;
  sim::ZoneSpec b;
  b.name = "circle_b";
  b.center = {14.0, 0.0, 10.0};
  b.radius = 0.6;
  spec.zones.push_back(b);
  sim::ZoneSpec walk;
  walk.name = "walkway";
  walk.shape = sim::ZoneSpec::Shape::Box;
  walk.center = {15.0, 4.5, 18.0};
  walk.halfExtents = {15.0, 4.5, 1.0};
  spec.zones.push_back(walk);
  sim::BodySpec pile;
  pile.name = "pile_1";
  pile.shape.kind = sim::ShapeKind::Cylinder;
  pile.shape.size = {0.3, 1.6, 0.3};
  pile.position = {16.5, 0.8, 10.0};
  spec.bodies.push_back(pile);
  return spec;
}

AidSwitches all() { return {true, true, true, true, true}; }

I18n text(Language language) {
  return *I18n::load(std::filesystem::path(SKILLSIM_SOURCE_DIR) / "assets", language);
}

} // namespace

TEST(TrainingAids, HorizontalDistanceToACircleAndToABoxFootprint) {
  const sim::SimulationSpec spec = course();
  // 3-4-5 triangle in plan; the height does not count.
  EXPECT_DOUBLE_EQ(horizontalDistance(spec.zones[0], {17.0, 5.0, 14.0}), 5.0);
  // Over the box's footprint: 0; beside it, to the nearest edge (z = 17 from z = 15.5: 1.5 m).
  EXPECT_DOUBLE_EQ(horizontalDistance(spec.zones[1], {3.0, 2.0, 18.5}), 0.0);
  EXPECT_DOUBLE_EQ(horizontalDistance(spec.zones[1], {10.0, 2.0, 15.5}), 1.5);
  // Past a corner (x 30 + 3, z 19 + 4): 5 m.
  EXPECT_DOUBLE_EQ(horizontalDistance(spec.zones[1], {33.0, 0.0, 23.0}), 5.0);
}

TEST(TrainingAids, FrameWithAnExplicitTargetGivesHeightAndDistance) {
  const AidFrame f =
      computeAidFrame(all(), course(), glm::dvec3(11.0, 2.35, 6.0), AidTarget{"circle_b", "B"});
  ASSERT_TRUE(f.height);
  EXPECT_DOUBLE_EQ(*f.height, 2.35);
  ASSERT_TRUE(f.target);
  EXPECT_EQ(f.target->name, "circle_b");
  ASSERT_TRUE(f.distance);
  EXPECT_DOUBLE_EQ(*f.distance, 5.0); // (14 - 11, 10 - 6)
  EXPECT_EQ(aidReadoutLines(f, text(Language::English)),
            (std::vector<std::string>{"Height over the ground  2.35 m", "To target B  5.00 m"}));
  EXPECT_EQ(aidReadoutLines(f, text(Language::ChineseSimplified)),
            (std::vector<std::string>{"离地高度  2.35 米", "距目标 B  5.00 米"}));
}

TEST(TrainingAids, NoTargetOrAnUnknownOneShowsNoDistance) {
  for (const auto& target :
       {std::optional<AidTarget>{}, std::optional<AidTarget>{AidTarget{"circle_z", "Z"}}}) {
    const AidFrame f = computeAidFrame(all(), course(), glm::dvec3(11.0, 2.0, 6.0), target);
    EXPECT_FALSE(f.target);
    EXPECT_FALSE(f.distance);
    EXPECT_EQ(aidReadoutLines(f, text(Language::English)).back(), "To target  no target set");
    core::SceneView view;
    appendAidGeometry(f, view);
    EXPECT_EQ(view.lines.size(), 1u) << "the drop line only, no marker";
  }
}

TEST(TrainingAids, DropLineRunsFromTheAnchorToTheFloorWithALaserSpot) {
  const AidFrame f = computeAidFrame(all(), course(), glm::dvec3(11.0, 2.0, 6.0), std::nullopt);
  core::SceneView view;
  view.meshes.resize(2);
  view.materials.resize(2);
  appendAidGeometry(f, view);
  ASSERT_EQ(view.lines.size(), 1u);
  EXPECT_EQ(view.lines[0].from, glm::vec3(11.0f, 2.0f, 6.0f));
  EXPECT_EQ(view.lines[0].to.x, 11.0f);
  EXPECT_EQ(view.lines[0].to.z, 6.0f);
  EXPECT_NEAR(view.lines[0].to.y, 0.018f, 1e-6f); // just above the floor paint
  ASSERT_EQ(view.instances.size(), 1u);
  EXPECT_EQ(view.instances[0].mesh.index(), 2u);
  EXPECT_EQ(view.meshes[2].debugName, "aid.laser_spot");
  EXPECT_EQ(glm::vec3(view.instances[0].transform[3]), glm::vec3(11.0f, 0.018f, 6.0f));
  EXPECT_FALSE(view.instances[0].castsShadow);
}

TEST(TrainingAids, TargetMarkerRingsTheTargetAndPointsAtItsCentre) {
  AidSwitches marker;
  marker.targetMarker = true;
  const AidFrame f =
      computeAidFrame(marker, course(), glm::dvec3(11.0, 2.0, 6.0), AidTarget{"circle_b", "B"});
  core::SceneView view;
  appendAidGeometry(f, view);
  // Two rings of 48 segments, the post and four arrow strokes.
  ASSERT_EQ(view.lines.size(), 2u * 48u + 1u + 4u);
  for (std::size_t i = 0; i < 48; ++i) {
    const glm::vec3 p = view.lines[i].from;
    EXPECT_NEAR(std::hypot(p.x - 14.0f, p.z - 10.0f), 0.72f, 1e-4f);
  }
  const core::DebugLine& post = view.lines[96];
  EXPECT_EQ(post.from, glm::vec3(14.0f, 3.0f, 10.0f));
  EXPECT_EQ(view.lines.back().to, glm::vec3(14.0f, 2.2f, 10.0f)); // the arrow's tip
  EXPECT_TRUE(view.instances.empty());
}

TEST(TrainingAids, SwitchedOffAidsDrawAndSayNothing) {
  const AidFrame f = computeAidFrame(AidSwitches{}, course(), glm::dvec3(11.0, 2.0, 6.0),
                                     AidTarget{"circle_b", "B"});
  core::SceneView view;
  appendAidGeometry(f, view);
  EXPECT_TRUE(view.lines.empty());
  EXPECT_TRUE(view.instances.empty());
  EXPECT_TRUE(view.meshes.empty());
  EXPECT_TRUE(aidReadoutLines(f, text(Language::English)).empty());
  EXPECT_FALSE(AidSwitches{}.any());
}

TEST(Minimap, ModelHoldsPaintedZonesBodiesAndTheMachineNorthUp) {
  const MinimapModel m = minimapModel(course(), {{"circle_b", "B"}}, {-3.0, -2.0}, {33.0, 22.0},
                                      glm::dvec3(6.0, 4.0, 6.0), std::string("circle_b"));
  ASSERT_EQ(m.zones.size(), 1u) << "only painted zones (and the target)";
  EXPECT_EQ(m.zones[0].label, "B");
  EXPECT_TRUE(m.zones[0].target);
  EXPECT_TRUE(m.zones[0].circle);
  ASSERT_EQ(m.bodies.size(), 1u);
  EXPECT_EQ(m.bodies[0].half, glm::dvec2(0.15, 0.15));
  ASSERT_TRUE(m.machine);
  EXPECT_EQ(*m.machine, glm::dvec2(6.0, 6.0));
  // A 36 m x 24 m area in a 244 x 184 inner rect: 6.78 px/m (width-bound), centred.
  const ScreenRect r{100.0f, 50.0f, 260.0f, 200.0f};
  const glm::vec2 centre = minimapPoint(m, r, {15.0, 10.0});
  EXPECT_NEAR(centre.x, 230.0f, 1e-3f);
  EXPECT_NEAR(centre.y, 150.0f, 1e-3f);
  const glm::vec2 east = minimapPoint(m, r, {33.0, 10.0});
  EXPECT_NEAR(east.x - centre.x, 18.0f * 244.0f / 36.0f, 1e-3f);
  const glm::vec2 north = minimapPoint(m, r, {15.0, -2.0}); // -Z is up on the screen
  EXPECT_NEAR(north.y - centre.y, -12.0f * 244.0f / 36.0f, 1e-3f);
  const ScreenRect placed = minimapRect(1280.0f, 720.0f);
  EXPECT_EQ(placed, (ScreenRect{1010.0f, 444.0f, 260.0f, 200.0f}));
}

// The machine's floor aids (`machine_aids`, sim::FloorAid: the forklift's stability triangle):
// each outline edge and a 0.3 m cross at its point, 10 mm above the floor, green when the
// machine says the point is inside and red when not; nothing while the aid is switched off.
TEST(TrainingAids, MachineFloorAidsAreTheirOutlineAndACrossGreenInsideRedOutside) {
  AidSwitches on;
  on.machineAids = true;
  EXPECT_TRUE(on.any());
  AidFrame f = computeAidFrame(on, course(), std::nullopt, std::nullopt);
  sim::FloorAid safe;
  safe.outline = {{0.0, 0.0, -0.5}, {0.0, 0.0, 0.5}, {-1.7, 0.0, 0.0}};
  safe.point = {-1.0, 0.0, 0.1};
  safe.inside = true;
  sim::FloorAid tipping = safe;
  tipping.point = {0.3, 0.0, 0.0};
  tipping.inside = false;
  f.floor = {safe, tipping};
  core::SceneView view;
  appendAidGeometry(f, view);
  ASSERT_EQ(view.lines.size(), 10u); // 3 edges + 2 cross arms, twice
  const glm::vec4 green{0.1f, 0.9f, 0.2f, 1.0f};
  const glm::vec4 red{1.0f, 0.15f, 0.1f, 1.0f};
  EXPECT_EQ(view.lines[0].from, glm::vec3(0.0f, 0.01f, -0.5f));
  EXPECT_EQ(view.lines[0].to, glm::vec3(0.0f, 0.01f, 0.5f));
  EXPECT_EQ(view.lines[2].from, glm::vec3(-1.7f, 0.01f, 0.0f)); // the last edge closes it
  EXPECT_EQ(view.lines[2].to, glm::vec3(0.0f, 0.01f, -0.5f));
  EXPECT_EQ(view.lines[3].from, glm::vec3(-1.15f, 0.01f, 0.1f));
  EXPECT_EQ(view.lines[3].to, glm::vec3(-0.85f, 0.01f, 0.1f));
  EXPECT_EQ(view.lines[4].from, glm::vec3(-1.0f, 0.01f, -0.05f));
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(view.lines[i].color, green) << i;
    EXPECT_EQ(view.lines[5 + i].color, red) << i;
  }
  EXPECT_TRUE(view.instances.empty());

  f.shown.machineAids = false;
  core::SceneView off;
  appendAidGeometry(f, off);
  EXPECT_TRUE(off.lines.empty());
}
