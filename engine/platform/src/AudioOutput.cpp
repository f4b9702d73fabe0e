#include "skillsim/platform/AudioOutput.h"

#include <AL/al.h>
#include <AL/alc.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <numbers>
#include <ostream>

namespace skillsim::platform {
namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;
constexpr std::size_t kSoundCount = 4;
constexpr std::size_t kVoices = 4;

/** A 5 ms linear fade in and out, so a sound starts and ends at 0. */
double envelope(std::size_t i, std::size_t n) {
  const double fade = 0.005 * kSoundSampleRate;
  const double a = std::min(1.0, static_cast<double>(i) / fade);
  const double b = std::min(1.0, static_cast<double>(n - 1 - i) / fade);
  return std::min(a, b);
}

std::vector<std::int16_t> render(double seconds, auto&& wave) {
  const auto n = static_cast<std::size_t>(seconds * kSoundSampleRate);
  std::vector<std::int16_t> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double t = static_cast<double>(i) / kSoundSampleRate;
    const double v = std::clamp(wave(t) * envelope(i, n), -0.59, 0.59);
    out[i] = static_cast<std::int16_t>(std::lround(v * 32767.0));
  }
  return out;
}

} // namespace

std::vector<std::int16_t> synthesiseSound(Sound sound) {
  switch (sound) {
  case Sound::Horn:
    return render(0.6, [](double t) {
      const double f = 392.0;
      return 0.3 * std::sin(kTwoPi * f * t) + 0.15 * std::sin(kTwoPi * 3 * f * t) +
             0.08 * std::sin(kTwoPi * 5 * f * t);
    });
  case Sound::Click:
    return render(
        0.04, [](double t) { return 0.5 * std::exp(-t / 0.008) * std::sin(kTwoPi * 1800 * t); });
  case Sound::Buzz:
    return render(0.3, [](double t) { return std::sin(kTwoPi * 150 * t) >= 0.0 ? 0.25 : -0.25; });
  case Sound::Chime:
    return render(0.4,
                  [](double t) { return 0.4 * std::sin(kTwoPi * (t < 0.2 ? 880.0 : 660.0) * t); });
  }
  return {};
}

struct AudioOutput::Device {
  ALCdevice* device = nullptr;
  ALCcontext* context = nullptr;
  std::array<ALuint, kSoundCount> buffers{};
  std::array<ALuint, kVoices> sources{};
  std::size_t next = 0;

  ~Device() {
    if (context != nullptr) {
      alSourceStopv(static_cast<ALsizei>(sources.size()), sources.data());
      alDeleteSources(static_cast<ALsizei>(sources.size()), sources.data());
      alDeleteBuffers(static_cast<ALsizei>(buffers.size()), buffers.data());
      alcMakeContextCurrent(nullptr);
      alcDestroyContext(context);
    }
    if (device != nullptr) {
      alcCloseDevice(device);
    }
  }
};

AudioOutput::AudioOutput(std::unique_ptr<Device> device) : mDevice(std::move(device)) {}
AudioOutput::~AudioOutput() = default;

std::unique_ptr<AudioOutput> AudioOutput::silent() {
  return std::unique_ptr<AudioOutput>(new AudioOutput(nullptr));
}

std::unique_ptr<AudioOutput> AudioOutput::open(std::ostream& log) {
  // OpenAL Soft logs every backend it fails to open on stderr; one line of ours says it instead.
  setenv("ALSOFT_LOGLEVEL", "0", 0);
  auto d = std::make_unique<Device>();
  d->device = alcOpenDevice(nullptr);
  if (d->device == nullptr) {
    log << "audio: no sound output device; feedback is shown on screen only\n";
    return silent();
  }
  d->context = alcCreateContext(d->device, nullptr);
  if (d->context == nullptr || alcMakeContextCurrent(d->context) == ALC_FALSE) {
    log << "audio: the sound device could not be started; feedback is shown on screen only\n";
    return silent();
  }
  alGetError();
  alGenBuffers(static_cast<ALsizei>(d->buffers.size()), d->buffers.data());
  alGenSources(static_cast<ALsizei>(d->sources.size()), d->sources.data());
  for (std::size_t i = 0; i < kSoundCount; ++i) {
    const auto samples = synthesiseSound(static_cast<Sound>(i));
    alBufferData(d->buffers[i], AL_FORMAT_MONO16, samples.data(),
                 static_cast<ALsizei>(samples.size() * sizeof(std::int16_t)), kSoundSampleRate);
  }
  if (alGetError() != AL_NO_ERROR) {
    log << "audio: the sounds could not be loaded; feedback is shown on screen only\n";
    return silent();
  }
  return std::unique_ptr<AudioOutput>(new AudioOutput(std::move(d)));
}

void AudioOutput::play(Sound sound) {
  ++mPlayed;
  if (!mDevice) {
    return;
  }
  const ALuint source = mDevice->sources[mDevice->next];
  mDevice->next = (mDevice->next + 1) % mDevice->sources.size();
  alSourceStop(source);
  alSourcei(source, AL_BUFFER,
            static_cast<ALint>(mDevice->buffers[static_cast<std::size_t>(sound)]));
  alSourcePlay(source);
}

bool AudioOutput::audible() const { return mDevice != nullptr; }

} // namespace skillsim::platform
