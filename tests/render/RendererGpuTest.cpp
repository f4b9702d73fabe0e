// GPU tests of the renderer, offscreen on whatever Vulkan device there is (lavapipe in CI). Each
// asserts what a person would see in the read-back image, and that the validation layer said
// nothing.
#include "ImageCompare.h"
#include "TestScenes.h"

#include <skillsim/render/CameraMath.h>
#include <skillsim/render/Renderer.h>

#include <gtest/gtest.h>

#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <vector>

using namespace skillsim;
using namespace skillsim::render;
using namespace skillsim::render::testing;

namespace {

constexpr std::uint32_t kSize = 256;

struct Rgb {
  int r, g, b;
};

Rgb pixelAt(const RgbaImage& image, glm::vec2 p) {
  const auto px = image.at(static_cast<std::uint32_t>(p.x), static_cast<std::uint32_t>(p.y));
  return {px[0], px[1], px[2]};
}

double luminance(Rgb c) { return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b; }

glm::vec2 project(const core::SceneView& scene, glm::vec3 point, std::uint32_t w = kSize,
                  std::uint32_t h = kSize) {
  const auto p = projectToPixel(scene.camera, w, h, point);
  EXPECT_TRUE(p.has_value());
  return p.value_or(glm::vec2(0.0f));
}

class RendererGpu : public ::testing::Test {
protected:
  Renderer* makeRenderer(std::uint32_t samples = 4, std::uint32_t w = kSize,
                         std::uint32_t h = kSize) {
    RendererOptions options;
    options.width = w;
    options.height = h;
    options.validation = Validation::On;
    options.msaaSamples = samples;
    options.shadowMapSize = 1024;
    auto renderer = Renderer::create(options);
    if (!renderer) {
      ADD_FAILURE() << renderer.error().toString();
      return nullptr;
    }
    EXPECT_TRUE((*renderer)->validationEnabled())
        << "the tests need vulkan-validationlayers installed";
    return adopt(std::move(*renderer));
  }

  // The fixture owns every renderer, so TearDown can still ask it about validation messages.
  Renderer* adopt(std::unique_ptr<Renderer> renderer) {
    mRenderers.push_back(std::move(renderer));
    return mRenderers.back().get();
  }

  RgbaImage draw(Renderer& renderer, const core::SceneView& scene) {
    auto status = renderer.render(scene);
    EXPECT_TRUE(status) << (status ? "" : status.error().toString());
    auto image = renderer.readPixels();
    EXPECT_TRUE(image) << (image ? "" : image.error().toString());
    return image ? std::move(*image) : RgbaImage{};
  }

  void TearDown() override {
    for (const auto& r : mRenderers) {
      EXPECT_EQ(r->validationMessageCount(), 0u) << "validation messages were logged above";
    }
  }

  std::vector<std::unique_ptr<Renderer>> mRenderers;
};

} // namespace

TEST_F(RendererGpu, RedBoxIsRedAndCastsADarkerShadowOnLitGround) {
  auto renderer = makeRenderer();
  ASSERT_TRUE(renderer);
  const core::SceneView scene = redBoxOnGround();
  const RgbaImage image = draw(*renderer, scene);
  ASSERT_EQ(image.width, kSize);

  const Rgb box = pixelAt(image, project(scene, {0.0f, 0.5f, 0.0f}));
  EXPECT_GT(box.r, 80) << "box centre not red enough";
  EXPECT_GT(box.r, 3 * box.g) << "box centre is not red";
  EXPECT_GT(box.r, 3 * box.b) << "box centre is not red";

  const Rgb shadow = pixelAt(image, project(scene, {0.8f, 0.0f, -0.4f}));
  const Rgb lit = pixelAt(image, project(scene, {-1.5f, 0.0f, 1.5f}));
  // Both are the grey ground: neutral colour, but the shadowed one clearly darker.
  EXPECT_LT(std::abs(lit.r - lit.b), 40) << "lit ground is not grey";
  EXPECT_LT(luminance(shadow), 0.7 * luminance(lit))
      << "shadow " << luminance(shadow) << " vs lit " << luminance(lit);

  // Sky at the top of the image: bluish, brighter than the shadow.
  const auto sky = image.at(kSize / 2, 2);
  EXPECT_GT(sky[2], sky[0]) << "sky is not blue";
}

