// The scenario editor (issue 17 points 1 and 5) without a window: ui::ScenarioEditor drawn on a
// GPU-free ImGui frame, its actions applied by app::EditDesk to a copy of a shipped scenario,
// the saved file compared line by line with the original.
#include "../ui/ImGuiHarness.h"

#include <skillsim/app/EditDesk.h>
#include <skillsim/ui/ScenarioEditor.h>
#include <skillsim/ui/StartScreen.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace skillsim;
using skillsim::ui::test::ImGuiHarness;

namespace {

const std::filesystem::path kSource = SKILLSIM_SOURCE_DIR;

const ui::I18n& english() {
  static const ui::I18n table = *ui::I18n::load(kSource / "assets", ui::Language::English);
  return table;
}

std::string readFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) {
    out.push_back(l);
  }
  return out;
}

/** The 1-based numbers of the lines that differ (the files must have as many lines). */
std::vector<std::size_t> changedLines(const std::string& a, const std::string& b) {
  const auto la = lines(a);
  const auto lb = lines(b);
  EXPECT_EQ(la.size(), lb.size());
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < std::min(la.size(), lb.size()); ++i) {
    if (la[i] != lb[i]) {
      out.push_back(i + 1);
    }
  }
  return out;
}

/**
 * A copy of a shipped scenario in its own tree (scenarios/<trade>/ and assets/standards/ with
 * the standard it names), so a save touches nothing in the source tree.
 */
std::filesystem::path copyScenario(const std::string& test, const std::string& trade,
                                   const std::string& name, const std::string& standard,
                                   const std::string& replaceFrom = {},
                                   const std::string& replaceTo = {}) {
  const auto dir = std::filesystem::path(SKILLSIM_TEST_OUTPUT_DIR) / "edit-desk" / test;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "scenarios" / trade);
  std::filesystem::create_directories(dir / "assets" / "standards");
  std::filesystem::copy_file(kSource / "assets" / "standards" / (standard + ".toml"),
                             dir / "assets" / "standards" / (standard + ".toml"));
  std::string text = readFile(kSource / "scenarios" / trade / name);
  if (!replaceFrom.empty()) {
    const auto at = text.find(replaceFrom);
    EXPECT_NE(at, std::string::npos) << replaceFrom;
    text.replace(at, replaceFrom.size(), replaceTo);
  }
  const auto file = dir / "scenarios" / trade / name;
  std::ofstream(file, std::ios::binary) << text;
  return file;
}

std::filesystem::path copyQ2(const std::string& test, const std::string& from = {},
                             const std::string& to = {}) {
  return copyScenario(test, "overhead_crane", "q2_practical.toml", "q2-overhead-crane", from, to);
}

std::size_t objectNamed(const app::EditDesk& desk, const std::string& name) {
  const auto& objects = desk.view().objects;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    if (objects[i].name == name) {
      return i;
    }
  }
  ADD_FAILURE() << "no object " << name;
  return 0;
}

/** One editor frame: draw the desk's model, apply what the screen sent back. */
struct EditorFixture {
  ImGuiHarness h;
  app::EditDesk desk;
  ui::ScenarioEditor screen;
  ui::ScenarioEditorActions last;

  explicit EditorFixture(app::EditDesk d) : desk(std::move(d)) {
    ImGui::GetIO().KeyMap[ImGuiKey_A] = 'A'; // Ctrl+A selects a field's text, as under GLFW
  }

  void frame() {
    last = h.frame([&] { return screen.draw(desk.model(english()), english()); });
    desk.apply(last, screen, english());
  }
  int steps = 0; ///< What the instructor did: clicks, typings, keys and drags.

