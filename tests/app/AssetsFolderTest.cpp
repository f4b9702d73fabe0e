#include <skillsim/app/AssetsFolder.h>

#include <gtest/gtest.h>

#include <fstream>

#include <unistd.h>

namespace skillsim::app {
namespace {

namespace fs = std::filesystem;

/**
 * A scratch tree under the system's temporary folder, emptied first: outside the source and
 * build trees, so no assets/ above it answers by accident.
 */
fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() /
                       ("skillsim-assets-folder-test-" + std::to_string(getpid()) + "-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void makeAssets(const fs::path& assets) { fs::create_directories(assets / "i18n"); }

void touch(const fs::path& file) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << "x";
}

TEST(AssetsFolderTest, InstalledProgramFindsShareSkillsimBesideItsBinFolder) {
  const fs::path prefix = scratch("prefix");
  touch(prefix / "bin" / "skillsim");
  makeAssets(prefix / "share" / "skillsim" / "assets");
  const fs::path elsewhere = scratch("elsewhere"); // no assets/ above: only the prefix can answer
  const AssetsSearch search{.executable = prefix / "bin" / "skillsim", .currentFolder = elsewhere};
  const auto found = findAssetsFolder((elsewhere / "my.toml").string(), search);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(fs::weakly_canonical(*found),
            fs::weakly_canonical(prefix / "share" / "skillsim" / "assets"));
}

TEST(AssetsFolderTest, ScenarioTreeWithItsOwnAssetsComesBeforeTheInstalledOnes) {
  const fs::path prefix = scratch("prefix2");
  makeAssets(prefix / "share" / "skillsim" / "assets");
  const fs::path centre = scratch("centre"); // a training centre's own tree
  makeAssets(centre / "assets");
  const AssetsSearch search{.executable = prefix / "bin" / "skillsim", .currentFolder = {}};
  const auto found =
      findAssetsFolder((centre / "scenarios" / "crane" / "task.toml").string(), search);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found, centre / "assets");
}

TEST(AssetsFolderTest, AProgramOutsideThisBuildTreeNeverReadsTheSourceTree) {
  // An installed copy with nothing installed beside it: the checkout this test was built from
  // exists, but is not offered, and nothing above the current folder either.
  const fs::path prefix = scratch("bare");
  const AssetsSearch search{.executable = prefix / "bin" / "skillsim",
                            .currentFolder = scratch("bare-cwd")};
  EXPECT_TRUE(installedAssetsFolders(search.executable).empty());
  EXPECT_FALSE(findAssetsFolder("", search).has_value());
  const std::string said = describeAssetsSearch("", search);
  EXPECT_NE(said.find((prefix / "share" / "skillsim" / "assets").string()), std::string::npos)
      << said;
}

TEST(AssetsFolderTest, AProgramOfThisBuildTreeFallsBackToItsSourceAssets) {
  // This test binary lies in the build tree, so the compiled-in source tree answers.
  const auto found = installedAssetsFolders(AssetsSearch::fromProcess().executable);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(fs::weakly_canonical(found.back()),
            fs::weakly_canonical(fs::path(SKILLSIM_SOURCE_DIR) / "assets"));
}

TEST(AssetsFolderTest, CommandLineScenariosFindInstalledStandards) {
  // This program's fallbacks hold the shipped standards (the source tree's, here).
  const auto options = commandLineLoadOptions();
  ASSERT_FALSE(options.fallbackAssetsRoots.empty());
  EXPECT_TRUE(fs::is_regular_file(options.fallbackAssetsRoots.front() / "standards" /
                                  "q2-overhead-crane.toml"));
}

} // namespace
} // namespace skillsim::app
