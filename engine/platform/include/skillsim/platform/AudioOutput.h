#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <vector>

namespace skillsim::platform {

/**
 * The workstation's feedback sounds. Made in code (synthesiseSound), never loaded from files.
 */
enum class Sound : std::uint8_t {
  Horn,  ///< A warning horn blast: 0.6 s, 392 Hz with its odd harmonics.
  Click, ///< A mechanical click (a load engaged or let go): 40 ms, decaying 1.8 kHz burst.
  Buzz,  ///< Refused or fault: 0.3 s, 150 Hz square wave.
  Chime, ///< A clock warning: two tones, 880 Hz then 660 Hz, 0.2 s each.
};

/** Sample rate of synthesiseSound (Hz). */
inline constexpr int kSoundSampleRate = 22050;

/**
 * The sound as mono signed 16-bit samples at kSoundSampleRate: deterministic (no randomness),
 * peak below 0.6 of full scale, starting and ending at 0 (no click at either end).
 */
[[nodiscard]] std::vector<std::int16_t> synthesiseSound(Sound sound);

/**
 * Plays the feedback sounds through OpenAL Soft. Without an audio device (a CI machine, Xvfb
 * without ALSA) it is silent: open() then writes one line to `log` and play() does nothing.
 * Presentation only: nothing simulated or scored hears it.
 */
class AudioOutput {
public:
  /** Opens the default output device; never fails (silent without one). */
  [[nodiscard]] static std::unique_ptr<AudioOutput> open(std::ostream& log);
  /** A silent output that never touches a device (tests, headless runs). */
  [[nodiscard]] static std::unique_ptr<AudioOutput> silent();

  ~AudioOutput();
  AudioOutput(const AudioOutput&) = delete;
  AudioOutput& operator=(const AudioOutput&) = delete;

  /** Starts `sound` now (a few may overlap); nothing when silent. */
  void play(Sound sound);
  /** True when a device was opened and sounds are heard. */
  [[nodiscard]] bool audible() const;
  /** Sounds asked for so far (heard or not): for tests and the log. */
  [[nodiscard]] std::uint64_t played() const { return mPlayed; }

private:
  struct Device;
  explicit AudioOutput(std::unique_ptr<Device> device);
  std::unique_ptr<Device> mDevice; ///< Null when silent.
  std::uint64_t mPlayed = 0;
};

} // namespace skillsim::platform
