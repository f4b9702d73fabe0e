// The course as a trainee sees it, rendered offscreen (lavapipe, validation on): the crane's
// girder over the course, the drop line under a lifted load, letters inside their circles, the
// minimap in practice and not in an exam, and every camera of every committed scenario showing
// the course rather than the sky (issue 14, points 1 and 2).
#include <skillsim/app/CourseView.h>
#include <skillsim/render/CameraMath.h>
#include <skillsim/render/Renderer.h>
#include <skillsim/render/RgbaImage.h>
#include <skillsim/scenario/ScenarioLoader.h>
#include <skillsim/sim/Simulation.h>
#include <skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h>
#include <skillsim/ui/ImGuiLayer.h>
#include <skillsim/ui/Minimap.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

using namespace skillsim;

namespace {

namespace fs = std::filesystem;

const fs::path kScenarios = fs::path(SKILLSIM_SOURCE_DIR) / "scenarios" / "overhead_crane";

scenario::Scenario load(const std::string& name) {
  auto s = scenario::loadScenario(kScenarios / name);
  EXPECT_TRUE(s) << s.error().toString();
  return std::move(*s);
}

std::unique_ptr<sim::Simulation> simulate(const scenario::Scenario& s) {
  auto sim = sim::Simulation::create(s.simulation);
  EXPECT_TRUE(sim) << sim.error().toString();
  (*sim)->step(core::ActionState{});
  return std::move(*sim);
}

std::unique_ptr<render::Renderer> renderer(std::uint32_t w, std::uint32_t h) {
  render::RendererOptions o;
  o.width = w;
  o.height = h;
  o.validation = render::Validation::On;
  auto r = render::Renderer::create(o);
  EXPECT_TRUE(r) << r.error().toString();
  return std::move(*r);
}

render::RgbaImage draw(render::Renderer& r, const core::SceneView& view, const std::string& png) {
  auto ok = r.render(view);
  EXPECT_TRUE(ok) << ok.error().toString();
  auto image = r.readPixels();
  EXPECT_TRUE(image) << image.error().toString();
  const fs::path out = fs::path(SKILLSIM_TEST_OUTPUT_DIR) / "course" / (png + ".png");
  fs::create_directories(out.parent_path());
  (void)render::writePng(*image, out.string());
  return std::move(*image);
}

struct Box {
  float x0 = std::numeric_limits<float>::max(), y0 = x0, x1 = -x0, y1 = -x0;
};

/** Screen box of a world box (centre, full size), clipped to the picture. */
Box project(const core::Camera& camera, std::uint32_t w, std::uint32_t h, glm::vec3 c,
            glm::vec3 size) {
  Box b;
  for (int i = 0; i < 8; ++i) {
    const glm::vec3 corner =
        c + 0.5f * size * glm::vec3((i & 1) ? 1 : -1, (i & 2) ? 1 : -1, (i & 4) ? 1 : -1);
    if (auto p = render::projectToPixel(camera, w, h, corner)) {
      b.x0 = std::min(b.x0, p->x);
      b.y0 = std::min(b.y0, p->y);
      b.x1 = std::max(b.x1, p->x);
      b.y1 = std::max(b.y1, p->y);
    }
  }
  b.x0 = std::max(b.x0, 0.0f);
  b.y0 = std::max(b.y0, 0.0f);
  b.x1 = std::min(b.x1, float(w - 1));
  b.y1 = std::min(b.y1, float(h - 1));
  return b;
}

int difference(const render::RgbaImage& a, const render::RgbaImage& b, std::uint32_t x,
               std::uint32_t y) {
  const auto p = a.at(x, y);
  const auto q = b.at(x, y);
  return std::max({std::abs(p[0] - q[0]), std::abs(p[1] - q[1]), std::abs(p[2] - q[2])});
}

const core::Instance* meshNamed(const core::SceneView& view, const std::string& name) {
  for (const core::Instance& i : view.instances) {
    if (view.meshes[i.mesh.index()].debugName == name) {
      return &i;
    }
  }
  return nullptr;
}

/** Steps the simulation until `done` or `limit` ticks. */
template <class Done>
void stepUntil(sim::Simulation& sim, core::ActionState actions, Done done, int limit) {
  for (int i = 0; i < limit && !done(); ++i) {
    sim.step(actions);
  }
}

double metric(const sim::Simulation& sim, const char* name) {
  return sim.metrics().get(sim.metrics().find(name).value());
}

} // namespace