  void click(ImVec2 at) {
    ++steps;
    h.mouse(at.x, at.y, false);
    frame();
    h.mouse(at.x, at.y, true);
    frame();
    h.mouse(at.x, at.y, false);
    frame();
  }
  void type(const std::string& chars) {
    ++steps;
    ImGui::GetIO().AddInputCharactersUTF8(chars.c_str());
    frame();
  }
  /** Ctrl + a letter for one frame (1.86 indexes KeysDown by GLFW's codes: 'Z' for Z). */
  void ctrl(char letter) {
    ++steps;
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = true;
    io.KeysDown[static_cast<int>(letter)] = true;
    frame();
    io.KeysDown[static_cast<int>(letter)] = false;
    io.KeyCtrl = false;
    frame();
  }
  /** A drag in the top view from one plan point to another (m), in a few frames. */
  void drag(glm::dvec2 fromPlan, glm::dvec2 toPlan) {
    ++steps;
    const ImVec2 a = at(fromPlan);
    const ImVec2 b = at(toPlan);
    h.mouse(a.x, a.y, false);
    frame();
    h.mouse(a.x, a.y, true);
    frame();
    h.mouse(0.5f * (a.x + b.x), 0.5f * (a.y + b.y), true);
    frame();
    h.mouse(b.x, b.y, true);
    frame();
    h.mouse(b.x, b.y, false);
    frame();
  }
  /** Clicks the first place `word` is drawn (a test failure when it is not). */
  void clickWord(const std::string& word, float dx = 3.0f, float dy = 3.0f) {
    auto w = h.find(word);
    ASSERT_TRUE(w) << word << " not drawn in: " << h.allText();
    click(ImVec2(w->x + dx, w->y + dy));
  }
  ImVec2 at(glm::dvec2 plan) const {
    const auto model = desk.model(english());
    const glm::vec2 s = ui::editorPlanToScreen(ui::editorPlanCanvas(1280.0f, 720.0f), model.areaMin,
                                               model.areaMax, plan);
    return {s.x, s.y};
  }
};

} // namespace

TEST(EditDesk, ADragOfOnePileWithHalfMetreSnapChangesExactlyItsPositionLine) {
  const auto file = copyQ2("drag");
  const std::string original = readFile(file);
  auto desk = app::EditDesk::open(file);
  ASSERT_TRUE(desk) << desk.error().toString();
  ASSERT_TRUE(desk->model(english()).messages.empty()) << desk->model(english()).messages[0].text;
  EditorFixture f(std::move(*desk));
  f.screen.setGrid(3);
  ASSERT_DOUBLE_EQ(f.screen.grid(), 0.5);
  const std::size_t pile = objectNamed(f.desk, "pile_2");
  const auto& p = f.desk.view().objects[pile].position; // [19.0, 0.8, 10.0]
  ASSERT_DOUBLE_EQ(p[0], 19.0);
  ASSERT_DOUBLE_EQ(p[2], 10.0);
  // Grab the pile 0.1 m off its centre and drag it 1.3 m along +x and 0.6 m along +z: it lands
  // at 20.3, 10.6, snapped to 20.5, 10.5.
  const ImVec2 from = f.at({19.1, 10.0});
  const ImVec2 to = f.at({19.1 + 1.3, 10.0 + 0.6});
  f.h.mouse(from.x, from.y, false);
  f.frame();
  f.h.mouse(from.x, from.y, true);
  f.frame();
  EXPECT_EQ(f.screen.selected(), pile);
  f.h.mouse(0.5f * (from.x + to.x), 0.5f * (from.y + to.y), true);
  f.frame();
  f.h.mouse(to.x, to.y, true);
  f.frame();
  f.h.mouse(to.x, to.y, false);
  f.frame();
  ASSERT_TRUE(f.last.move) << "the drop sent no move";
  EXPECT_EQ(f.last.move->object, pile);
  EXPECT_DOUBLE_EQ(f.last.move->grid, 0.5);
  EXPECT_NEAR(f.last.move->position.x, 20.3, 0.1); // a pixel is about 0.05 m here
  EXPECT_NEAR(f.last.move->position.z, 10.6, 0.1);
  f.ctrl('S');
  const std::string saved = readFile(file);
  const auto changed = changedLines(original, saved);
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0], 92u); // pile_2's position line
  EXPECT_EQ(lines(saved)[91], "position = [20.5, 0.8, 10.5]");
  EXPECT_EQ(lines(original)[91], "position = [19.0, 0.8, 10.0]");
  EXPECT_FALSE(f.desk.modified());
  EXPECT_NE(f.h.allText().find("Saved"), std::string::npos) << f.h.allText();
}

TEST(EditDesk, UndoAndRedoWithTheKeysStepThroughTheTextsAndTheTitleShowsUnsavedChanges) {
  const auto file = copyQ2("undo");
  const std::string original = readFile(file);
  auto desk = app::EditDesk::open(file);
  ASSERT_TRUE(desk) << desk.error().toString();
  EditorFixture f(std::move(*desk));
  f.frame();
  EXPECT_EQ(f.desk.title(), "SkillSim editor - q2_practical.toml");
  const std::size_t pile = objectNamed(f.desk, "pile_3");
  ui::ScenarioEditorActions move;
  move.move = ui::EditorMove{pile, {22.0, 0.8, 9.0}, 0.5, std::nullopt};
  f.desk.apply(move, f.screen, english());
  const std::string moved = f.desk.edit()->text();
  EXPECT_NE(moved, original);
  EXPECT_EQ(f.desk.title(), "SkillSim editor - * q2_practical.toml");
  f.ctrl('Z');
  EXPECT_EQ(f.desk.edit()->text(), original);
  EXPECT_FALSE(f.desk.modified());
  f.ctrl('Y');
  EXPECT_EQ(f.desk.edit()->text(), moved);
  // The tool bar's buttons do the same.
  auto undo = f.h.find("Undo");
  ASSERT_TRUE(undo);
  f.click(*undo);
  EXPECT_EQ(f.desk.edit()->text(), original);
  auto redo = f.h.find("Redo");
  ASSERT_TRUE(redo);
  f.click(*redo);
  EXPECT_EQ(f.desk.edit()->text(), moved);
  EXPECT_EQ(readFile(file), original); // nothing written without Save
}