TEST_F(RendererGpu, ShadowMapFollowsAMovingCasterAndIsReusedWhileStill) {
  auto renderer = makeRenderer(1);
  ASSERT_TRUE(renderer);
  core::SceneView scene = redBoxOnGround();
  // Four grey posts at the corners fix the casters' bounds, so moving the red box inside them
  // leaves the light's projection as it was: only the caster's own instance data changes.
  for (const glm::vec3 corner : {glm::vec3(-3.0f, 0.5f, -3.0f), glm::vec3(3.0f, 0.5f, -3.0f),
                                 glm::vec3(-3.0f, 0.5f, 3.0f), glm::vec3(3.0f, 0.5f, 3.0f)}) {
    addThing(scene, {.kind = core::MeshKind::Box, .size = glm::vec3(0.4f, 1.0f, 0.4f)}, kGrey,
             glm::translate(glm::mat4(1.0f), corner));
  }
  const glm::vec3 home(0.0f, 0.5f, 0.0f);
  const glm::vec3 moved(-1.5f, 0.5f, 1.5f);
  const glm::vec3 shadowOffset(0.8f, -0.5f, -0.4f); // from the box centre to a ground point
  const glm::vec3 litRef(1.5f, 0.0f, 1.8f);
  auto dark = [&](const RgbaImage& image, glm::vec3 ground) {
    return luminance(pixelAt(image, project(scene, ground))) <
           0.7 * luminance(pixelAt(image, project(scene, litRef)));
  };

  RgbaImage image = draw(*renderer, scene);
  EXPECT_TRUE(dark(image, home + shadowOffset)) << "no shadow at home";
  EXPECT_FALSE(dark(image, moved + shadowOffset)) << "shadow where the box is not yet";
  EXPECT_EQ(renderer->shadowMapDraws(), 1u);

  // Same scene again: the map is reused, the picture identical.
  EXPECT_EQ(draw(*renderer, scene).pixels, image.pixels);
  EXPECT_EQ(renderer->shadowMapDraws(), 1u);

  scene.instances[1].transform = glm::translate(glm::mat4(1.0f), moved);
  image = draw(*renderer, scene);
  EXPECT_EQ(renderer->shadowMapDraws(), 2u);
  EXPECT_FALSE(dark(image, home + shadowOffset)) << "stale shadow left at home";
  EXPECT_TRUE(dark(image, moved + shadowOffset)) << "the moved box casts no shadow";

  scene.instances[1].transform = glm::translate(glm::mat4(1.0f), home);
  image = draw(*renderer, scene);
  EXPECT_EQ(renderer->shadowMapDraws(), 3u);
  EXPECT_TRUE(dark(image, home + shadowOffset));
  EXPECT_FALSE(dark(image, moved + shadowOffset));

  // A caster that stops casting (and the light turning) count as changes too.
  scene.instances[1].castsShadow = false;
  image = draw(*renderer, scene);
  EXPECT_FALSE(dark(image, home + shadowOffset)) << "a non-caster still casts";
  scene.instances[1].castsShadow = true;
  scene.light.direction = {-0.6f, -1.0f, 0.5f};
  image = draw(*renderer, scene);
  EXPECT_FALSE(dark(image, home + shadowOffset)) << "the shadow did not turn with the light";
  EXPECT_TRUE(dark(image, home + glm::vec3(-0.8f, -0.5f, 0.4f)));
}