TEST(CourseGpu, GirderIsDrawnOverTheCourseWhereItsBoxProjects) {
  const scenario::Scenario q2 = load("q2_practical.toml");
  auto sim = simulate(q2);
  const app::CourseView course(q2, false);
  constexpr std::uint32_t kW = 640, kH = 360;
  auto r = renderer(kW, kH);
  core::SceneView view;
  course.fill(*sim, "overhead", course.aids(*sim, std::nullopt), view);
  const core::Instance* girder = meshNamed(view, "crane.girder");
  ASSERT_NE(girder, nullptr);
  const glm::vec3 size = view.meshes[girder->mesh.index()].size;
  const glm::vec3 centre(girder->transform[3]);
  const auto image = draw(*r, view, "girder-overhead");
  core::SceneView without = view;
  std::erase_if(without.instances, [&](const core::Instance& i) {
    return without.meshes[i.mesh.index()].debugName == "crane.girder";
  });
  const auto bare = draw(*r, without, "girder-overhead-without");
  const Box box = project(view.camera, kW, kH, centre, size);
  ASSERT_LT(box.x0, box.x1);
  int inside = 0, yellow = 0, outside = 0;
  for (std::uint32_t y = 0; y < kH; ++y) {
    for (std::uint32_t x = 0; x < kW; ++x) {
      if (difference(image, bare, x, y) <= 30) {
        continue;
      }
      const bool in = x >= box.x0 - 1 && x <= box.x1 + 1 && y >= box.y0 - 1 && y <= box.y1 + 1;
      inside += in ? 1 : 0;
      outside += in ? 0 : 1; // its shadow would count here: the crane casts shadows on the floor
      const auto p = image.at(x, y);
      yellow += (in && p[0] > p[2] + 80 && p[1] > p[2] + 50) ? 1 : 0;
    }
  }
  RecordProperty("girder_pixels", inside);
  // The girder spans the 25 m hall's width in the picture: 0.4 m x 22.2 m from 17 m above it.
  EXPECT_GT(inside, 300);
  EXPECT_GT(yellow, inside * 3 / 4) << yellow << " of " << inside;
  EXPECT_GT(box.y1 - box.y0, 0.5f * kH) << "the girder crosses the course";
  // Over the course: the course's middle lies inside the girder's screen box across the picture.
  EXPECT_LT(box.y0, 0.1f * kH);
  EXPECT_GT(box.y1, 0.9f * kH);
  EXPECT_EQ(r->validationMessageCount(), 0u);
}

TEST(CourseGpu, DropLineRunsBelowTheLiftedLoad) {
  const scenario::Scenario q2 = load("q2_practical.toml");
  auto sim = simulate(q2);
  using namespace sim::crane_controls;
  core::ActionState down;
  down.setAxis(kHoist, -1.0f);
  // Lower the hook onto the bucket's bail (0.75 m up), engage, then lift the bucket 1.5 m.
  stepUntil(
      *sim, down, [&] { return metric(*sim, "hook_height") < 0.85; }, 240 * 40);
  stepUntil(
      *sim, core::ActionState{}, [] { return false; }, 240);
  core::ActionState attach;
  attach.buttons = 1u << kAttach;
  sim->step(attach);
  ASSERT_EQ(metric(*sim, "load_attached"), 1.0);
  core::ActionState up;
  up.setAxis(kHoist, 1.0f);
  stepUntil(
      *sim, up, [&] { return metric(*sim, "load_height") > 1.5; }, 240 * 40);
  stepUntil(
      *sim, core::ActionState{}, [] { return false; }, 240 * 2);
  const double height = metric(*sim, "load_height");
  ASSERT_GT(height, 1.2);

  const app::CourseView practice(q2, false);
  const app::CourseView exam(q2, true);
  const ui::AidFrame aids = practice.aids(*sim, std::nullopt);
  ASSERT_TRUE(aids.anchor);
  EXPECT_NEAR(aids.anchor->y, height, 0.02) << "the anchor is the load's bottom";
  constexpr std::uint32_t kW = 480, kH = 360;
  auto r = renderer(kW, kH);
  core::SceneView with, without;
  practice.fill(*sim, "follow_bucket", aids, with);
  exam.fill(*sim, "follow_bucket", exam.aids(*sim, std::nullopt), without);
  EXPECT_EQ(with.lines.size(), without.lines.size() + 1) << "one drop line, in practice only";
  const auto a = draw(*r, with, "drop-line");
  const auto b = draw(*r, without, "drop-line-exam");
  const auto top = render::projectToPixel(with.camera, kW, kH, glm::vec3(*aids.anchor));
  const auto floor =
      render::projectToPixel(with.camera, kW, kH, glm::vec3(aids.anchor->x, 0.0, aids.anchor->z));
  ASSERT_TRUE(top && floor);
  ASSERT_GT(floor->y, top->y + 20.0f) << "the floor point is below the load on the screen";
  int red = 0, changedElsewhere = 0;
  for (std::uint32_t y = 0; y < kH; ++y) {
    for (std::uint32_t x = 0; x < kW; ++x) {
      if (difference(a, b, x, y) <= 40) {
        continue;
      }
      const float t = (float(y) - top->y) / (floor->y - top->y);
      const float lineX = top->x + t * (floor->x - top->x);
      const bool onLine = t > -0.02f && t < 1.05f && std::abs(float(x) - lineX) < 4.0f;
      const auto p = a.at(x, y);
      // The 1 px line is blended with the floor by the rasteriser: red well over green and blue.
      if (onLine && p[0] > p[1] + 60 && p[0] > p[2] + 60) {
        ++red;
      } else if (!onLine) {
        ++changedElsewhere;
      }
    }
  }
  RecordProperty("drop_line_pixels", red);
  // A 1 px line over most of the (floor - top) rows, partly hidden by nothing: the load is above.
  EXPECT_GT(red, static_cast<int>(0.6f * (floor->y - top->y)));
  EXPECT_EQ(changedElsewhere, 0);
  EXPECT_EQ(r->validationMessageCount(), 0u);
}

