#include "skillsim/ui/I18n.h"

#include "skillsim/ui/HudGuide.h"

#include <toml++/toml.h>

#include <array>
#include <fstream>
#include <sstream>
#include <vector>

namespace skillsim::ui {
namespace {

constexpr std::array<std::string_view, 91> kRequiredKeys = {
    // Modes
    "mode.practice", "mode.exam",
    // Training aids (TrainingAids.h, Minimap.h)
    "aids.height", "aids.to_target", "aids.no_target", "aids.minimap",
    // HUD
    "hud.time", "hud.target_time", "hud.score", "hud.deductions", "hud.no_deductions", "hud.veto",
    "hud.task", "hud.hint", "hud.controllers", "hud.held", "hud.released", "hud.view", "hud.pause",
    "hud.resume", "hud.restart", "hud.paused", "hud.overtime", "hud.points",
    // Leaving an attempt, a minimised window (app::AttemptControls)
    "hud.minimised_paused", "hud.minimised_recorded", "hud.quit_confirm",
    // Results screen
    "results.title", "results.item", "results.clause", "results.awarded", "results.max",
    "results.deductions", "results.time", "results.points", "results.reason", "results.vetoes",
    "results.total", "results.pass_mark", "results.passed", "results.failed",
    "results.not_completed", "results.back", "results.duration", "results.none",
    // Start screen
    "start.title", "start.trainee_id", "start.scenarios", "start.standard", "start.mode",
    "start.start", "start.previous", "start.no_attempts", "start.enter_id", "start.date",
    "start.scenario", "start.score", "start.result", "start.quit", "start.no_scenarios",
    "start.choose_scenario", "start.passed", "start.failed", "start.abandoned",
    // Course screens (work-study, ui::CourseScreen)
    "course.map", "course.trainee", "course.open", "course.done", "course.locked",
    "course.choose_task", "course.work_page", "course.points", "course.unit", "course.save",
    "course.not_answered", "course.answered_at", "course.carry_out", "course.start_practice",
    "course.start_exam", "course.check", "course.check_attempt", "course.item", "course.max",
    "course.your_points", "course.earned", "course.difference", "course.submit_check",
    "course.evaluate", "course.reflection", "course.submit_reflection", "course.back"};

core::SourceLocation where(const std::string& file, const toml::source_region& region,
                           std::string field) {
  return core::SourceLocation{file, static_cast<std::uint32_t>(region.begin.line),
                              static_cast<std::uint32_t>(region.begin.column), std::move(field),
                              std::nullopt};
}

/** Flattens nested tables into dotted keys; returns false (and sets `error`) on a non-string. */
bool flatten(const toml::table& table, const std::string& prefix, const std::string& file,
             std::map<std::string, std::string, std::less<>>& out,
             std::optional<core::Error>& error) {
  for (const auto& [key, node] : table) {
    const std::string name = prefix + std::string(key.str());
    if (const auto* sub = node.as_table()) {
      if (!flatten(*sub, name + ".", file, out, error)) {
        return false;
      }
    } else if (const auto* s = node.as_string()) {
      out.emplace(name, s->get());
    } else {
      error =
          core::makeError(core::ErrorCode::InvalidInput, "expected a string of UI text (in quotes)",
                          where(file, node.source(), name));
      return false;
    }
  }
  return true;
}

} // namespace

std::span<const std::string_view> requiredTextKeys() {
  // The guidance panels' keys (HudGuide.cpp) come after the panels' own.
  static const std::vector<std::string_view> kAll = [] {
    std::vector<std::string_view> all(kRequiredKeys.begin(), kRequiredKeys.end());
    const auto guide = guideTextKeys();
    all.insert(all.end(), guide.begin(), guide.end());
    return all;
  }();
  return kAll;
}

core::Expected<I18n> I18n::parse(std::string_view text, const std::string& fileName,
                                 Language language) {
  toml::table root;
  try {
    root = toml::parse(text, fileName);
  } catch (const toml::parse_error& e) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           "TOML syntax: " + std::string(e.description()),
                           where(fileName, e.source(), ""));
  }
  I18n out;
  out.mLanguage = language;
  std::optional<core::Error> error;
  if (!flatten(root, "", fileName, out.mEntries, error)) {
    return std::move(*error);
  }
  for (std::string_view key : requiredTextKeys()) {
    if (!out.has(key)) {
      return core::makeError(core::ErrorCode::InvalidInput,
                             "missing UI text '" + std::string(key) +
                                 "' (every table in "
                                 "assets/i18n/ must have every key the UI uses)",
                             core::SourceLocation{fileName});
    }
  }
  return out;
}

core::Expected<I18n> I18n::load(const std::filesystem::path& assetsDir, Language language) {
  const std::filesystem::path path =
      assetsDir / "i18n" / (std::string(languageTag(language)) + ".toml");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return core::makeError(core::ErrorCode::NotFound,
                           "UI string table not found; is the assets folder installed?",
                           core::SourceLocation{path.string()});
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse(buffer.str(), path.string(), language);
}

const std::string& I18n::text(std::string_view key) const {
  if (auto it = mEntries.find(key); it != mEntries.end()) {
    return it->second;
  }
  auto [it, inserted] = mMissing.emplace(std::string(key), std::string(key));
  return it->second;
}

bool I18n::has(std::string_view key) const { return mEntries.find(key) != mEntries.end(); }

} // namespace skillsim::ui