TEST(EditDesk, ATypedPositionIsWrittenAsTypedWithoutTheSnap) {
  const auto file = copyQ2("typed");
  const std::string original = readFile(file);
  auto desk = app::EditDesk::open(file);
  ASSERT_TRUE(desk) << desk.error().toString();
  EditorFixture f(std::move(*desk));
  f.frame();
  auto listed = f.h.find("Bodypile_1");
  ASSERT_TRUE(listed) << f.h.allText();
  f.click(*listed);
  const std::size_t pile = objectNamed(f.desk, "pile_1");
  ASSERT_EQ(f.screen.selected(), pile);
  // The properties show its x as 16.500: click it, type over it, press Set.
  auto x = f.h.find("16.500");
  ASSERT_TRUE(x) << f.h.allText();
  f.click(ImVec2(x->x + 2.0f, x->y + 2.0f));
  ImGuiIO& io = ImGui::GetIO();
  io.KeysDown[io.KeyMap[ImGuiKey_A]] = false;
  f.type("17.37");
  auto set = f.h.find("Set");
  ASSERT_TRUE(set);
  f.click(*set);
  ASSERT_TRUE(f.desk.modified()) << f.h.allText();
  const auto changed = changedLines(original, f.desk.edit()->text());
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0], 84u);
  EXPECT_EQ(lines(f.desk.edit()->text())[83], "position = [17.37, 0.8, 10.0]");
}

TEST(EditDesk, AClickOnAValidatorMessageSelectsTheObjectAtItsLine) {
  // pile_3's size made negative: a problem at its size line, 99.
  const auto file = copyQ2("message", "size = [0.3, 1.6, 0.3]\nposition = [21.5",
                           "size = [0.3, -1.6, 0.3]\nposition = [21.5");
  auto desk = app::EditDesk::open(file);
  ASSERT_TRUE(desk) << desk.error().toString();
  const auto model = desk->model(english());
  ASSERT_FALSE(model.messages.empty());
  EXPECT_FALSE(model.valid);
  const std::string where = file.string() + ":99:";
  ASSERT_EQ(model.messages[0].text.rfind(where, 0), 0u) << model.messages[0].text;
  EditorFixture f(std::move(*desk));
  f.frame();
  EXPECT_FALSE(f.screen.selected());
  // The message reads "problem: FILE:99:..."; click its first word.
  auto message = f.h.find("problem:");
  ASSERT_TRUE(message) << f.h.allText();
  f.click(*message);
  const std::size_t pile = objectNamed(f.desk, "pile_3");
  EXPECT_EQ(f.screen.selected(), pile);
  // Try it is offered only for a valid scenario.
  EXPECT_FALSE(f.desk.tryScenario());
}

TEST(EditDesk, ThePassMarkTypedInTheRubricTabIsTheScenariosOwnAndSavedAsOneNewLine) {
  const auto file = copyQ2("pass-mark");
  const std::string original = readFile(file);
  auto desk = app::EditDesk::open(file);
  ASSERT_TRUE(desk) << desk.error().toString();
  ASSERT_TRUE(desk->tryScenario());
  EXPECT_DOUBLE_EQ(desk->tryScenario()->standard.passMark, 70.0);
  EditorFixture f(std::move(*desk));
  f.frame();
  f.frame(); // a tab bar lays its tabs out on its second frame
  auto tab = f.h.find("Rubric");
  ASSERT_TRUE(tab) << f.h.allText();
  f.click(*tab);
  const std::string all = f.h.allText();
  EXPECT_NE(all.find("Thestandard'spassmark:70/100"), std::string::npos) << all;
  // A band with its unit in words: the swing limit of the Q2 rubric.
  EXPECT_NE(all.find("loadswing:"), std::string::npos) << all;
  auto field = f.h.find("Thisscenario'spassmark(points)");
  ASSERT_TRUE(field);
  f.click(ImVec2(field->x + 20.0f, field->y + 28.0f)); // the field under its label
  f.type("80.0");
  f.frame();
  auto set = f.h.find("Set");
  ASSERT_TRUE(set) << f.h.allText();
  f.click(*set);
  ASSERT_TRUE(f.desk.tryScenario()) << f.h.allText();
  EXPECT_DOUBLE_EQ(f.desk.tryScenario()->standard.passMark, 80.0);
  ASSERT_TRUE(f.desk.tryScenario()->passMarkOverride);
  f.ctrl('S');
  const auto a = lines(original);
  const auto b = lines(readFile(file));
  ASSERT_EQ(b.size(), a.size() + 1);
  std::size_t added = 0;
  while (added < a.size() && a[added] == b[added]) {
    ++added;
  }
  EXPECT_EQ(b[added], "pass_mark = 80.0");
  for (std::size_t i = added; i < a.size(); ++i) {
    EXPECT_EQ(a[i], b[i + 1]) << "line " << i + 1;
  }
}