TEST(CourseGpu, CirclesShowTheirLettersInsideTheRing) {
  const scenario::Scenario q2 = load("q2_practical.toml");
  auto sim = simulate(q2);
  const app::CourseView course(q2, true);
  constexpr std::uint32_t kW = 1280, kH = 720;
  auto r = renderer(kW, kH);
  core::SceneView view;
  course.fill(*sim, "overhead", course.aids(*sim, std::nullopt), view);
  const auto image = draw(*r, view, "letters-overhead");
  for (const auto& [zoneName, letter] : {std::pair{"circle_b", "B"}, std::pair{"circle_c", "C"}}) {
    SCOPED_TRACE(letter);
    const auto zone = std::find_if(q2.simulation.zones.begin(), q2.simulation.zones.end(),
                                   [&](const auto& z) { return z.name == zoneName; });
    ASSERT_NE(zone, q2.simulation.zones.end());
    const glm::vec3 c(zone->center);
    // The letter's strokes: white paint inside 0.7 of the ring's radius.
    core::SceneView unlabelled = view;
    const std::size_t before = unlabelled.instances.size();
    std::erase_if(unlabelled.instances, [&](const core::Instance& i) {
      const glm::vec3 p(i.transform[3]);
      return unlabelled.materials[i.material.index()].debugName == "paint.white" &&
             std::hypot(p.x - c.x, p.z - c.z) < 0.7f * float(zone->radius);
    });
    ASSERT_GT(before, unlabelled.instances.size());
    const auto bare = draw(*r, unlabelled, std::string("letters-without-") + letter);
    const auto centre = render::projectToPixel(view.camera, kW, kH, c);
    const auto rim =
        render::projectToPixel(view.camera, kW, kH, c + glm::vec3(float(zone->radius), 0.0f, 0.0f));
    ASSERT_TRUE(centre && rim);
    const float radius = glm::length(*rim - *centre);
    ASSERT_GT(radius, 8.0f);
    int letterPixels = 0, outsideRing = 0;
    for (std::uint32_t y = 0; y < kH; ++y) {
      for (std::uint32_t x = 0; x < kW; ++x) {
        if (difference(image, bare, x, y) <= 30) {
          continue;
        }
        const float d = glm::length(glm::vec2(float(x), float(y)) - *centre);
        const auto p = image.at(x, y);
        if (d < radius && p[0] > 170 && p[1] > 170 && p[2] > 160) {
          ++letterPixels;
        } else if (d >= radius) {
          ++outsideRing;
        }
      }
    }
    RecordProperty(std::string("letter_") + letter + "_pixels", letterPixels);
    EXPECT_GT(letterPixels, 15);
    EXPECT_EQ(outsideRing, 0);
  }
  EXPECT_EQ(r->validationMessageCount(), 0u);
}