TEST_F(RendererGpu, HalfRenderScaleShowsTheSameSceneAtTheTargetSize) {
  auto full = makeRenderer(1);
  ASSERT_TRUE(full);
  EXPECT_EQ(full->renderScale(), 1.0f) << "offscreen renders at full scale by default";
  auto automatic = makeRenderer(0);
  ASSERT_TRUE(automatic);
  EXPECT_EQ(automatic->msaaSamples(), 4u) << "offscreen: 4x MSAA by default (lavapipe has it)";
  RendererOptions options;
  options.width = kSize;
  options.height = kSize;
  options.validation = Validation::On;
  options.msaaSamples = 1;
  options.shadowMapSize = 1024;
  options.renderScale = 0.5f;
  options.shadowFilter = ShadowFilter::Pcf2x2; // the software-window profile
  auto created = Renderer::create(options);
  ASSERT_TRUE(created) << created.error().toString();
  Renderer* half = adopt(std::move(*created));
  EXPECT_EQ(half->renderScale(), 0.5f);
  EXPECT_EQ(half->shadowMapSize(), 512u) << "the shadow map follows the render scale";
  EXPECT_EQ(full->shadowMapSize(), 1024u);

  const core::SceneView scene = redBoxOnGround();
  const RgbaImage reference = draw(*full, scene);
  const RgbaImage image = draw(*half, scene);
  ASSERT_EQ(image.width, kSize);
  ASSERT_EQ(image.height, kSize);
  const Rgb box = pixelAt(image, project(scene, {0.0f, 0.5f, 0.0f}));
  EXPECT_GT(box.r, 3 * box.g) << "box centre is not red";
  EXPECT_LT(luminance(pixelAt(image, project(scene, {0.8f, 0.0f, -0.4f}))),
            0.7 * luminance(pixelAt(image, project(scene, {-1.5f, 0.0f, 1.5f}))));
  // The same picture, softer: every channel within a few levels on average, and not identical
  // (an identical image would mean the scale was ignored).
  double sum = 0.0;
  for (std::size_t i = 0; i < image.pixels.size(); ++i) {
    sum += std::abs(int(image.pixels[i]) - int(reference.pixels[i]));
  }
  const double mean = sum / static_cast<double>(image.pixels.size());
  EXPECT_LT(mean, 4.0);
  EXPECT_GT(mean, 0.05);
}

TEST_F(RendererGpu, ShadowsOffLeaveTheGroundLit) {
  // The control for the shadow test: the same ground point without a shadow map is lit.
  RendererOptions options;
  options.width = kSize;
  options.height = kSize;
  options.validation = Validation::On;
  options.shadowMapSize = 0;
  auto renderer = Renderer::create(options);
  ASSERT_TRUE(renderer) << renderer.error().toString();
  Renderer* r = adopt(std::move(*renderer));
  const core::SceneView scene = redBoxOnGround();
  const RgbaImage image = draw(*r, scene);
  const Rgb shadowSpot = pixelAt(image, project(scene, {0.8f, 0.0f, -0.4f}));
  const Rgb lit = pixelAt(image, project(scene, {-1.5f, 0.0f, 1.5f}));
  EXPECT_GT(luminance(shadowSpot), 0.85 * luminance(lit));
}

TEST_F(RendererGpu, BoxBehindAnotherIsHidden) {
  auto renderer = makeRenderer();
  ASSERT_TRUE(renderer);
  core::SceneView scene;
  scene.camera.position = {0.0f, 0.5f, 6.0f};
  scene.camera.target = {0.0f, 0.5f, 0.0f};
  addThing(scene, {.kind = core::MeshKind::Box, .size = glm::vec3(0.5f)}, kGreen,
           glm::translate(glm::mat4(1.0f), {0.0f, 0.5f, -2.0f}));
  // Control: alone, the green box shows at its projected centre.
  const glm::vec2 centre = project(scene, {0.0f, 0.5f, -2.0f});
  const Rgb alone = pixelAt(draw(*renderer, scene), centre);
  EXPECT_GT(alone.g, 2 * alone.r) << "the green box should be visible on its own";

  addThing(scene, {.kind = core::MeshKind::Box, .size = glm::vec3(1.0f)}, kRed,
           glm::translate(glm::mat4(1.0f), {0.0f, 0.5f, 0.0f}));
  const RgbaImage image = draw(*renderer, scene);
  const Rgb front = pixelAt(image, centre);
  EXPECT_GT(front.r, 2 * front.g) << "the red box in front should cover the green one";
  int greenPixels = 0;
  for (std::uint32_t y = 0; y < image.height; ++y) {
    for (std::uint32_t x = 0; x < image.width; ++x) {
      const auto p = image.at(x, y);
      greenPixels += (p[1] > 2 * p[0] && p[1] > p[2] + 40) ? 1 : 0;
    }
  }
  EXPECT_EQ(greenPixels, 0);
}

