// Issue 14 point 4: a zh-CN attempt's HUD (with the guidance, the training aids' readouts and a
// toast) and its results screen draw no English. Every glyph ImGui drew is decoded back
// (ImGuiHarness); without a CJK font the Chinese characters come out as the fallback glyph, so the
// ASCII letters that remain are exactly the Latin text on the screen. The only letters allowed are
// what the course itself is painted with (the circles A, B, C) and the rule's T ("1.5 T").
#include "ImGuiHarness.h"
#include "MissingPrerequisite.h"

#include <skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h>
#include <skillsim/ui/DeductionText.h>
#include <skillsim/ui/Hud.h>
#include <skillsim/ui/HudGuide.h>
#include <skillsim/ui/ImGuiLayer.h>
#include <skillsim/ui/ResultsScreen.h>
#include <skillsim/ui/TrainingAids.h>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

using namespace skillsim;
using namespace skillsim::ui;
using skillsim::ui::test::ImGuiHarness;

namespace {

const I18n& chinese() {
  static const I18n t = *I18n::load(std::filesystem::path(SKILLSIM_SOURCE_DIR) / "assets",
                                    Language::ChineseSimplified);
  return t;
}

/** The runs of ASCII letters among the glyphs drawn, in drawing order. */
std::vector<std::string> latinWords(const ImGuiHarness& h) {
  std::vector<std::string> words;
  std::string word;
  for (const auto& g : h.glyphs()) {
    const unsigned c = g.codepoint;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      word.push_back(static_cast<char>(c));
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  if (!word.empty()) {
    words.push_back(word);
  }
  return words;
}

const std::set<std::string> kAllowed = {"A", "B", "C", "T"};

messages::MessageContext craneContext(const sim::MachineDecl& crane) {
  messages::MessageContext c;
  c.machine = &crane;
  c.names = {{"bucket", {"水桶", "the bucket"}},
             {"pile_2", {"2 号桩", "pile 2"}},
             {"setdown_b", {"B 圈落放", "setting down in B"}},
             {"task_frames", {"过高低架任务", "the frames task"}}};
  return c;
}

assessment::AttemptResult carelessResult() {
  using assessment::FindingKind;
  using assessment::LimitSide;
  assessment::AttemptResult r;
  r.scenarioId = "crane.q2_practical";
  r.standardId = "q2";
  r.items = {{"curve", "2", assessment::Category::Quality, 50.0, 40.0},
             {"frames", "3", assessment::Category::Procedure, 30.0, 22.3}};
  r.deductions = {
      {"curve",
       "pile_contact",
       5.0,
       2400,
       10.0,
       {},
       0.0,
       {.kind = FindingKind::Contact, .subject = "bucket", .other = "pile_2", .occurrence = 1}},
      {"curve",
       "swing",
       0.82,
       7200,
       30.0,
       {},
       0.054,
       {.kind = FindingKind::MetricBand,
        .metric = "load_swing_angle",
        .unit = "rad",
        .value = 0.054,
        .side = LimitSide::Above,
        .limit = 0.0524,
        .duration = 0.41,
        .phase = "setdown_b"}},
      {"frames",
       "time",
       7.71,
       60000,
       250.0,
       {},
       207.8,
       {.kind = FindingKind::TimeOver,
        .unit = "s",
        .value = 207.8,
        .side = LimitSide::Above,
        .limit = 150.0,
        .phase = "task_frames"}}};
  r.totalPoints = 62.3;
  r.maxPoints = 80.0;
  r.passMark = 70.0;
  r.passed = false;
  r.completed = true;
  r.duration = 262.0;
  return r;
}

/** UTF-8 to code points (the tables and the test's strings are valid UTF-8). */
std::u32string decodeUtf8(const std::string& s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const int extra = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
    char32_t cp = extra == 0   ? c
                  : extra == 1 ? (c & 0x1Fu)
                  : extra == 2 ? (c & 0x0Fu)
                               : (c & 0x07u);
    for (int k = 1; k <= extra && i + k < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    }
    out.push_back(cp);
    i += 1 + extra;
  }
  return out;
}

/**
 * Every zh-CN string a screen may draw from: the zh-CN table's values, the machine's declared
 * Chinese labels, and the scenario's own Chinese text (its title, steps, display names).
 */
std::vector<std::string> chineseSources(const sim::MachineDecl& machine,
                                        const messages::MessageContext& context,
                                        const std::vector<std::string>& scenarioText) {
  std::vector<std::string> out;
  for (const auto& [key, value] : chinese().entries()) {
    out.push_back(value);
  }
  out.push_back(machine.titleZh);
  for (const auto& m : machine.metrics) {
    out.push_back(m.labelZh);
  }
  for (const auto& e : machine.events) {
    out.push_back(e.labelZh);
    out.push_back(e.feedback.toastZh);
  }
  for (const auto& c : machine.controls.controls()) {
    out.push_back(c.nameZh);
  }
  for (const auto& [id, name] : context.names) {
    out.push_back(name.zh);
  }
  out.insert(out.end(), scenarioText.begin(), scenarioText.end());
  return out;
}

/**
 * The pieces of the sources a drawn run may be made of: each source cut at its `{placeholders}`
 * and at ASCII characters (figures, Latin letters and spaces are drawn from elsewhere), keeping
 * the runs of other characters.
 */
std::vector<std::u32string> chinesePieces(const std::vector<std::string>& sources) {
  std::vector<std::u32string> pieces;
  for (const std::string& source : sources) {
    const std::u32string text = decodeUtf8(source);
    std::u32string piece;
    bool inPlaceholder = false;
    for (const char32_t c : text) {
      if (c == U'{') {
        inPlaceholder = true;
      }
      if (inPlaceholder || c < 0x80) {
        if (!piece.empty()) {
          pieces.push_back(piece);
          piece.clear();
        }
      } else {
        piece.push_back(c);
      }
      if (c == U'}') {
        inPlaceholder = false;
      }
    }
    if (!piece.empty()) {
      pieces.push_back(piece);
    }
  }
  return pieces;
}

/**
 * The runs of non-ASCII glyphs drawn, in drawing order; an ASCII glyph (a figure, a letter) ends a
 * run, a line break does not (a wrapped text continues on the next line, and texts drawn one under
 * the other join, which madeOfPieces allows).
 */
std::vector<std::u32string> drawnChineseRuns(const ImGuiHarness& h) {
  std::vector<std::u32string> runs;
  std::u32string run;
  for (const auto& g : h.glyphs()) {
    if (g.codepoint >= 0x80) {
      run.push_back(static_cast<char32_t>(g.codepoint));
    } else if (!run.empty()) {
      runs.push_back(run);
      run.clear();
    }
  }
  if (!run.empty()) {
    runs.push_back(run);
  }
  return runs;
}

/**
 * True when `run` is made of pieces of the sources, one after another: each part a whole piece or
 * at least two consecutive characters of one (two texts drawn with a space between them join in
 * one run, since spaces draw no glyph). A character no source holds, or one lone character cut
 * from a longer piece, fails.
 */
bool madeOfPieces(const std::u32string& run, const std::vector<std::u32string>& pieces) {
  std::vector<bool> reachable(run.size() + 1, false);
  reachable[0] = true;
  for (std::size_t from = 0; from < run.size(); ++from) {
    if (!reachable[from]) {
      continue;
    }
    for (std::size_t to = from + 1; to <= run.size(); ++to) {
      const std::u32string part = run.substr(from, to - from);
      for (const std::u32string& piece : pieces) {
        if (piece == part || (part.size() >= 2 && piece.find(part) != std::u32string::npos)) {
          reachable[to] = true;
          break;
        }
      }
    }
  }
  return reachable[run.size()];
}

std::string encodeUtf8(const std::u32string& s) {
  std::string out;
  for (const char32_t c : s) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

/** All the sources joined: the harness's font gets exactly their characters. */
std::string joined(const std::vector<std::string>& sources) {
  std::string all;
  for (const std::string& s : sources) {
    all += s;
  }
  return all;
}

/**
 * Checks that every Chinese run `h` drew is made of the sources' pieces, and that no character
 * outside them (drawn as the font's fallback) appeared; returns how many runs were checked.
 */
std::size_t expectEveryRunFromTheSources(const ImGuiHarness& h,
                                         const std::vector<std::string>& sources) {
  const std::vector<std::u32string> pieces = chinesePieces(sources);
  const std::vector<std::u32string> runs = drawnChineseRuns(h);
  for (const std::u32string& run : runs) {
    EXPECT_EQ(run.find(static_cast<char32_t>(h.fallbackChar())), std::u32string::npos)
        << "a character that no zh-CN string holds was drawn in '" << encodeUtf8(run) << "'";
    EXPECT_TRUE(madeOfPieces(run, pieces))
        << "'" << encodeUtf8(run)
        << "' is not text from the zh-CN table, the machine or the scenario";
  }
  return runs.size();
}

const std::vector<std::string> kScenarioText = {
    "桥式起重机实操考核", "鸣铃示意开始", "从 A 圈起吊水桶", "在 B 圈落放",
    "曲线运行",           "过高低架",     "学员001"};

#define SKILLSIM_NEEDS_CJK_FONT(harness)                                                           \
  if (!(harness).fontLoaded()) {                                                                   \
    SKILLSIM_MISSING_PREREQUISITE()                                                                \
        << kDefaultCjkFont << " is missing (Debian: fonts-noto-cjk, scripts/setup.sh)";            \
  }

/** The HUD of a practice attempt late in the frames task: guidance, aids, a toast, deductions. */
struct PracticeHud {
  sim::MachineDecl crane = sim::overheadCraneType()->describe(sim::OverheadCraneSpec{});
  HudModel hud;
  ClockReading clock;
  std::vector<std::string> toasts;
  AidFrame aids;

  void draw() const {
    (void)drawHud(hud, chinese());
    (void)drawHudGuide({clock, toasts, false, {}}, chinese());
    drawAidReadouts(aids, chinese());
  }
};

/** Fills `out` (ASSERTs: the caller checks HasFatalFailure()). */
void buildPracticeHud(PracticeHud& out) {

  const sim::MachineDecl& crane = out.crane;
  const messages::MessageContext context = craneContext(crane);
  auto templates = messageTemplates(chinese());
  ASSERT_TRUE(templates) << templates.error().toString();
  const assessment::AttemptResult result = carelessResult();

  HudModel& m = out.hud;
  m.mode = AttemptMode::Practice;
  m.scenarioTitle = "桥式起重机实操考核";
  m.elapsed = 171.3;
  m.targetTime = 150.0;
  m.targetElapsed = 171.3;
  m.score = result.totalPoints;
  m.maxScore = result.maxPoints;
  m.steps = {{"鸣铃示意开始", true}, {"从 A 圈起吊水桶", true}, {"在 B 圈落放", false}};
  m.currentStep = 2;
  for (const auto& d : result.deductions) {
    m.deductions.push_back(
        {d.time, d.points, messages::findingText(d.finding, *templates, context)});
  }
  core::ActionState actions;
  actions.setAxis(sim::crane_controls::kBridgeTravel, 0.6f);
  fillControls(m, crane.controls, actions, Language::ChineseSimplified);
  sim::Metrics metrics;
  metrics.add("load_height", 2.5);
  metrics.add("load_swing_angle", 0.03);
  metrics.add("load_attached", 1.0);
  fillReadouts(m, crane, metrics, Language::ChineseSimplified);
  ASSERT_FALSE(m.readouts.empty());
  sim::CameraSpec cab;
  cab.name = "operator_cab";
  cab.kind = sim::CameraSpec::Kind::OperatorCab;
  const std::vector<sim::CameraSpec> cameras = {cab};
  m.cameraName = cameraLabels(cameras, chinese()).front();

  ClockReading& clock = out.clock;
  clock.started = true;
  clock.elapsed = 171.3;
  clock.target = 150.0;
  clock.phaseElapsed = 216.0;
  clock.stopAt = 225.0;
  clock.warning = ClockWarning::StopSoon;
  // A refused attach's toast, from the crane's declared feedback, units from the table.
  std::vector<std::string>& toasts = out.toasts;
  for (const sim::EventDecl& e : crane.events) {
    if (!e.feedback.toastZh.empty()) {
      sim::SimEvent ev = sim::SimEvent::machine(10, e.name, "bucket", 0.4213);
      ev.limit = 0.3;
      toasts.push_back(toastText(e.feedback, ev, Language::ChineseSimplified, &chinese()));
    }
  }
  ASSERT_FALSE(toasts.empty());
  AidFrame& aids = out.aids;
  aids.shown = {true, true, true, true, false};
  aids.height = 2.35;
  aids.distance = 5.0;
  aids.targetLabel = "B";
}

} // namespace

TEST(ChineseScreens, TheHudOfAPracticeAttemptDrawsNoEnglish) {
  PracticeHud screen;
  buildPracticeHud(screen);
  ASSERT_FALSE(HasFatalFailure());
  ImGuiHarness h;
  const auto draw = [&] {
    screen.draw();
    return 0;
  };
  h.frame(draw);
  h.frame(draw);
  ASSERT_GT(h.glyphs().size(), 100u) << "the HUD was drawn";
  EXPECT_NE(h.allText().find("02:51.3"), std::string::npos) << "the clock's figures are there";
  for (const std::string& word : latinWords(h)) {
    EXPECT_TRUE(kAllowed.count(word))
        << "English on the zh-CN HUD: '" << word << "' in " << h.allText();
  }
}

TEST(ChineseScreens, TheResultsScreenDrawsNoEnglish) {
  const sim::MachineDecl crane = sim::overheadCraneType()->describe(sim::OverheadCraneSpec{});
  const messages::MessageContext context = craneContext(crane);
  auto templates = messageTemplates(chinese());
  ASSERT_TRUE(templates) << templates.error().toString();
  const ResultsModel model =
      makeResultsModel(carelessResult(), {{"curve", "曲线运行"}, {"frames", "过高低架"}},
                       "桥式起重机实操考核", "学员001", AttemptMode::Exam, *templates, context);
  ImGuiHarness h;
  h.frame([&] { return drawResultsScreen(model, chinese()); });
  h.frame([&] { return drawResultsScreen(model, chinese()); });
  ASSERT_GT(h.glyphs().size(), 50u) << "the results screen was drawn";
  for (const std::string& word : latinWords(h)) {
    EXPECT_TRUE(kAllowed.count(word)) << "English on the zh-CN results screen: '" << word << "'";
  }
}

// Issue 14 point 4, "every visible string in a zh-CN screenshot run comes from the zh-CN table":
// drawn with the workstation's CJK font, each run of Chinese characters on the HUD must be text
// of the zh-CN table, of the machine's declared labels or of the scenario.
TEST(ChineseScreens, EveryChineseTextOnTheHudComesFromTheTables) {
  PracticeHud screen;
  buildPracticeHud(screen);
  ASSERT_FALSE(HasFatalFailure());
  const std::vector<std::string> sources =
      chineseSources(screen.crane, craneContext(screen.crane), kScenarioText);
  ImGuiHarness h(kDefaultCjkFont, 2, 18.0f, joined(sources));
  SKILLSIM_NEEDS_CJK_FONT(h);
  ASSERT_EQ(h.fallbackChar(), 0xFFFDu) << "the font's fallback is the replacement character";
  const auto draw = [&] {
    screen.draw();
    return 0;
  };
  h.frame(draw);
  h.frame(draw);
  EXPECT_GT(expectEveryRunFromTheSources(h, sources), 20u) << "the HUD drew its Chinese text";
}

TEST(ChineseScreens, EveryChineseTextOnTheResultsScreenComesFromTheTables) {
  const sim::MachineDecl crane = sim::overheadCraneType()->describe(sim::OverheadCraneSpec{});
  const messages::MessageContext context = craneContext(crane);
  auto templates = messageTemplates(chinese());
  ASSERT_TRUE(templates) << templates.error().toString();
  const ResultsModel model =
      makeResultsModel(carelessResult(), {{"curve", "曲线运行"}, {"frames", "过高低架"}},
                       "桥式起重机实操考核", "学员001", AttemptMode::Exam, *templates, context);
  const std::vector<std::string> sources = chineseSources(crane, context, kScenarioText);
  ImGuiHarness h(kDefaultCjkFont, 2, 18.0f, joined(sources));
  SKILLSIM_NEEDS_CJK_FONT(h);
  h.frame([&] { return drawResultsScreen(model, chinese()); });
  h.frame([&] { return drawResultsScreen(model, chinese()); });
  EXPECT_GT(expectEveryRunFromTheSources(h, sources), 10u) << "the results drew its Chinese text";
}

// The check itself: a Chinese text that is in none of the sources is caught (one foreign
// character, and a foreign phrase whose characters all exist elsewhere one by one).
TEST(ChineseScreens, TheTableCheckCatchesChineseFromElsewhere) {
  const std::vector<std::string> sources = {"吊物摆角 {value} 超过限值", "秒"};
  const std::vector<std::u32string> pieces = chinesePieces(sources);
  EXPECT_TRUE(madeOfPieces(decodeUtf8("吊物摆角"), pieces));
  EXPECT_TRUE(madeOfPieces(decodeUtf8("超过限值秒"), pieces)) << "two texts with a space between";
  EXPECT_FALSE(madeOfPieces(decodeUtf8("摆过"), pieces)) << "lone characters cut from pieces";
  EXPECT_FALSE(madeOfPieces(decodeUtf8("吊物摆角很大"), pieces)) << "characters in no source";
  ImGuiHarness h(kDefaultCjkFont, 2, 18.0f, joined(sources));
  SKILLSIM_NEEDS_CJK_FONT(h);
  const auto probe = [&](const char* second) {
    const auto draw = [&] {
      ImGui::Begin("probe");
      ImGui::TextUnformatted("吊物摆角 超过限值");
      ImGui::TextUnformatted(second);
      ImGui::End();
      return 0;
    };
    h.frame(draw);
    h.frame(draw); // an auto-sized window draws from its second frame
    return drawnChineseRuns(h);
  };
  const std::vector<std::u32string> good = probe("秒");
  ASSERT_EQ(good.size(), 1u);
  EXPECT_EQ(encodeUtf8(good[0]), "吊物摆角超过限值秒") << "spaces and line breaks draw no glyph";
  EXPECT_TRUE(madeOfPieces(good[0], pieces));
  const std::vector<std::u32string> bad = probe("起重机");
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_EQ(bad[0].substr(bad[0].size() - 3), std::u32string(3, U'\uFFFD'))
      << "起重机 is in no source, so the font has none of its glyphs";
  EXPECT_FALSE(madeOfPieces(bad[0], pieces));
}
