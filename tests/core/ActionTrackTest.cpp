#include <skillsim/core/ActionTrack.h>

#include <gtest/gtest.h>

#include <vector>

namespace skillsim::core {
namespace {

ActionState axis0(float v) {
  ActionState s;
  s.setAxis(0, v);
  return s;
}

// A track holds runs of equal ticks; reading it back gives every tick as appended.
TEST(ActionTrack, ReadsBackEveryTickFromRunsOfEqualTicks) {
  ActionTrack track;
  track.append(axis0(0.0f), 5);  // ticks 0..4
  track.push_back(axis0(0.5f));  // tick 5
  track.append(axis0(0.5f), 3);  // ticks 6..8: same state, same run
  track.append(axis0(-1.0f), 0); // nothing
  track.append(axis0(-1.0f), 2); // ticks 9..10
  EXPECT_EQ(track.size(), 11u);
  EXPECT_EQ(track.runCount(), 3u);
  EXPECT_EQ(track[0].axis(0), 0.0f);
  EXPECT_EQ(track[4].axis(0), 0.0f);
  EXPECT_EQ(track[5].axis(0), 0.5f);
  EXPECT_EQ(track[8].axis(0), 0.5f);
  EXPECT_EQ(track[9].axis(0), -1.0f);
  EXPECT_EQ(track[10].axis(0), -1.0f);
  EXPECT_EQ(track.back().axis(0), -1.0f);

  const std::vector<float> expected = {0, 0, 0, 0, 0, 0.5f, 0.5f, 0.5f, 0.5f, -1, -1};
  std::vector<float> iterated;
  for (const ActionState& s : track) {
    iterated.push_back(s.axis(0));
  }
  EXPECT_EQ(iterated, expected);
  ASSERT_EQ(track.toVector().size(), 11u);
  EXPECT_EQ(track.toVector()[5], axis0(0.5f));
}

TEST(ActionTrack, EqualSequencesAreEqualHoweverBuilt) {
  const std::vector<ActionState> ticks = {axis0(0.1f), axis0(0.1f), axis0(0.2f)};
  ActionTrack a(ticks);
  ActionTrack b;
  b.append(axis0(0.1f), 2);
  b.push_back(axis0(0.2f));
  EXPECT_EQ(a, b);
  b.push_back(axis0(0.2f));
  EXPECT_FALSE(a == b) << "one tick longer";
  ActionTrack c;
  c.append(axis0(0.1f), 1);
  c.append(axis0(0.2f), 2);
  EXPECT_FALSE(a == c) << "same length, the change one tick earlier";
}

TEST(ActionTrack, FourHoursAtAThousandHertzWithNothingChangingIsOneRun) {
  ActionTrack track;
  for (int second = 0; second < 4 * 3600; ++second) {
    track.append(ActionState{}, 1000); // as a reader appends one frame (one second) at a time
  }
  EXPECT_EQ(track.size(), 14'400'000u);
  EXPECT_EQ(track.runCount(), 1u);
  EXPECT_TRUE(track[14'399'999].neutral());
}

TEST(ActionTrack, EmptyTrackIteratesNothing) {
  ActionTrack track;
  EXPECT_TRUE(track.empty());
  EXPECT_TRUE(track.begin() == track.end());
  EXPECT_TRUE(track.toVector().empty());
}

} // namespace
} // namespace skillsim::core
