#include "RecordsTestSupport.h"

#include <skillsim/records/UserDirs.h>
#include <skillsim/records/WorkstationKey.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <sys/stat.h>

namespace skillsim::records {
namespace {

using test::TempDir;

unsigned modeOf(const std::filesystem::path& p) {
  struct stat info {};
  EXPECT_EQ(::stat(p.c_str(), &info), 0);
  return info.st_mode & 07777;
}

TEST(WorkstationKey, CreatedOnFirstUseWithOwnerOnlyModeAndReusedAfter) {
  TempDir dir("key");
  const auto config = dir / "skillsim";
  auto first = WorkstationKey::loadOrCreate(config);
  ASSERT_TRUE(first) << first.error().toString();
  EXPECT_EQ(modeOf(config / WorkstationKey::kFileName), 0600u);
  auto second = WorkstationKey::loadOrCreate(config);
  ASSERT_TRUE(second) << second.error().toString();
  EXPECT_EQ(first->publicKey(), second->publicKey());
  TempDir other("key-other");
  auto third = WorkstationKey::loadOrCreate(other.path());
  ASSERT_TRUE(third);
  EXPECT_NE(first->publicKey(), third->publicKey());
}

// Issue 13, point 10: the folder was created 0755 where docs/trace-format.md says 0700.
TEST(WorkstationKey, FolderIsOwnerOnlyWhenCreatedAndTightenedWhenFound) {
  TempDir dir("key-folder");
  const auto fresh = dir / "fresh" / "skillsim";
  ASSERT_TRUE(WorkstationKey::loadOrCreate(fresh));
  EXPECT_EQ(modeOf(fresh), 0700u);
  const auto loose = dir / "loose";
  std::filesystem::create_directories(loose);
  ASSERT_EQ(::chmod(loose.c_str(), 0755), 0);
  ASSERT_TRUE(WorkstationKey::loadOrCreate(loose)); // creates the key in a 0755 folder
  EXPECT_EQ(modeOf(loose), 0700u);
  ASSERT_EQ(::chmod(loose.c_str(), 0775), 0); // an older build's folder, key already there
  ASSERT_TRUE(WorkstationKey::loadOrCreate(loose));
  EXPECT_EQ(modeOf(loose), 0700u);
}

TEST(WorkstationKey, SignsAndVerifies) {
  TempDir dir("key-sign");
  auto key = WorkstationKey::loadOrCreate(dir.path());
  ASSERT_TRUE(key);
  std::vector<std::uint8_t> message = {1, 2, 3, 4, 5};
  const Signature sig = key->sign(message);
  EXPECT_TRUE(WorkstationKey::verify(key->publicKey(), message, sig));
  message[2] ^= 1;
  EXPECT_FALSE(WorkstationKey::verify(key->publicKey(), message, sig));
}

TEST(WorkstationKey, RefusesAKeyReadableByOthers) {
  TempDir dir("key-mode");
  ASSERT_TRUE(WorkstationKey::loadOrCreate(dir.path()));
  const auto file = dir / WorkstationKey::kFileName;
  ASSERT_EQ(::chmod(file.c_str(), 0644), 0);
  auto key = WorkstationKey::loadOrCreate(dir.path());
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().code, core::ErrorCode::Integrity);
  EXPECT_NE(key.error().toString().find("has mode 0644"), std::string::npos);
  EXPECT_NE(key.error().toString().find("chmod 600 " + file.string()), std::string::npos)
      << key.error().toString();
}

TEST(WorkstationKey, RefusesADamagedKeyFile) {
  TempDir dir("key-damaged");
  ASSERT_TRUE(WorkstationKey::loadOrCreate(dir.path()));
  const auto file = dir / WorkstationKey::kFileName;
  std::string text = test::readFile(file);
  text[30] = text[30] == '0' ? '1' : '0'; // one hex digit of the seed
  test::writeFile(file, text);
  auto key = WorkstationKey::loadOrCreate(dir.path());
  ASSERT_FALSE(key);
  EXPECT_NE(key.error().message.find("damaged"), std::string::npos) << key.error().toString();
  test::writeFile(file, "hello\n");
  auto garbage = WorkstationKey::loadOrCreate(dir.path());
  ASSERT_FALSE(garbage);
  EXPECT_NE(garbage.error().message.find("expected one line 'skillsim-ed25519-v1"),
            std::string::npos);
}

TEST(UserDirs, FollowXdgVariables) {
  const char* oldConfig = std::getenv("XDG_CONFIG_HOME");
  const char* oldData = std::getenv("XDG_DATA_HOME");
  const std::string savedConfig = oldConfig ? oldConfig : "";
  const std::string savedData = oldData ? oldData : "";
  const char* oldHome = std::getenv("HOME");
  const std::string savedHome = oldHome ? oldHome : "";
  ::setenv("XDG_CONFIG_HOME", "/tmp/xdg-config", 1);
  ::setenv("XDG_DATA_HOME", "/tmp/xdg-data", 1);
  EXPECT_EQ(defaultConfigDir(), std::filesystem::path("/tmp/xdg-config/skillsim"));
  EXPECT_EQ(defaultStorePath(), std::filesystem::path("/tmp/xdg-data/skillsim/results.sqlite"));
  EXPECT_EQ(defaultQueueDir(), std::filesystem::path("/tmp/xdg-data/skillsim/queue"));
  ::setenv("XDG_CONFIG_HOME", "relative/ignored", 1);
  ::setenv("HOME", "/home/trainee", 1);
  EXPECT_EQ(defaultConfigDir(), std::filesystem::path("/home/trainee/.config/skillsim"));
  oldConfig ? ::setenv("XDG_CONFIG_HOME", savedConfig.c_str(), 1) : ::unsetenv("XDG_CONFIG_HOME");
  oldData ? ::setenv("XDG_DATA_HOME", savedData.c_str(), 1) : ::unsetenv("XDG_DATA_HOME");
  oldHome ? ::setenv("HOME", savedHome.c_str(), 1) : ::unsetenv("HOME");
}

} // namespace
} // namespace skillsim::records