TEST(EditDesk, OpenInEditorOnTheStartScreenOpensABrokenScenarioWithItsProblemListed) {
  // A pass mark above the standard's 100 points: the file does not load.
  const auto file = copyQ2("broken", "standard = \"q2-overhead-crane\"",
                           "standard = \"q2-overhead-crane\"\npass_mark = 500");
  ImGuiHarness h(1280.0f, 900.0f);
  ui::StartScreen start("T1");
  ui::StartScreenModel startModel;
  startModel.broken = {{file.string(), file.string() + ":22:13: pass_mark: out of range"}};
  auto draw = [&] { return start.draw(startModel, english()); };
  h.frame(draw);
  h.frame(draw);
  auto button = h.find("ineditor"); // "Open in editor" (the harness decodes its p as nothing)
  ASSERT_TRUE(button) << h.allText();
  h.mouse(button->x + 3.0f, button->y + 3.0f, false);
  h.frame(draw);
  h.mouse(button->x + 3.0f, button->y + 3.0f, true);
  h.frame(draw);
  h.mouse(button->x + 3.0f, button->y + 3.0f, false);
  const ui::StartScreenActions a = h.frame(draw);
  ASSERT_TRUE(a.edit);
  EXPECT_EQ(*a.edit, file.string());
  auto desk = app::EditDesk::open(*a.edit);
  ASSERT_TRUE(desk) << desk.error().toString();
  const auto model = desk->model(english());
  ASSERT_FALSE(model.rawOnly);
  ASSERT_FALSE(model.messages.empty());
  EXPECT_NE(model.messages[0].text.find("pass_mark"), std::string::npos) << model.messages[0].text;
  EXPECT_NE(model.messages[0].text.find(file.string() + ":"), std::string::npos);
}

TEST(EditDesk, AFileThatIsNotTomlOpensInRawModeWithItsParseErrorAndParsesAgainWhenMended) {
  const auto file = copyQ2("not-toml", "[simulation]", "[simulation");
  const std::string original = readFile(file);
  auto desk = app::EditDesk::open(file);
  ASSERT_TRUE(desk) << desk.error().toString();
  ui::ScenarioEditorModel model = desk->model(english());
  ASSERT_TRUE(model.rawOnly);
  std::size_t line = 0;
  {
    const auto l = lines(original);
    while (line < l.size() && l[line] != "[simulation") {
      ++line;
    }
  }
  EXPECT_EQ(model.parseError.rfind(file.string() + ":" + std::to_string(line + 1) + ":", 0), 0u)
      << model.parseError;
  EXPECT_EQ(desk->edit(), nullptr);
  EditorFixture f(std::move(*desk));
  f.frame();
  EXPECT_NE(f.h.allText().find("ThefileisnotTOML"), std::string::npos) << f.h.allText();
  // The instructor mends the text and parses it again: the panels come back, nothing written.
  ui::ScenarioEditorActions reparse;
  std::string mended = original;
  mended.replace(mended.find("[simulation"), 11, "[simulation]");
  reparse.reparse = mended;
  f.desk.apply(reparse, f.screen, english());
  model = f.desk.model(english());
  EXPECT_FALSE(model.rawOnly);
  EXPECT_TRUE(model.valid);
  EXPECT_TRUE(f.desk.modified());
  EXPECT_EQ(readFile(file), original);
  f.ctrl('S');
  EXPECT_EQ(readFile(file), mended);
}

TEST(EditDesk, AFileThatCannotBeReadIsNamed) {
  auto desk = app::EditDesk::open("/no/such/scenario.toml");
  ASSERT_FALSE(desk);
  EXPECT_NE(desk.error().toString().find("/no/such/scenario.toml"), std::string::npos);
}

