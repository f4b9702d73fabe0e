// Every camera of every committed scenario, rendered offscreen (lavapipe) from the scene the
// simulation fills at the start of the attempt: each shows the load where the camera projects it
// (taking the load out of the picture changes pixels there, most of them the load's colour),
// except the overhead kind, which shows the crane over the hook; and the fixed, follow and
// overhead cameras stand where their scenario file says (issue 20, point 7). A machine that builds
// its course itself (the forklift) is checked for its course and its truck in each picture.
#include <skillsim/core/OrbitView.h>
#include <skillsim/render/CameraMath.h>
#include <skillsim/render/Renderer.h>
#include <skillsim/scenario/ScenarioLoader.h>
#include <skillsim/sim/Simulation.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <numbers>
#include <string>
#include <vector>

using namespace skillsim;

namespace {

namespace fs = std::filesystem;

constexpr std::uint32_t kWidth = 320;
constexpr std::uint32_t kHeight = 240;

std::vector<fs::path> committedScenarios() {
  std::vector<fs::path> out;
  for (const auto& entry :
       fs::recursive_directory_iterator(fs::path(SKILLSIM_SOURCE_DIR) / "scenarios")) {
    if (entry.is_regular_file() && entry.path().extension() == ".toml") {
      out.push_back(entry.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

struct Rgb {
  int r, g, b;
};

Rgb pixel(const render::RgbaImage& image, std::uint32_t x, std::uint32_t y) {
  const auto px = image.at(x, y);
  return {px[0], px[1], px[2]};
}

void expectNear(glm::vec3 actual, glm::dvec3 expected, const std::string& what) {
  EXPECT_LT(glm::length(glm::dvec3(actual) - expected), 1e-4)
      << what << ": (" << actual.x << ", " << actual.y << ", " << actual.z << ")";
}

/** Pixels differing by more than 30 in a channel between two pictures of one size. */
int changedPixels(const render::RgbaImage& a, const render::RgbaImage& b) {
  int changed = 0;
  for (std::uint32_t y = 0; y < kHeight; ++y) {
    for (std::uint32_t x = 0; x < kWidth; ++x) {
      const Rgb p = pixel(a, x, y);
      const Rgb q = pixel(b, x, y);
      changed += std::max({std::abs(p.r - q.r), std::abs(p.g - q.g), std::abs(p.b - q.b)}) > 30;
    }
  }
  return changed;
}

/**
 * The forklift's scenes: the truck's parts are its materials named "forklift.<part>" (but the
 * bay lines, "forklift.edge_line", are the course's); everything else but the ground is the
 * course (racks, pallets and loads, poles). Each camera's picture changes in at least 100 pixels
 * without the course (from the seat looking back: the bay's 50 mm lines) and in 1 % of them
 * without the truck; the seat camera sees the fork tips.
 */
void expectEachCameraShowsTheCourse(render::Renderer& renderer, const sim::Simulation& sim,
                                    const sim::SimulationSpec& spec, const std::string& stem) {
  auto isTruck = [](const std::string& name) {
    return name.rfind("forklift.", 0) == 0 && name != "forklift.edge_line";
  };
  for (const sim::CameraSpec& c : spec.cameras) {
    SCOPED_TRACE("camera " + c.name);
    core::SceneView view;
    sim.fillSceneView(view, c.name);
    auto picture = [&](const std::function<bool(const std::string&)>& drop) {
      core::SceneView v = view;
      std::erase_if(v.instances, [&](const core::Instance& i) {
        return drop(view.materials[i.material.index()].debugName);
      });
      if (v.instances.size() == view.instances.size()) {
        ADD_FAILURE() << "nothing to take out"; // the picture would not change
      }
      EXPECT_TRUE(renderer.render(v));
      auto image = renderer.readPixels();
      EXPECT_TRUE(image) << image.error().toString();
      return image ? *image : render::RgbaImage{};
    };
    EXPECT_TRUE(renderer.render(view));
    auto rendered = renderer.readPixels();
    ASSERT_TRUE(rendered) << rendered.error().toString();
    const render::RgbaImage full = *rendered;
    const fs::path png =
        fs::path(SKILLSIM_TEST_OUTPUT_DIR) / "scenario-cameras" / (stem + "-" + c.name + ".png");
    fs::create_directories(png.parent_path());
    (void)render::writePng(full, png.string());
    const int course = changedPixels(
        full, picture([&](const std::string& n) { return n != "ground" && !isTruck(n); }));
    const int truck = changedPixels(full, picture(isTruck));
    EXPECT_GE(course, 100) << "the course is not in view";
    EXPECT_GE(truck, static_cast<int>(kWidth * kHeight / 100)) << "the truck is not in view";
    ::testing::Test::RecordProperty(stem + "." + c.name + ".course_pixels", course);
    ::testing::Test::RecordProperty(stem + "." + c.name + ".truck_pixels", truck);
    if (c.name == "seat") {
      const auto tips = sim.anchorPoint("fork_tips");
      ASSERT_TRUE(tips.has_value());
      const auto at = render::projectToPixel(view.camera, kWidth, kHeight, glm::vec3(*tips));
      ASSERT_TRUE(at.has_value()) << "the fork tips are behind the seat";
      EXPECT_TRUE(at->x >= 0.0f && at->x < kWidth && at->y >= 0.0f && at->y < kHeight)
          << "the fork tips are outside the picture at (" << at->x << ", " << at->y << ")";
    }
  }
}

} // namespace

TEST(ScenarioCameras, EachCommittedCameraShowsTheLoad) {
  const auto files = committedScenarios();
  ASSERT_GE(files.size(), 2u) << "q2_practical.toml and practice_single_lift.toml at least";
  render::RendererOptions options;
  options.width = kWidth;
  options.height = kHeight;
  options.validation = render::Validation::On;
  auto renderer = render::Renderer::create(options);
  ASSERT_TRUE(renderer) << renderer.error().toString();
  int cameras = 0;
  for (const fs::path& file : files) {
    SCOPED_TRACE(file.filename().string());
    auto scenario = scenario::loadScenario(file);
    ASSERT_TRUE(scenario) << scenario.error().toString();
    auto sim = sim::Simulation::create(scenario->simulation);
    ASSERT_TRUE(sim) << sim.error().toString();
    const sim::SimulationSpec& spec = scenario->simulation;
    std::vector<std::string> names;
    for (const sim::CameraSpec& c : spec.cameras) {
      names.push_back(c.name);
    }
    ASSERT_FALSE(names.empty()) << "every committed scenario declares its cameras";
    EXPECT_EQ((*sim)->cameraNames(), names);
    const auto load = std::find_if(spec.bodies.begin(), spec.bodies.end(), [](const auto& b) {
      // A crane's load, or the first part a robot takes.
      return std::find(b.tags.begin(), b.tags.end(), "load") != b.tags.end() ||
             std::find(b.tags.begin(), b.tags.end(), "part") != b.tags.end();
    });
    if (load == spec.bodies.end() && spec.machine) {
      // A machine that builds its course itself (the forklift: racks, pallets, bay lines): each
      // camera shows the course (rendering it without the course's instances changes many
      // pixels) and the truck (the same without the truck's parts).
      cameras += static_cast<int>(spec.cameras.size());
      expectEachCameraShowsTheCourse(**renderer, **sim, spec, file.stem().string());
      continue;
    }
    ASSERT_NE(load, spec.bodies.end()) << "a body tagged load (or part)";
    const glm::dvec3 centre = *(*sim)->bodyPosition(load->name);

    for (const sim::CameraSpec& c : spec.cameras) {
      SCOPED_TRACE("camera " + c.name);
      ++cameras;
      core::SceneView view;
      (*sim)->fillSceneView(view, c.name);
      EXPECT_NEAR(view.camera.verticalFovRadians, c.verticalFov, 1e-6);
      // Where the file puts the camera, for the kinds that need no crane state to say so.
      if (c.kind == sim::CameraSpec::Kind::Fixed || c.kind == sim::CameraSpec::Kind::Orbit) {
        // An orbit camera starts where its file says (the trainee then turns it).
        expectNear(view.camera.position, c.position, "fixed or orbit's starting position");
        expectNear(view.camera.target, c.target, "fixed or orbit target");
      } else if (c.kind == sim::CameraSpec::Kind::Follow) {
        const glm::dvec3 followed = *(*sim)->bodyPosition(c.followBody);
        expectNear(view.camera.position, followed + c.position, "follow position");
        expectNear(view.camera.target, followed, "follow target");
      } else if (c.kind == sim::CameraSpec::Kind::Overhead) {
        const glm::dvec3 hook = *(*sim)->bodyPosition("crane.hook");
        expectNear(view.camera.position, {hook.x, c.position.y, hook.z}, "overhead position");
        expectNear(view.camera.target, {hook.x, 0.0, hook.z}, "overhead target");
      }

      // The load casts no shadow here, so that taking it out below changes only its own pixels
      // (a caster also moves the shadow map's bounds, and so every shadow edge).
      for (core::Instance& i : view.instances) {
        if (view.materials[i.material.index()].debugName == load->name) {
          i.castsShadow = false;
        }
      }
      auto status = (*renderer)->render(view);
      ASSERT_TRUE(status) << status.error().toString();
      auto image = (*renderer)->readPixels();
      ASSERT_TRUE(image) << image.error().toString();
      const fs::path png = fs::path(SKILLSIM_TEST_OUTPUT_DIR) / "scenario-cameras" /
                           (file.stem().string() + "-" + c.name + ".png");
      fs::create_directories(png.parent_path());
      (void)render::writePng(*image, png.string());

      // The load in the picture: rendering the same view without the load's instance changes
      // pixels around where the camera projects the load, and most of them were the load's colour
      // (the committed loads are orange and brown: red over green over blue). From straight
      // above, the hook block covers the load's centre, so pixels are counted, not one probed.
      const auto at = render::projectToPixel(view.camera, kWidth, kHeight, glm::vec3(centre));
      ASSERT_TRUE(at.has_value()) << "the load is behind the camera";
      ASSERT_TRUE(at->x >= 0.0f && at->x < kWidth && at->y >= 0.0f && at->y < kHeight)
          << "the load is outside the picture at (" << at->x << ", " << at->y << ")";
      ASSERT_GT(load->color.r, load->color.b + 0.3f) << "the colour check assumes a reddish load";
      core::SceneView without = view;
      std::erase_if(without.instances, [&](const core::Instance& i) {
        return view.materials[i.material.index()].debugName == load->name;
      });
      ASSERT_EQ(without.instances.size() + 1, view.instances.size());
      ASSERT_TRUE((*renderer)->render(without));
      auto bare = (*renderer)->readPixels();
      ASSERT_TRUE(bare) << bare.error().toString();
      int changed = 0;
      int loadColoured = 0;
      float farthest = 0.0f;
      for (std::uint32_t y = 0; y < kHeight; ++y) {
        for (std::uint32_t x = 0; x < kWidth; ++x) {
          const Rgb a = pixel(*image, x, y);
          const Rgb b = pixel(*bare, x, y);
          if (std::max({std::abs(a.r - b.r), std::abs(a.g - b.g), std::abs(a.b - b.b)}) > 30) {
            ++changed;
            loadColoured += (a.r > a.b + 30 && a.r >= a.g) ? 1 : 0;
            farthest = std::max(farthest, glm::length(glm::vec2(float(x), float(y)) - *at));
          }
        }
      }
      if (c.kind == sim::CameraSpec::Kind::Overhead) {
        // An overhead camera looks straight down on the hook, so the trolley and the bridge
        // girder stand between it and a load hanging or standing under the hook: what it shows
        // there is the crane (measured: practice_single_lift's crate, under the hook at the start,
        // is fully hidden, 0 pixels; reported with issue 20). Check that it is centred on the
        // crane over the hook instead: without the crane's parts the centre pixel changes.
        core::SceneView craneless = view;
        std::erase_if(craneless.instances, [&](const core::Instance& i) {
          return view.materials[i.material.index()].debugName == "crane";
        });
        ASSERT_LT(craneless.instances.size(), view.instances.size());
        ASSERT_TRUE((*renderer)->render(craneless));
        auto open = (*renderer)->readPixels();
        ASSERT_TRUE(open) << open.error().toString();
        const Rgb withCrane = pixel(*image, kWidth / 2, kHeight / 2);
        const Rgb withoutCrane = pixel(*open, kWidth / 2, kHeight / 2);
        EXPECT_GT(withCrane.g, withCrane.b + 60) << "the crane's yellow at the centre";
        EXPECT_GT(std::abs(withCrane.b - withoutCrane.b), 30);
        continue;
      }
      EXPECT_GE(changed, 20) << "the load covers too few pixels to be seen";
      EXPECT_GT(loadColoured, changed / 2) << loadColoured << " of " << changed;
      // ... and they are the load's, around its projected centre (not the whole picture moving).
      EXPECT_LT(farthest, 0.25f * kWidth);
      RecordProperty(file.stem().string() + "." + c.name + ".load_pixels", changed);
    }
  }
  EXPECT_GE(cameras, 5); // q2: cab, overhead, follow_bucket; practice: cab, overhead
  EXPECT_EQ((*renderer)->validationMessageCount(), 0u);
}

// Issue 16, point 5: the robot cell's orbit camera turned a quarter turn about its focus shows
// another picture (most pixels change), and neither turning nor rendering touches the simulation:
// the state hash after 240 idle ticks is the same bit for bit as a run that never rendered.
TEST(ScenarioCameras, TurningTheRobotCellsOrbitCameraChangesThePictureNotTheState) {
  auto scenario = scenario::loadScenario(fs::path(SKILLSIM_SOURCE_DIR) /
                                         "scenarios/industrial_robot/handling_palletising.toml");
  ASSERT_TRUE(scenario) << scenario.error().toString();
  const auto orbit =
      std::find_if(scenario->simulation.cameras.begin(), scenario->simulation.cameras.end(),
                   [](const sim::CameraSpec& c) { return c.kind == sim::CameraSpec::Kind::Orbit; });
  ASSERT_NE(orbit, scenario->simulation.cameras.end()) << "the cell declares an orbit camera";
  auto viewed = sim::Simulation::create(scenario->simulation);
  auto unviewed = sim::Simulation::create(scenario->simulation);
  ASSERT_TRUE(viewed && unviewed);
  render::RendererOptions options;
  options.width = kWidth;
  options.height = kHeight;
  options.validation = render::Validation::On;
  auto renderer = render::Renderer::create(options);
  ASSERT_TRUE(renderer) << renderer.error().toString();

  auto pictureFrom = [&](const core::OrbitView& angle) {
    core::SceneView view;
    (*viewed)->fillSceneView(view, orbit->name);
    view.camera.position = glm::vec3(angle.eye());
    view.camera.target = glm::vec3(angle.focus);
    EXPECT_TRUE((*renderer)->render(view));
    auto image = (*renderer)->readPixels();
    EXPECT_TRUE(image) << image.error().toString();
    return image ? *image : render::RgbaImage{};
  };
  const core::OrbitView start = core::OrbitView::lookingFrom(orbit->position, orbit->target);
  core::OrbitView turned = start;
  turned.orbitBy(std::numbers::pi / 2.0, -0.3, 1.5);
  EXPECT_NEAR(glm::length(turned.eye() - turned.focus), start.distance * 1.5, 1e-9);

  for (int tick = 0; tick < 240; ++tick) {
    (*viewed)->step(core::ActionState{});
    (*unviewed)->step(core::ActionState{});
    if (tick == 0 || tick == 239) {
      const core::Digest before = (*viewed)->stateHash();
      const render::RgbaImage first = pictureFrom(start);
      const render::RgbaImage second = pictureFrom(turned);
      EXPECT_EQ((*viewed)->stateHash(), before) << "rendering changed the state";
      const int changed = changedPixels(first, second);
      EXPECT_GT(changed, static_cast<int>(kWidth * kHeight / 4)) << "tick " << tick;
      RecordProperty("orbit_turn_changed_pixels_tick" + std::to_string(tick), changed);
      if (tick == 0) {
        fs::create_directories(fs::path(SKILLSIM_TEST_OUTPUT_DIR) / "scenario-cameras");
        (void)render::writePng(first, (fs::path(SKILLSIM_TEST_OUTPUT_DIR) / "scenario-cameras" /
                                       "palletising-orbit-start.png")
                                          .string());
        (void)render::writePng(second, (fs::path(SKILLSIM_TEST_OUTPUT_DIR) / "scenario-cameras" /
                                        "palletising-orbit-turned.png")
                                           .string());
      }
    }
  }
  EXPECT_EQ((*viewed)->stateHash(), (*unviewed)->stateHash());
  EXPECT_EQ((*renderer)->validationMessageCount(), 0u);
}

// The pole course's poles are drawn red with white 0.3 m bands (scenario key `bands`): seen from
// 1.5 m, the pole's axis reads red at 0.15, 0.75 and 1.35 m up and white at 0.45 and 1.05 m, on
// lavapipe with the validation layer on and no message.
TEST(ScenarioCameras, ThePoleCoursesPolesShowTheirRedAndWhiteBands) {
  auto scenario =
      scenario::loadScenario(fs::path(SKILLSIM_SOURCE_DIR) / "scenarios/forklift/pole_course.toml");
  ASSERT_TRUE(scenario) << scenario.error().toString();
  auto sim = sim::Simulation::create(scenario->simulation);
  ASSERT_TRUE(sim) << sim.error().toString();
  const glm::dvec3 pole = *(*sim)->bodyPosition("pole_west"); // (6, 0.75, 0), 1.5 m tall
  render::RendererOptions options;
  options.width = kWidth;
  options.height = kHeight;
  options.validation = render::Validation::On;
  auto renderer = render::Renderer::create(options);
  ASSERT_TRUE(renderer) << renderer.error().toString();
  core::SceneView view;
  (*sim)->fillSceneView(view, "course");
  view.camera.position = glm::vec3(pole + glm::dvec3(0.0, 0.0, 1.5));
  view.camera.target = glm::vec3(pole);
  view.camera.verticalFovRadians = static_cast<float>(60.0 * std::numbers::pi / 180.0);
  ASSERT_TRUE((*renderer)->render(view));
  auto image = (*renderer)->readPixels();
  ASSERT_TRUE(image) << image.error().toString();
  const fs::path png = fs::path(SKILLSIM_TEST_OUTPUT_DIR) / "scenario-cameras" / "pole-bands.png";
  fs::create_directories(png.parent_path());
  (void)render::writePng(*image, png.string());
  std::vector<Rgb> bands;
  for (double up : {0.15, 0.45, 0.75, 1.05, 1.35}) {
    const auto at = render::projectToPixel(view.camera, kWidth, kHeight,
                                           glm::vec3(pole.x, pole.y - 0.75 + up, pole.z));
    ASSERT_TRUE(at.has_value());
    ASSERT_TRUE(at->x >= 0.0f && at->x < kWidth && at->y >= 0.0f && at->y < kHeight);
    bands.push_back(
        pixel(*image, static_cast<std::uint32_t>(at->x), static_cast<std::uint32_t>(at->y)));
  }
  for (std::size_t k = 0; k < bands.size(); ++k) {
    const Rgb& p = bands[k];
    SCOPED_TRACE("band " + std::to_string(k) + ": " + std::to_string(p.r) + ", " +
                 std::to_string(p.g) + ", " + std::to_string(p.b));
    if (k % 2 == 0) { // red: the pole's own colour
      EXPECT_GT(p.r, 2 * p.g);
      EXPECT_GT(p.r, 2 * p.b);
    } else { // white: grey-level, much brighter in green than the red bands
      EXPECT_LT(std::abs(p.r - p.g), 30);
      EXPECT_LT(std::abs(p.g - p.b), 30);
      EXPECT_GT(p.g, bands[k - 1].g + 60);
    }
  }
  EXPECT_EQ((*renderer)->validationMessageCount(), 0u);
}