TEST(CourseGpu, MinimapInPracticeAndNotInAnExamUnlessAllowed) {
  constexpr std::uint32_t kW = 1280, kH = 720;
  auto r = renderer(kW, kH);
  auto layer = ui::ImGuiLayer::create(*r, nullptr);
  ASSERT_TRUE(layer) << layer.error().toString();
  auto text = ui::I18n::load(fs::path(SKILLSIM_SOURCE_DIR) / "assets", ui::Language::English);
  ASSERT_TRUE(text);
  const ui::ScreenRect map = ui::minimapRect(float(kW), float(kH));
  auto shot = [&](const scenario::Scenario& s, bool exam, bool hud, const std::string& png) {
    auto sim = simulate(s);
    const app::CourseView course(s, exam);
    const ui::AidFrame aids = course.aids(*sim, std::nullopt);
    (*layer)->beginFrame(1.0f / 60.0f);
    if (hud) {
      course.drawHud(aids, *sim, *text);
    }
    (*layer)->endFrame();
    core::SceneView view;
    course.fill(*sim, s.simulation.cameras.front().name, aids, view);
    return draw(*r, view, png);
  };
  auto changedInMap = [&](const render::RgbaImage& a, const render::RgbaImage& b) {
    int n = 0;
    for (std::uint32_t y = std::uint32_t(map.y); y < std::uint32_t(map.y + map.height); ++y) {
      for (std::uint32_t x = std::uint32_t(map.x); x < std::uint32_t(map.x + map.width); ++x) {
        n += difference(a, b, x, y) > 20 ? 1 : 0;
      }
    }
    return n;
  };
  const int area = int(map.width * map.height);
  const scenario::Scenario q2 = load("q2_practical.toml");
  const auto practice = shot(q2, false, true, "minimap-q2-practice");
  const auto practiceBare = shot(q2, false, false, "minimap-q2-practice-nohud");
  EXPECT_GT(changedInMap(practice, practiceBare), area / 3) << "the map covers its panel";
  // The machine's red cross in the map.
  int red = 0;
  for (std::uint32_t y = std::uint32_t(map.y); y < std::uint32_t(map.y + map.height); ++y) {
    for (std::uint32_t x = std::uint32_t(map.x); x < std::uint32_t(map.x + map.width); ++x) {
      const auto p = practice.at(x, y);
      red += (p[0] > 200 && p[1] < 80 && p[2] < 80) ? 1 : 0;
    }
  }
  EXPECT_GT(red, 10);
  // Q2 in an exam allows no aid: the HUD pass draws nothing.
  const auto exam = shot(q2, true, true, "minimap-q2-exam");
  const auto examBare = shot(q2, true, false, "minimap-q2-exam-nohud");
  EXPECT_EQ(changedInMap(exam, examBare), 0);
  // The beginner's practice allows the map in an exam too ([training_aids] exam = ["minimap"]).
  const scenario::Scenario beginner = load("practice_single_lift.toml");
  const auto allowed = shot(beginner, true, true, "minimap-practice-exam");
  const auto allowedBare = shot(beginner, true, false, "minimap-practice-exam-nohud");
  EXPECT_GT(changedInMap(allowed, allowedBare), area / 3);
  layer->reset();
  EXPECT_EQ(r->validationMessageCount(), 0u);
}

TEST(CourseGpu, EveryCommittedCameraShowsTheCourseNotTheSky) {
  constexpr std::uint32_t kW = 320, kH = 240;
  // Share of the picture that is not sky (differs from the same camera with nothing drawn).
  constexpr double kMinCourseShare = 0.6;
  auto r = renderer(kW, kH);
  int cameras = 0;
  for (const auto& entry : fs::directory_iterator(kScenarios)) {
    if (entry.path().extension() != ".toml") {
      continue;
    }
    const scenario::Scenario s = load(entry.path().filename().string());
    auto sim = simulate(s);
    const app::CourseView course(s, false);
    for (const sim::CameraSpec& c : s.simulation.cameras) {
      SCOPED_TRACE(entry.path().filename().string() + " camera " + c.name);
      ++cameras;
      core::SceneView view;
      course.fill(*sim, c.name, course.aids(*sim, std::nullopt), view);
      const auto image = draw(*r, view, "camera-" + entry.path().stem().string() + "-" + c.name);
      core::SceneView sky = view;
      sky.instances.clear();
      sky.lines.clear();
      const auto empty = draw(*r, sky, "sky-" + entry.path().stem().string() + "-" + c.name);
      int course = 0;
      for (std::uint32_t y = 0; y < kH; ++y) {
        for (std::uint32_t x = 0; x < kW; ++x) {
          course += difference(image, empty, x, y) > 12 ? 1 : 0;
        }
      }
      const double share = double(course) / double(kW * kH);
      RecordProperty(entry.path().stem().string() + "." + c.name + ".course_share",
                     std::to_string(share));
      EXPECT_GT(share, kMinCourseShare);
    }
  }
  EXPECT_GE(cameras, 5);
  EXPECT_EQ(r->validationMessageCount(), 0u);
}