TEST(EditDesk, TheGuidesThreeChangesMovePilesAndGatesAsAGroupRaiseThePassMarkAndAddAZone) {
  const auto file = copyQ2("guide");
  const std::string original = readFile(file);
  auto desk = app::EditDesk::open(file);
  ASSERT_TRUE(desk) << desk.error().toString();
  EditorFixture f(std::move(*desk));
  f.frame();
  f.frame();
  const auto start = std::chrono::steady_clock::now();
  // 1. The piles and their weave gates as one group, dragged 1 m along +x on the 0.5 m grid.
  ImGuiIO& io = ImGui::GetIO();
  for (const char* name : {"Bodypile_1", "Bodypile_2", "Bodypile_3", "Zoneweave_gate_1",
                           "Zoneweave_gate_2", "Zoneweave_gate_3"}) {
    io.KeyCtrl = true;
    f.clickWord(name);
    io.KeyCtrl = false;
  }
  EXPECT_EQ(f.screen.picked().size(), 6u);
  f.clickWord("Makegroup", -60.0f); // the name field left of the button
  f.type("piles");
  f.clickWord("Makegroup");
  ASSERT_EQ(f.screen.activeGroup(), std::optional<std::string>("piles")) << f.h.allText();
  f.drag({19.0, 10.0}, {20.0, 10.0});
  // 2. The pass mark raised to 80 (Rubric tab).
  f.clickWord("Rubric");
  f.frame();
  f.clickWord("Thisscenario'spassmark(points)", 20.0f, 28.0f);
  f.type("80.0");
  f.clickWord("Set");
  // 3. A zone: named, added, placed by its `center` key.
  f.clickWord("Properties");
  f.frame();
  auto field = f.h.find("_copy");
  ASSERT_TRUE(field) << f.h.allText(); // the name field holds "<selected>_copy"
  f.click(ImVec2(field->x, field->y + 3.0f));
  f.ctrl('A');
  f.type("circle_d");
  f.clickWord("Addzone");
  ASSERT_TRUE(f.screen.selected());
  EXPECT_EQ(f.desk.view().objects[*f.screen.selected()].name, "circle_d");
  f.drag({0.0, 0.0}, {24.1, 13.9}); // added at the origin; the 0.5 m grid places it
  f.ctrl('S');
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "the guide's three changes: " << f.steps << " steps, " << seconds
            << " s driven on ImGui frames\n";
  auto saved = app::EditDesk::open(file);
  ASSERT_TRUE(saved);
  const auto& objects = saved->view().objects;
  auto positionOf = [&](const std::string& name) {
    for (const auto& o : objects) {
      if (o.name == name) {
        return o.position;
      }
    }
    ADD_FAILURE() << name;
    return std::array<double, 3>{};
  };
  EXPECT_DOUBLE_EQ(positionOf("pile_1")[0], 17.5);
  EXPECT_DOUBLE_EQ(positionOf("pile_2")[0], 20.0);
  EXPECT_DOUBLE_EQ(positionOf("pile_3")[0], 22.5);
  EXPECT_DOUBLE_EQ(positionOf("weave_gate_2")[0], 20.0);
  EXPECT_DOUBLE_EQ(positionOf("weave_gate_2")[2], 9.1);
  EXPECT_DOUBLE_EQ(positionOf("pile_2")[2], 10.0);
  EXPECT_DOUBLE_EQ(positionOf("circle_d")[0], 24.0);
  EXPECT_DOUBLE_EQ(positionOf("circle_d")[2], 14.0);
  ASSERT_TRUE(saved->tryScenario()) << saved->model(english()).messages[0].text;
  EXPECT_DOUBLE_EQ(saved->tryScenario()->standard.passMark, 80.0);
  ASSERT_EQ(saved->edit()->groups().size(), 1u);
  EXPECT_EQ(saved->edit()->groups()[0].members.size(), 6u);
  // Of the original lines exactly the six members' position / centre lines are gone (changed);
  // the rest is added: the pass mark, the group, the zone.
  std::multiset<std::string> now;
  for (const std::string& l : lines(readFile(file))) {
    now.insert(l);
  }
  std::vector<std::string> gone;
  for (const std::string& l : lines(original)) {
    if (auto it = now.find(l); it != now.end()) {
      now.erase(it);
    } else {
      gone.push_back(l);
    }
  }
  ASSERT_EQ(gone.size(), 6u);
  for (const std::string& l : gone) {
    EXPECT_TRUE(l.rfind("position = ", 0) == 0 || l.rfind("center = ", 0) == 0) << l;
  }
}
