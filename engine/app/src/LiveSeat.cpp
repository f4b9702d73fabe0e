#include "skillsim/app/LiveSeat.h"

#include <skillsim/records/TraceWriter.h>
#include <skillsim/ui/I18n.h>
#include <skillsim/ui/TaskClock.h>

#include <unistd.h>

#include <array>
#include <numbers>
#include <ostream>

namespace skillsim::app {

records::LiveSeatState liveSeatState(const std::string& seat, const std::string& trainee,
                                     const std::string& mode, bool paused,
                                     const scenario::AttemptRunner& runner) {
  records::LiveSeatState s;
  const sim::Simulation& simulation = runner.simulation();
  const assessment::Assessor& assessor = runner.assessor();
  s.seat = seat;
  s.traineeId = trainee;
  s.scenarioId = runner.scenario().id;
  s.mode = mode;
  const auto phases = assessor.phaseTicks();
  s.phase = phases.empty() ? std::string() : phases.back().phaseId;
  s.paused = paused;
  s.tick = simulation.tick();
  s.elapsedS = simulation.time();
  s.score = runner.runningScore();
  s.maxScore = assessor.maxScore();
  if (!assessor.deductions().empty()) {
    const assessment::Deduction& d = assessor.deductions().back();
    s.lastDeduction = records::LiveDeduction{d.itemId, d.criterionId, d.points, d.time, d.measured};
  }
  if (const sim::MachineDecl* machine = simulation.machine()) {
    const sim::Metrics& metrics = simulation.metrics();
    for (const sim::ReadoutDecl& r : machine->readouts) {
      const sim::MetricDecl* decl = machine->metric(r.metric);
      const auto index = metrics.find(r.metric);
      if (decl == nullptr || !index || r.trainingAid) {
        continue;
      }
      // Angles go out in degrees, as the HUD shows them: a classroom never reads radians.
      const bool angle =
          decl->unit == sim::Unit::Radian || decl->unit == sim::Unit::RadianPerSecond;
      const double value = metrics.get(*index) * (angle ? 180.0 / std::numbers::pi : 1.0);
      const std::string unit = decl->unit == sim::Unit::Radian            ? "\u00b0"
                               : decl->unit == sim::Unit::RadianPerSecond ? "\u00b0/s"
                               : decl->unit == sim::Unit::Flag
                                   ? std::string(records::kLiveFlagUnit)
                                   : std::string(sim::unitSymbol(decl->unit));
      const sim::ReadoutWord* word = r.wordFor(metrics.get(*index));
      s.readouts.push_back({r.metric, decl->labelZh, decl->labelEn, unit, value, r.precision,
                            word ? word->zh : std::string(), word ? word->en : std::string()});
    }
    const auto x = metrics.find(machine->planX);
    const auto z = metrics.find(machine->planZ);
    s.planX = x ? metrics.get(*x) : 0.0;
    s.planZ = z ? metrics.get(*z) : 0.0;
    s.areaCentreX = machine->sceneCentre.x;
    s.areaCentreZ = machine->sceneCentre.z;
    s.areaExtent = machine->sceneExtent;
  }
  return s;
}

std::string seatName(const std::string& seatOption) {
  if (!seatOption.empty()) {
    return seatOption;
  }
  std::array<char, 256> host{};
  if (::gethostname(host.data(), host.size() - 1) == 0 && host[0] != '\0') {
    return std::string(host.data());
  }
  return "workstation";
}

namespace {

/** `text` cut to at most `limit` bytes without splitting a UTF-8 sequence. */
std::string cutUtf8(const std::string& text, std::size_t limit) {
  if (text.size() <= limit) {
    return text;
  }
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0U) == 0x80U) {
    --end; // text[end] continues a sequence: cut before its lead byte
  }
  return text.substr(0, end);
}

} // namespace

InstructorEffect decideInstructorCommand(const records::SeatCommand& command, bool practice) {
  using records::InstructorCommandKind;
  InstructorEffect e;
  e.kind = command.kind;
  e.text = cutUtf8(command.text, records::kMaxInstructorTextBytes);
  switch (command.kind) {
  case InstructorCommandKind::Pause:
  case InstructorCommandKind::Resume:
    e.outcome =
        practice ? records::InstructorOutcome::Applied : records::InstructorOutcome::Refused;
    e.hold = practice && command.kind == InstructorCommandKind::Pause;
    e.release = practice && command.kind == InstructorCommandKind::Resume;
    break;
  case InstructorCommandKind::Message: break;
  case InstructorCommandKind::End: e.end = true; break;
  }
  return e;
}

std::vector<InstructorEffect> applyInstructorCommands(InstructorCommandSource& source,
                                                      std::uint64_t tick, bool held, bool practice,
                                                      records::TraceWriter* writer,
                                                      std::ostream& err) {
  std::vector<InstructorEffect> effects;
  for (const records::SeatCommand& c : source.take(tick, held)) {
    InstructorEffect e = decideInstructorCommand(c, practice);
    if (writer != nullptr) {
      if (auto ok = writer->recordInstructorEvent(e.kind, e.outcome, e.text); !ok) {
        err << "skillsim run: " << ok.error().toString() << '\n';
      }
    }
    source.settled(c, tick, e.outcome);
    effects.push_back(std::move(e));
  }
  return effects;
}

std::string instructorMessageText(const std::string& message, const ui::I18n& text) {
  const std::array<std::pair<std::string_view, std::string>, 1> values = {
      std::pair<std::string_view, std::string>{"text", message}};
  return ui::fillTemplate(text.text("hud.instructor_message"), values);
}

std::string instructorRefusedText(const ui::I18n& text) {
  return text.text("hud.instructor_pause_refused");
}

std::vector<records::SeatCommand> ScriptedInstructor::take(std::uint64_t tick, bool held) {
  std::vector<records::SeatCommand> out;
  if (held && mNext < mScript.size() && mScript[mNext].first > tick) {
    out.push_back(mScript[mNext].second);
    ++mNext;
    return out;
  }
  while (mNext < mScript.size() && mScript[mNext].first <= tick) {
    out.push_back(mScript[mNext].second);
    ++mNext;
  }
  return out;
}

} // namespace skillsim::app