namespace {

// Pixels whose colour is far from both the sky of their row and the box face: blends of the two,
// as only partial coverage of a pixel produces.
int blendedEdgePixels(const RgbaImage& image, Rgb face) {
  int count = 0;
  for (std::uint32_t y = 0; y < image.height; ++y) {
    const auto skyPx = image.at(0, y);
    const Rgb sky{skyPx[0], skyPx[1], skyPx[2]};
    for (std::uint32_t x = 0; x < image.width; ++x) {
      const auto p = image.at(x, y);
      const auto distance = [&](Rgb c) {
        return std::max({std::abs(p[0] - c.r), std::abs(p[1] - c.g), std::abs(p[2] - c.b)});
      };
      count += (distance(sky) > 15 && distance(face) > 15) ? 1 : 0;
    }
  }
  return count;
}

core::SceneView tiltedBoxAgainstSky() {
  core::SceneView scene;
  scene.camera.position = {0.0f, 0.0f, 4.0f};
  scene.camera.target = {0.0f, 0.0f, 0.0f};
  scene.light.direction = {0.0f, 0.0f, -1.0f}; // straight onto the face: uniform shading
  addThing(scene, {.kind = core::MeshKind::Box, .size = {1.5f, 1.5f, 0.1f}}, kRed,
           glm::rotate(glm::mat4(1.0f), 0.35f, {0.0f, 0.0f, 1.0f}), 1.0f);
  return scene;
}

} // namespace

TEST_F(RendererGpu, MultisamplingBlendsEdges) {
  const core::SceneView scene = tiltedBoxAgainstSky();
  auto msaa = makeRenderer(4);
  ASSERT_TRUE(msaa);
  ASSERT_EQ(msaa->msaaSamples(), 4u) << "lavapipe supports 4x MSAA";
  const RgbaImage smooth = draw(*msaa, scene);
  auto single = makeRenderer(1);
  ASSERT_TRUE(single);
  EXPECT_EQ(single->msaaSamples(), 1u);
  const RgbaImage hard = draw(*single, scene);
  const Rgb face = pixelAt(hard, {kSize / 2.0f, kSize / 2.0f});
  (void)writePng(smooth, testOutputPath("msaa4.png"));
  (void)writePng(hard, testOutputPath("msaa1.png"));
  const int hardBlends = blendedEdgePixels(hard, face);
  const int smoothBlends = blendedEdgePixels(smooth, face);
  // The box's outline is ~4 x 110 px long: with 4 samples a few hundred pixels are partly covered.
  EXPECT_LT(hardBlends, 10) << "without MSAA a pixel is either box or sky";
  EXPECT_GT(smoothBlends, 150) << "with 4x MSAA the slanted edges blend into the sky";
}

