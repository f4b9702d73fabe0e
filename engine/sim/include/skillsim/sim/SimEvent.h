#pragma once

#include <glm/vec3.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace skillsim::sim {

/**
 * What happened. The simulation's own kinds are listed here; everything a machine raises (a horn,
 * a load attached, an overload) is `Machine`, with the machine-defined kind in SimEvent::name
 * (declared in MachineDecl::events). Traces and results store kinds by name, never by number.
 */
enum class SimEventKind : std::uint8_t {
  ContactBegin, ///< `subject` started touching `other` (tags); `value` = peak impulse so far (N s).
  ContactEnd,   ///< The episode ended; `value` = the episode's peak impulse (N s).
  ZoneEnter,    ///< Body tagged `subject` entered zone `other`.
  ZoneExit,     ///< Body tagged `subject` left zone `other`.
  PhysicsFault, ///< Non-finite or exploding state; the run stops. `subject` names the body.
  ControlChanged, ///< Drive `subject` changed to notch `value` (in [-1, 1]).
  Machine,        ///< A machine-defined event; its kind is SimEvent::name.
  /**
   * One of the scenario's scheduled events began (docs/scenario-format.md, `[[events]]`: a wind
   * or gust, a person entering a zone, a fault of the machine itself): `subject` = its id, `other`
   * = the zone it concerns (may be empty); `value` = the force's magnitude (N) for a wind, else 0.
   * Raised by the attempt loop through Simulation::raiseEvent, first among its tick's events.
   */
  Scheduled,
};

/** The simulation's own kinds, in order (every kind but Machine). */
inline constexpr SimEventKind kSimulationEventKinds[] = {
    SimEventKind::ContactBegin, SimEventKind::ContactEnd,   SimEventKind::ZoneEnter,
    SimEventKind::ZoneExit,     SimEventKind::PhysicsFault, SimEventKind::ControlChanged,
    SimEventKind::Scheduled};

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
  SimEventKind kind = SimEventKind::Machine;
  std::string subject;      ///< Tag of the body (or controller name) concerned, may be empty.
  std::string other;        ///< The other body's tag or the zone's name, may be empty.
  glm::dvec3 position{0.0}; ///< Where it happened (m, world), e.g. the contact point.
  double value = 0.0;       ///< Kind-specific measure; see SimEventKind.
  /**
   * Machine events only: the limit `value` was held against, in the same unit (e.g. the attach
   * distance allowed, m); 0 when the kind has none. Shown by the event's toast (EventFeedback).
   */
  double limit = 0.0;
  /** Name of the body `subject` refers to (BodySpec::name or a machine body), may be empty. */
  std::string subjectBody;
  /** Name of the body `other` refers to (contacts only), may be empty. */
  std::string otherBody;
  /** Machine events only: the machine-defined kind ("horn", "load_attached"); else empty. */
  std::string name;

  /** The event's kind name: `name` for a machine event, else toString(kind). */
  [[nodiscard]] std::string_view kindName() const;
  /** True when kindName() is `kindName`. */
  [[nodiscard]] bool is(std::string_view kindName) const { return this->kindName() == kindName; }
  /** A machine event of kind `name` at `tick` about `subject`. */
  static SimEvent machine(std::uint64_t tick, std::string name, std::string subject,
                          double value = 0.0);

  friend bool operator==(const SimEvent&, const SimEvent&) = default;
};

/**
 * How far apart two watched bodies are after a tick (SimulationSpec::proximityWatches): what an
 * examiner's eye judges when deciding whether a touch has really ended. Read only; measuring it
 * changes nothing in the simulation.
 */
struct Proximity {
  std::string subjectBody; ///< Body names (BodySpec::name or a machine body), as in SimEvent.
  std::string otherBody;
  /** Gap between the shapes (m; <= 0 touching); +infinity when beyond the watch's range. */
  double distance = 0.0;

  friend bool operator==(const Proximity&, const Proximity&) = default;
};

} // namespace skillsim::sim
