#pragma once

#include <glm/vec3.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace skillsim::sim {

/** What happened. New kinds are appended only (traces and results store them by name). */
enum class SimEventKind : std::uint8_t {
  ContactBegin, ///< `subject` started touching `other` (tags); `value` = peak impulse so far (N s).
  ContactEnd,   ///< The episode ended; `value` = the episode's peak impulse (N s).
  ZoneEnter,    ///< Body tagged `subject` entered zone `other`.
  ZoneExit,     ///< Body tagged `subject` left zone `other`.
  Horn,         ///< The horn was sounded (button pressed this tick).
  EmergencyStop,  ///< The emergency stop was pressed.
  LoadAttached,   ///< The hook engaged load `subject`.
  LoadReleased,   ///< The hook let go of load `subject`.
  LoadDropped,    ///< Load `subject` fell or was released in the air; `value` = height (m).
  Overload,       ///< Hoisted mass exceeded the rated load; `value` = mass (kg).
  PhysicsFault,   ///< Non-finite or exploding state; the run stops. `subject` names the body.
  ControlChanged, ///< Controller `subject` changed to notch `value` (in [-1, 1]).
};

/** Stable snake_case name of an event kind ("contact_begin"), as written in files. */
[[nodiscard]] std::string_view toString(SimEventKind kind);

/**
 * One thing that happened during one tick. For contacts and zones `subject` and `other` are
 * tags: a body's first tag matching the zone's watch list, else its first tag, else its name.
 * In a contact the more mobile body is the subject (dynamic before kinematic before static,
 * then creation order), so "load touched pile" reads subject "load", other "pile". Events of a tick
 * are ordered deterministically (by kind of source, then creation order), so the stream is the same
 * on every run.
 */
struct SimEvent {
  std::uint64_t tick = 0; ///< Tick during which it happened.
  SimEventKind kind = SimEventKind::Horn;
  std::string subject;      ///< Tag of the body (or controller name) concerned, may be empty.
  std::string other;        ///< The other body's tag or the zone's name, may be empty.
  glm::dvec3 position{0.0}; ///< Where it happened (m, world), e.g. the contact point.
  double value = 0.0;       ///< Kind-specific measure; see SimEventKind.
  /** Name of the body `subject` refers to (BodySpec::name, or "crane.hook"), may be empty. */
  std::string subjectBody;
  /** Name of the body `other` refers to (contacts only), may be empty. */
  std::string otherBody;

  friend bool operator==(const SimEvent&, const SimEvent&) = default;
};

} // namespace skillsim::sim