namespace {

/** One object of the golden scene: what it is, and the world box it fills (m). */
struct GoldenObject {
  std::string name;
  std::optional<std::size_t> instance; ///< Its SceneView instance; none: the zone's lines.
  glm::vec3 low{0.0f};
  glm::vec3 high{0.0f};
};

/**
 * The golden image's scene: the red box on the ground (TestScenes.h) with a blue cylinder, a
 * yellow sphere, a green capsule and a yellow landing zone drawn as debug lines around the box.
 * `objects` receives every object with its world bounds, from the sizes given here (MeshKind).
 */
core::SceneView goldenScene(std::vector<GoldenObject>* objects = nullptr) {
  core::SceneView scene = redBoxOnGround();
  addThing(scene, {.kind = core::MeshKind::Cylinder, .size = {0.6f, 1.2f, 0.6f}},
           {0.1f, 0.3f, 0.8f, 1.0f}, glm::translate(glm::mat4(1.0f), {-2.0f, 0.6f, -1.0f}), 0.3f);
  addThing(scene, {.kind = core::MeshKind::Sphere, .size = glm::vec3(0.8f)},
           {0.9f, 0.7f, 0.1f, 1.0f}, glm::translate(glm::mat4(1.0f), {2.0f, 0.4f, 0.5f}), 0.2f);
  addThing(scene, {.kind = core::MeshKind::Capsule, .size = {0.4f, 1.4f, 0.4f}},
           {0.2f, 0.7f, 0.3f, 1.0f}, glm::translate(glm::mat4(1.0f), {1.5f, 0.7f, -2.0f}));
  // A yellow landing zone around the red box (debug lines).
  const float r = 1.0f;
  const glm::vec3 corners[4] = {{-r, 0.01f, -r}, {r, 0.01f, -r}, {r, 0.01f, r}, {-r, 0.01f, r}};
  for (int i = 0; i < 4; ++i) {
    scene.lines.push_back({corners[i], corners[(i + 1) % 4], {1.0f, 0.9f, 0.0f, 1.0f}});
  }
  if (objects != nullptr) {
    *objects = {
        {"ground", 0, {-10.0f, 0.0f, -10.0f}, {10.0f, 0.0f, 10.0f}},
        {"red box", 1, {-0.5f, 0.0f, -0.5f}, {0.5f, 1.0f, 0.5f}},
        {"blue cylinder", 2, {-2.3f, 0.0f, -1.3f}, {-1.7f, 1.2f, -0.7f}},
        {"yellow sphere", 3, {1.6f, 0.0f, 0.1f}, {2.4f, 0.8f, 0.9f}},
        {"green capsule", 4, {1.3f, 0.0f, -2.2f}, {1.7f, 1.4f, -1.8f}},
        {"landing zone lines", std::nullopt, {-r, 0.01f, -r}, {r, 0.01f, r}},
    };
  }
  return scene;
}

/**
 * Each object's region: the pixel box around its 8 projected corners (1 px margin, clipped to the
 * image), allowed 4 % of its pixels and at least 8. The ground fills the image, so its region is
 * the whole image and its budget the whole image's (0.1 %, 65 pixels). Measured with lavapipe
 * (Mesa 22.3): the frame differs from the golden in 12 pixels, all where a body meets the ground
 * (the worst region, the blue cylinder's, 8 of its 29); leaving an object out makes 157 (the zone's
 * lines, budget 60) to 911 (the red box, budget 43) pixels of its region differ.
 */
std::vector<GoldenRegion> goldenRegions(const core::SceneView& scene,
                                        const std::vector<GoldenObject>& objects) {
  std::vector<GoldenRegion> regions;
  for (const GoldenObject& o : objects) {
    glm::vec2 lo(1e9f);
    glm::vec2 hi(-1e9f);
    for (int c = 0; c < 8; ++c) {
      const glm::vec3 corner{(c & 1) ? o.high.x : o.low.x, (c & 2) ? o.high.y : o.low.y,
                             (c & 4) ? o.high.z : o.low.z};
      const auto p = projectToPixel(scene.camera, kSize, kSize, corner);
      if (!p) { // behind the camera (the ground's far corners are not): the whole image
        lo = glm::vec2(0.0f);
        hi = glm::vec2(float(kSize));
        continue;
      }
      lo = glm::min(lo, *p);
      hi = glm::max(hi, *p);
    }
    GoldenRegion g;
    g.name = o.name;
    g.x0 = std::clamp(int(std::floor(lo.x)) - 1, 0, int(kSize));
    g.y0 = std::clamp(int(std::floor(lo.y)) - 1, 0, int(kSize));
    g.x1 = std::clamp(int(std::ceil(hi.x)) + 1, 0, int(kSize));
    g.y1 = std::clamp(int(std::ceil(hi.y)) + 1, 0, int(kSize));
    const std::size_t area = std::size_t(g.x1 - g.x0) * std::size_t(g.y1 - g.y0);
    g.maxDiffering = o.instance == std::optional<std::size_t>(0)
                         ? std::size_t(kSize * kSize / 1000)
                         : std::max<std::size_t>(8, area / 25);
    regions.push_back(g);
  }
  return regions;
}

} // namespace

TEST_F(RendererGpu, MatchesGoldenImage) {
  auto renderer = makeRenderer();
  ASSERT_TRUE(renderer);
  std::vector<GoldenObject> objects;
  const core::SceneView scene = goldenScene(&objects);
  const auto regions = goldenRegions(scene, objects);
  const RgbaImage image = draw(*renderer, scene);
  const GoldenResult result = compareWithGolden(image, "red_box_scene", regions);
  EXPECT_TRUE(result.matches) << result.message;
  // The zone line is drawn: a yellow pixel on the projected front edge.
  const auto onLine = pixelAt(image, project(scene, {-0.6f, 0.01f, 1.0f}));
  EXPECT_GT(onLine.r, 150);
  EXPECT_GT(onLine.g, 120);
  EXPECT_LT(onLine.b, 100);
}

