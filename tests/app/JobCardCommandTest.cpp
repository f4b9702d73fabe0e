#include <skillsim/app/Cli.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using skillsim::app::runCli;

namespace {

struct CardRun {
  int code;
  std::string out;
  std::string err;
};

CardRun cli(std::vector<std::string> args) {
  args.insert(args.begin(), "jobcard");
  std::ostringstream out;
  std::ostringstream err;
  int code = runCli(args, out, err);
  return {code, out.str(), err.str()};
}

std::filesystem::path dir() {
  std::filesystem::path d = std::filesystem::path(SKILLSIM_TEST_OUTPUT_DIR) / "jobcard-cli";
  std::filesystem::create_directories(d);
  return d;
}

std::string course() {
  return std::string(SKILLSIM_SOURCE_DIR) + "/courses/overhead_crane/q2_operator.toml";
}

std::string newCard(const std::string& name) {
  std::string path = (dir() / name).string();
  CardRun r = cli({"new",
                   "--course",
                   course(),
                   "--task",
                   "workshop_part_lift",
                   "--trainee",
                   "T2026-017",
                   "--company",
                   "华东重工",
                   "--workshop",
                   "二号装配车间",
                   "--machine",
                   "QD 5 t No. 3",
                   "--date",
                   "2026-11-20",
                   "--mentor-name",
                   "王建国",
                   "--mentor-id",
                   "M-0042",
                   "--item",
                   "pre_use_check=4",
                   "--item",
                   "signals=5",
                   "--out",
                   path});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  return path;
}

std::string read(const std::string& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

TEST(JobCardCommand, NewSaysWhichItemsAreNotTickedAndThatTheyCountZero) {
  CardRun r = cli({"new",
                   "--course",
                   course(),
                   "--task",
                   "workshop_part_lift",
                   "--trainee",
                   "T",
                   "--company",
                   "C",
                   "--workshop",
                   "W",
                   "--machine",
                   "M",
                   "--date",
                   "2026-11-20",
                   "--mentor-name",
                   "N",
                   "--mentor-id",
                   "I",
                   "--item",
                   "signals=5",
                   "--out",
                   (dir() / "partial.toml").string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("  signals: ticked, rated 5 of 5\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  pre_use_check: NOT ticked, so it counts 0 of 5 (give --item "
                       "pre_use_check=RATING if the mentor saw it)\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  smooth_lift: NOT ticked, so it counts 0 of 5"), std::string::npos)
      << r.out;
}

TEST(JobCardCommand, NewSignVerifyShowsWhoSignedAndTheMentorsPart) {
  std::string card = newCard("signed.toml");
  CardRun unsignedRun = cli({"verify", card});
  EXPECT_EQ(unsignedRun.code, 1);
  EXPECT_NE(unsignedRun.out.find("NOT SIGNED by the mentor: it does not count"), std::string::npos)
      << unsignedRun.out;

  const std::string keys = (dir() / "wang-keys").string();
  CardRun sign = cli({"sign", card, "--key-dir", keys});
  ASSERT_EQ(sign.code, 0) << sign.err;
  const auto at = sign.out.find("with key ");
  ASSERT_NE(at, std::string::npos) << sign.out;
  const std::string key = sign.out.substr(at + 9, 64);

  CardRun verify = cli({"verify", card, "--course", course(), "--trusted-key", key});
  EXPECT_EQ(verify.code, 0) << verify.out << verify.err;
  EXPECT_NE(verify.out.find("signed by mentor 王建国 (M-0042) with key " + key), std::string::npos)
      << verify.out;
  // (4 + 5 + 0) of the course's 3 items rated out of 5 each: 9 / 15 = 60.
  EXPECT_NE(verify.out.find("mentor's rating for learning task 'workshop_part_lift': 60 of 100"),
            std::string::npos)
      << verify.out;

  // Another mentor's key only: the card does not count.
  // Without a trusted key only the card's integrity is known, not whose key signed it (found by a
  // new user: a card the trainee signed with their own key read "counts").
  CardRun unchecked = cli({"verify", card, "--course", course()});
  EXPECT_EQ(unchecked.code, 1);
  EXPECT_NE(unchecked.out.find("signed for mentor 王建国 (M-0042) with key " + key),
            std::string::npos)
      << unchecked.out;
  EXPECT_NE(unchecked.out.find("whose key this is was NOT checked (give the mentor's registered "
                               "key with --trusted-key): it counts only with a trusted key"),
            std::string::npos)
      << unchecked.out;
  EXPECT_EQ(unchecked.out.find("; counts"), std::string::npos) << unchecked.out;
  EXPECT_NE(unchecked.out.find("'workshop_part_lift' (once its key is trusted): 60 of 100"),
            std::string::npos)
      << unchecked.out;
  CardRun other = cli({"verify", card, "--trusted-key", std::string(64, 'a')});
  EXPECT_EQ(other.code, 1);
  EXPECT_NE(other.out.find("not a trusted mentor key: it does not count"), std::string::npos);

  // A second mentor may not overwrite the first one's signature.
  CardRun resign = cli({"sign", card, "--key-dir", (dir() / "li-keys").string()});
  EXPECT_EQ(resign.code, 1);
  EXPECT_NE(resign.err.find("already signed with another key"), std::string::npos) << resign.err;
}

TEST(JobCardCommand, AnEditedCardIsShownAltered) {
  std::string card = newCard("edited.toml");
  ASSERT_EQ(cli({"sign", card, "--key-dir", (dir() / "wang-keys").string()}).code, 0);
  std::string text = read(card);
  const std::string from = "mentor_id = \"M-0042\"";
  text.replace(text.find(from), from.size(), "mentor_id = \"M-0007\"");
  std::ofstream(card, std::ios::trunc) << text;
  CardRun r = cli({"verify", card});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("ALTERED after it was signed"), std::string::npos) << r.out;

  CardRun list = cli({"list", dir().string()});
  EXPECT_EQ(list.code, 0);
  EXPECT_NE(list.out.find("edited.toml: ALTERED, trainee T2026-017"), std::string::npos)
      << list.out;
}

TEST(JobCardCommand, AnAlteredCardIsNotSignedAgainAndStaysAltered) {
  std::string card = newCard("forged.toml");
  const std::string keys = (dir() / "wang-keys").string();
  ASSERT_EQ(cli({"sign", card, "--key-dir", keys}).code, 0);
  std::string text = read(card);
  const std::string from = "mentor_id = \"M-0042\"";
  text.replace(text.find(from), from.size(), "mentor_id = \"M-0007\"");
  std::ofstream(card, std::ios::trunc) << text;
  CardRun again = cli({"sign", card, "--key-dir", keys});
  EXPECT_EQ(again.code, 1);
  EXPECT_NE(again.err.find("was changed after it was signed"), std::string::npos) << again.err;
  EXPECT_EQ(read(card), text); // nothing rewritten
  CardRun r = cli({"verify", card});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("ALTERED after it was signed"), std::string::npos) << r.out;
}

TEST(JobCardCommand, ATruncatedCardIsNamedAndDoesNotCount) {
  std::string card = newCard("truncated.toml");
  ASSERT_EQ(cli({"sign", card, "--key-dir", (dir() / "wang-keys").string()}).code, 0);
  std::string text = read(card);
  std::ofstream(card, std::ios::trunc) << text.substr(0, text.size() - 30);
  CardRun r = cli({"verify", card});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find(card + ":"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("TOML syntax error"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("it does not count"), std::string::npos) << r.out;
}

TEST(JobCardCommand, NewRefusesAnUnknownItemAndABadDate) {
  CardRun item = cli({"new",
                      "--course",
                      course(),
                      "--task",
                      "workshop_part_lift",
                      "--trainee",
                      "T",
                      "--company",
                      "C",
                      "--workshop",
                      "W",
                      "--machine",
                      "M",
                      "--date",
                      "2026-11-20",
                      "--mentor-name",
                      "N",
                      "--mentor-id",
                      "I",
                      "--item",
                      "brakes=3",
                      "--out",
                      (dir() / "x.toml").string()});
  EXPECT_EQ(item.code, 2);
  EXPECT_NE(item.err.find("pre_use_check, signals, smooth_lift"), std::string::npos) << item.err;
  CardRun date = cli({"new",
                      "--course",
                      course(),
                      "--task",
                      "workshop_part_lift",
                      "--trainee",
                      "T",
                      "--company",
                      "C",
                      "--workshop",
                      "W",
                      "--machine",
                      "M",
                      "--date",
                      "2026-13-01",
                      "--mentor-name",
                      "N",
                      "--mentor-id",
                      "I",
                      "--out",
                      (dir() / "y.toml").string()});
  EXPECT_EQ(date.code, 1);
  EXPECT_NE(date.err.find("date: '2026-13-01' is not a day YYYY-MM-DD that exists"),
            std::string::npos)
      << date.err;
  CardRun task = cli({"new",
                      "--course",
                      course(),
                      "--task",
                      "nope",
                      "--trainee",
                      "T",
                      "--company",
                      "C",
                      "--workshop",
                      "W",
                      "--machine",
                      "M",
                      "--date",
                      "2026-11-20",
                      "--mentor-name",
                      "N",
                      "--mentor-id",
                      "I",
                      "--out",
                      (dir() / "z.toml").string()});
  EXPECT_EQ(task.code, 1);
  EXPECT_NE(task.err.find("has no learning task 'nope'"), std::string::npos) << task.err;
}
