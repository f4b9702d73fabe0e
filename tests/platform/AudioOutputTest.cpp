// Feedback sounds: synthesised in code, and silent without an audio device (CI, Xvfb).
#include <skillsim/platform/AudioOutput.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>

using namespace skillsim::platform;

namespace {

int zeroCrossings(const std::vector<std::int16_t>& s, std::size_t from, std::size_t to) {
  int n = 0;
  for (std::size_t i = from + 1; i < to; ++i) {
    n += (s[i - 1] < 0) != (s[i] < 0) ? 1 : 0;
  }
  return n;
}

} // namespace

TEST(AudioOutput, SoundsAreMadeInCodeWithTheirLengthsAndPitches) {
  for (Sound sound : {Sound::Horn, Sound::Click, Sound::Buzz, Sound::Chime}) {
    const auto s = synthesiseSound(sound);
    ASSERT_FALSE(s.empty());
    EXPECT_EQ(s.front(), 0);
    EXPECT_LE(std::abs(s.back()), 200); // faded out: no click at the end
    const auto peak = *std::max_element(s.begin(), s.end(), [](std::int16_t a, std::int16_t b) {
      return std::abs(a) < std::abs(b);
    });
    EXPECT_LT(std::abs(peak), 0.6 * 32767);
    EXPECT_EQ(s, synthesiseSound(sound)); // deterministic
  }
  EXPECT_EQ(synthesiseSound(Sound::Horn).size(), 13230u); // 0.6 s at 22 050 Hz
  EXPECT_EQ(synthesiseSound(Sound::Click).size(), 882u);  // 40 ms
  const auto buzz = synthesiseSound(Sound::Buzz);
  EXPECT_EQ(buzz.size(), 6615u);
  // A 150 Hz square wave crosses zero 300 times a second: 90 in 0.3 s (the faded ends aside).
  EXPECT_NEAR(zeroCrossings(buzz, 0, buzz.size()), 90, 2);
  // The chime: 880 Hz for 0.2 s (352 crossings), then 660 Hz (264).
  const auto chime = synthesiseSound(Sound::Chime);
  EXPECT_NEAR(zeroCrossings(chime, 0, 4410), 352, 3);
  EXPECT_NEAR(zeroCrossings(chime, 4410, chime.size()), 264, 3);
}

TEST(AudioOutput, SilentOutputCountsAndPlaysNothing) {
  const auto out = AudioOutput::silent();
  EXPECT_FALSE(out->audible());
  out->play(Sound::Horn);
  out->play(Sound::Click);
  EXPECT_EQ(out->played(), 2u);
}

TEST(AudioOutput, WithoutADeviceItSaysSoOnceAndStaysSilent) {
  // Whatever this machine has: opening never fails, playing never crashes, and at most one
  // line is logged (none when a device is there).
  std::ostringstream log;
  const auto out = AudioOutput::open(log);
  ASSERT_NE(out, nullptr);
  for (int i = 0; i < 10; ++i) {
    out->play(Sound::Buzz);
  }
  EXPECT_EQ(out->played(), 10u);
  const std::string text = log.str();
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), out->audible() ? 0 : 1) << text;
  if (!out->audible()) {
    EXPECT_EQ(text.rfind("audio: ", 0), 0u) << text;
    EXPECT_NE(text.find("feedback is shown on screen only"), std::string::npos) << text;
  }
}