// Issue 20 point 2: the golden comparison notices any one object missing. Each object is left out
// in turn; the frame is compared with the committed golden (read only, never rewritten here) and
// must fail, in that object's own region.
TEST_F(RendererGpu, GoldenComparisonNoticesEachMissingObject) {
  auto renderer = makeRenderer();
  ASSERT_TRUE(renderer);
  auto golden =
      readPng(std::string(SKILLSIM_SOURCE_DIR) + "/tests/render/golden/red_box_scene.png");
  ASSERT_TRUE(golden) << golden.error().toString();
  std::vector<GoldenObject> objects;
  const core::SceneView full = goldenScene(&objects);
  const auto regions = goldenRegions(full, objects);
  ASSERT_EQ(objects.size(), 6u);
  for (std::size_t k = 0; k < objects.size(); ++k) {
    core::SceneView scene = full;
    if (objects[k].instance) {
      scene.instances.erase(scene.instances.begin() + std::ptrdiff_t(*objects[k].instance));
    } else {
      scene.lines.clear();
    }
    const RgbaImage image = draw(*renderer, scene);
    ASSERT_EQ(image.width, golden->width);
    const ImageDifference d = compareImages(image, *golden, regions, 12);
    const bool wholeOver = double(d.differing) > 0.001 * double(kSize * kSize);
    EXPECT_TRUE(wholeOver || !d.overBudget.empty())
        << "without the " << objects[k].name << " the comparison still passes";
    EXPECT_GT(d.regionDiffering[k], regions[k].maxDiffering)
        << "the " << objects[k].name << "'s own region (" << regions[k].x0 << "," << regions[k].y0
        << ")-(" << regions[k].x1 << "," << regions[k].y1
        << ") did not notice it gone: " << d.regionDiffering[k] << " pixels differ";
    std::cout << "without the " << objects[k].name << ": " << d.differing
              << " pixels differ, its region " << d.regionDiffering[k] << " (budget "
              << regions[k].maxDiffering << ")\n";
  }
}

TEST_F(RendererGpu, WritesPngOfTheFrame) {
  auto renderer = makeRenderer();
  ASSERT_TRUE(renderer);
  const RgbaImage image = draw(*renderer, redBoxOnGround());
  const std::string path = testOutputPath("screenshot.png");
  ASSERT_TRUE(writePng(image, path));
  auto back = readPng(path);
  ASSERT_TRUE(back) << back.error().toString();
  EXPECT_EQ(back->pixels, image.pixels);
}

TEST_F(RendererGpu, ResizeChangesTheImageSize) {
  auto renderer = makeRenderer(4, 128, 96);
  ASSERT_TRUE(renderer);
  const core::SceneView scene = redBoxOnGround();
  EXPECT_EQ(draw(*renderer, scene).width, 128u);
  renderer->resize(200, 150);
  const RgbaImage image = draw(*renderer, scene);
  EXPECT_EQ(image.width, 200u);
  EXPECT_EQ(image.height, 150u);
  const Rgb box = pixelAt(image, project(scene, {0.0f, 0.5f, 0.0f}, 200, 150));
  EXPECT_GT(box.r, 3 * box.g);
  EXPECT_EQ(renderer->frameCount(), 2u);
}

