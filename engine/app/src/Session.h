#pragma once

#include "RunCommand.h"

#include <skillsim/assessment/AttemptResult.h>
#include <skillsim/core/Expected.h>
#include <skillsim/records/AttemptRecord.h>
#include <skillsim/records/Trace.h>
#include <skillsim/records/TraceHeader.h>
#include <skillsim/scenario/Scenario.h>
#include <skillsim/ui/I18n.h>
#include <skillsim/ui/Language.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace skillsim::platform {
class Window;
} // namespace skillsim::platform
namespace skillsim::render {
class Renderer;
} // namespace skillsim::render
namespace skillsim::ui {
class ImGuiLayer;
} // namespace skillsim::ui

namespace skillsim::app {

/**
 * The language `lang` names ("zh-CN", "en"), or the process locale's when empty (LC_ALL,
 * LC_MESSAGES, LANG). Errors: ui::parseLanguage's (a usage error). Parsed once per run, by runRun.
 */
[[nodiscard]] core::Expected<ui::Language> runLanguage(const std::string& lang);

/**
 * The header of a trace recorded by `trainee` on `scenario` in `mode`, begun at `startUtc` (s
 * since 1970, metadata only): the one place a trace header is made (Session::traceHeader, and
 * `skillsim operate` for the reference traces).
 */
[[nodiscard]] records::TraceHeader makeTraceHeader(const scenario::Scenario& scenario,
                                                   const std::string& trainee,
                                                   records::AttemptMode mode,
                                                   std::int64_t startUtc);

/**
 * The open exam session `id` in the results store at `store`, as an exam trace's header records
 * it. Errors: NotFound for an unknown id, InvalidInput for a closed session (both saying what to
 * do), the store's own errors.
 */
[[nodiscard]] core::Expected<records::ExamSessionRef> findOpenExamSession(const std::string& store,
                                                                          const std::string& id);

/**
 * The window of a session with its renderer and ImGui layer, made once per session and shared by
 * the start screen and every attempt taken from it. Destroys the layer, then the renderer, then
 * the window (ImGuiLayer's contract), after the GPU is idle.
 */
struct SessionWindow {
  std::unique_ptr<platform::Window> window;
  std::unique_ptr<render::Renderer> renderer;
  std::unique_ptr<ui::ImGuiLayer> layer;

  SessionWindow();
  SessionWindow(SessionWindow&&) noexcept;
  SessionWindow& operator=(SessionWindow&&) noexcept;
  ~SessionWindow();
};

/**
 * One `skillsim run` (windowed: the start screen and every attempt taken from it; headless: one
 * replay): the options, the language (parsed once, by runRun), the results store path, the UI
 * text from the assets folder (found and loaded once, on first use) and the window with its
 * renderer and ImGui layer (made once, on first use). It builds every trace header and attempt
 * record of the run, so the workstation and the headless replay store the same fields.
 */
class Session {
public:
  Session(RunOptions options, ui::Language language);
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  ~Session();

  [[nodiscard]] const RunOptions& options() const { return mOptions; }
  [[nodiscard]] ui::Language language() const { return mLanguage; }
  [[nodiscard]] bool chinese() const { return mLanguage == ui::Language::ChineseSimplified; }
  /** Changes the UI language (the start screen's choice); text() loads that table next. */
  void setLanguage(ui::Language language);
  /**
   * The assets folder (i18n, input bindings) above `scenarioFile` or else above the current
   * folder, and its UI text in language(); found and loaded on the first call, kept for the
   * session. Errors: NotFound naming where it looked; I18n::load's.
   */
  [[nodiscard]] core::Expected<const ui::I18n*> text(const std::string& scenarioFile);
  /** The assets folder text() found; empty before. */
  [[nodiscard]] const std::filesystem::path& assets() const { return mAssets; }
  /** `--db`, or the default results store (records::defaultStorePath). */
  [[nodiscard]] const std::string& storePath() const { return mStorePath; }

  /**
   * The session's window, renderer (60 frames a second at most) and ImGui layer, made on the
   * first call (titled `title`) and retitled on later ones. Errors: the window's, the
   * renderer's or the layer's; a failed call makes nothing and may be retried.
   */
  [[nodiscard]] core::Expected<SessionWindow*> window(const std::string& title);

  /**
   * The header of a trace recorded by `trainee` on `scenario` in `mode`, begun at `startUtc`; an
   * exam's records `examSession` (the attempt's RunOptions::resolvedExamSession: the one
   * `--exam-session` named, or the one the course screens' Start exam found open; empty = an exam
   * in no invigilated session, which never counts).
   */
  [[nodiscard]] records::TraceHeader traceHeader(const scenario::Scenario& scenario,
                                                 const std::string& trainee,
                                                 records::AttemptMode mode, std::int64_t startUtc,
                                                 const records::ExamSessionRef& examSession) const;
  /**
   * The results store's record of an attempt at `scenario` recorded in a trace with `header`:
   * its id and trace hash are `traceHashHex` (the trace file's hash; empty: `fallbackId`).
   */
  [[nodiscard]] records::AttemptRecord
  attemptRecord(const scenario::Scenario& scenario, const records::TraceHeader& header,
                const assessment::AttemptResult& result, const std::string& traceHashHex,
                const std::string& fallbackId, bool signatureValid,
                const std::string& engineVersion) const;
  /**
   * The bytes of the trace file at `path` when their BLAKE2b-256 is `traceHashHex` (what
   * AttemptRecord::trace keeps, schema 6); empty when the file cannot be read or has changed
   * since (the record then keeps no trace, and the store says so when asked to verify it).
   */
  [[nodiscard]] static std::string traceBytes(const std::filesystem::path& path,
                                              const std::string& traceHashHex);
  /**
   * The results store's record of an abandoned attempt at `scenario` from its trace as read back
   * (its signed header and abandon record); nullopt when `trace` holds no signed abandon record.
   */
  [[nodiscard]] std::optional<records::AbandonedAttempt>
  abandonedRecord(const scenario::Scenario& scenario, const records::Trace& trace) const;

private:
  RunOptions mOptions;
  ui::Language mLanguage;
  std::filesystem::path mAssets;
  std::optional<ui::I18n> mText;
  std::string mStorePath;
  std::unique_ptr<SessionWindow> mWindow;
};

} // namespace skillsim::app