TEST_F(RendererGpu, InstancesOfOneMeshDrawAtTheirOwnPlaces) {
  auto renderer = makeRenderer();
  ASSERT_TRUE(renderer);
  core::SceneView scene;
  scene.camera.position = {0.0f, 8.0f, 0.01f};
  scene.camera.target = {0.0f, 0.0f, 0.0f};
  scene.meshes.push_back({.kind = core::MeshKind::Box, .size = glm::vec3(0.8f)});
  scene.materials.push_back({.baseColor = kRed});
  scene.materials.push_back({.baseColor = kGreen});
  for (int i = 0; i < 4; ++i) {
    scene.instances.push_back(
        {.mesh = core::MeshId(0),
         .material = core::MaterialId(std::uint32_t(i % 2)),
         .transform = glm::translate(glm::mat4(1.0f), {-3.0f + 2.0f * float(i), 0.0f, 0.0f})});
  }
  const RgbaImage image = draw(*renderer, scene);
  for (int i = 0; i < 4; ++i) {
    const Rgb c = pixelAt(image, project(scene, {-3.0f + 2.0f * float(i), 0.4f, 0.0f}));
    if (i % 2 == 0) {
      EXPECT_GT(c.r, 2 * c.g) << "instance " << i;
    } else {
      EXPECT_GT(c.g, 2 * c.r) << "instance " << i;
    }
  }
}

TEST_F(RendererGpu, InstanceNamingAMissingMeshIsAnError) {
  auto renderer = makeRenderer();
  ASSERT_TRUE(renderer);
  core::SceneView scene = redBoxOnGround();
  scene.instances.push_back({.mesh = core::MeshId(7), .material = core::MaterialId(0)});
  auto status = renderer->render(scene);
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().toString().find("instances[2].mesh"), std::string::npos)
      << status.error().toString();
  EXPECT_NE(status.error().message.find("mesh 7"), std::string::npos);
}

TEST_F(RendererGpu, MissingGltfFileIsAnErrorNamingIt) {
  auto renderer = makeRenderer();
  ASSERT_TRUE(renderer);
  core::SceneView scene = redBoxOnGround();
  addThing(scene, {.kind = core::MeshKind::Gltf, .assetPath = "/nonexistent/hook.glb"}, kRed,
           glm::mat4(1.0f));
  auto status = renderer->render(scene);
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().toString().find("/nonexistent/hook.glb"), std::string::npos)
      << status.error().toString();
  // The renderer is still usable after a bad frame.
  scene.instances.pop_back();
  EXPECT_TRUE(renderer->render(scene));
}

namespace {

std::string base64(const std::vector<std::uint8_t>& bytes) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::uint32_t n = (std::uint32_t(bytes[i]) << 16) |
                            (i + 1 < bytes.size() ? std::uint32_t(bytes[i + 1]) << 8 : 0) |
                            (i + 2 < bytes.size() ? std::uint32_t(bytes[i + 2]) : 0);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[n & 63] : '=';
  }
  return out;
}

/**
 * A glTF 2.0 file of one 2 x 2 m square in the XY plane (corners at +-1 m, counter-clockwise seen
 * from +Z, no normals: the loader computes them), under a node translated by (0, 1, 0): in the
 * world it spans x -1..1, y 0..2 at z 0.
 */
std::string writeSquareGltf() {
  const float positions[12] = {-1, -1, 0, 1, -1, 0, 1, 1, 0, -1, 1, 0};
  const std::uint16_t indices[6] = {0, 1, 2, 0, 2, 3};
  std::vector<std::uint8_t> bytes(60, 0);
  std::memcpy(bytes.data(), positions, 48);
  std::memcpy(bytes.data() + 48, indices, 12);
  const std::string json = R"({
  "asset": {"version": "2.0"},
  "scene": 0,
  "scenes": [{"nodes": [0]}],
  "nodes": [{"mesh": 0, "translation": [0, 1, 0]}],
  "meshes": [{"name": "plate", "primitives": [{"attributes": {"POSITION": 0}, "indices": 1}]}],
  "buffers": [{"byteLength": 60, "uri": "data:application/octet-stream;base64,)" +
                           base64(bytes) + R"("}],
  "bufferViews": [{"buffer": 0, "byteOffset": 0, "byteLength": 48},
                  {"buffer": 0, "byteOffset": 48, "byteLength": 12}],
  "accessors": [
    {"bufferView": 0, "componentType": 5126, "count": 4, "type": "VEC3",
     "min": [-1, -1, 0], "max": [1, 1, 0]},
    {"bufferView": 1, "componentType": 5123, "count": 6, "type": "SCALAR"}]
})";
  const std::string path = testOutputPath("square.gltf");
  std::ofstream(path, std::ios::binary) << json;
  return path;
}

} // namespace

// A glTF mesh is drawn where its file and its instance put it: the square (node at y + 1 m, the
// instance moved 0.5 m along +X) shows its material's green at its centre and at points inside
// its edges, and sky just outside them, including where the square would be without the node's
// translation.
TEST_F(RendererGpu, GltfMeshIsDrawnWithItsNodeTransform) {
  auto renderer = makeRenderer();
  ASSERT_TRUE(renderer);
  core::SceneView scene;
  scene.camera.position = {0.5f, 1.0f, 6.0f};
  scene.camera.target = {0.5f, 1.0f, 0.0f};
  scene.light.direction = {0.0f, 0.0f, -1.0f}; // straight onto the square
  addThing(scene, {.kind = core::MeshKind::Gltf, .assetPath = writeSquareGltf()}, kGreen,
           glm::translate(glm::mat4(1.0f), {0.5f, 0.0f, 0.0f}), 1.0f);
  const RgbaImage image = draw(*renderer, scene);
  (void)writePng(image, testOutputPath("gltf_square.png"));
  auto green = [&](glm::vec3 p) {
    const Rgb c = pixelAt(image, project(scene, p));
    return c.g > 2 * c.r && c.g > 2 * c.b;
  };
  // Inside: the centre and 0.1 m in from each edge (world x -0.5..1.5, y 0..2).
  for (const glm::vec3 p :
       {glm::vec3(0.5f, 1.0f, 0.0f), glm::vec3(-0.4f, 1.0f, 0.0f), glm::vec3(1.4f, 1.0f, 0.0f),
        glm::vec3(0.5f, 0.1f, 0.0f), glm::vec3(0.5f, 1.9f, 0.0f)}) {
    EXPECT_TRUE(green(p)) << "no square at (" << p.x << ", " << p.y << ")";
  }
  // Outside: 0.1 m beyond each edge, and below y = 0 where the untranslated square would reach.
  for (const glm::vec3 p :
       {glm::vec3(-0.6f, 1.0f, 0.0f), glm::vec3(1.6f, 1.0f, 0.0f), glm::vec3(0.5f, -0.1f, 0.0f),
        glm::vec3(0.5f, 2.1f, 0.0f), glm::vec3(0.5f, -0.5f, 0.0f)}) {
    EXPECT_FALSE(green(p)) << "square drawn at (" << p.x << ", " << p.y << ")";
  }
}

TEST_F(RendererGpu, GpuOptionPicksByIndexOrNameAndRejectsUnknown) {
  RendererOptions options;
  options.width = 32;
  options.height = 32;
  options.validation = Validation::On;
  auto devices = Renderer::listDevices();
  ASSERT_TRUE(devices) << devices.error().toString();
  ASSERT_FALSE(devices->empty());
  options.gpu = "0";
  auto byIndex = Renderer::create(options);
  ASSERT_TRUE(byIndex) << byIndex.error().toString();
  EXPECT_EQ(adopt(std::move(*byIndex))->deviceName(), devices->front().name);

  options.gpu = "99";
  auto outOfRange = Renderer::create(options);
  ASSERT_FALSE(outOfRange);
  EXPECT_NE(outOfRange.error().message.find("--gpu 99"), std::string::npos);
  EXPECT_NE(outOfRange.error().message.find(devices->front().name), std::string::npos)
      << "the message lists the devices";

  options.gpu = "no-such-gpu";
  auto byName = Renderer::create(options);
  ASSERT_FALSE(byName);
  EXPECT_NE(byName.error().message.find("no device name contains"), std::string::npos);
}

// No Vulkan driver at all: the loader is pointed at an ICD manifest that does not exist, in a
// child process (death-test machinery), before any instance is created.
TEST(RendererNoDriver, SaysWhatIsMissingAndExitsNonZero) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        setenv("VK_ICD_FILENAMES", "/nonexistent/skillsim_icd.json", 1);
        setenv("VK_DRIVER_FILES", "/nonexistent/skillsim_icd.json", 1);
        auto renderer = Renderer::create({.width = 16, .height = 16});
        if (renderer) {
          std::exit(0);
        }
        std::fprintf(stderr, "%s\n", renderer.error().toString().c_str());
        std::exit(3);
      },
      ::testing::ExitedWithCode(3), "mesa-vulkan-drivers");
}
