#include <skillsim/scenario/ScenarioEdit.h>

#include <gtest/gtest.h>

#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <sstream>

using namespace skillsim;
using namespace skillsim::scenario;

namespace {

const std::filesystem::path kRoot(SKILLSIM_SOURCE_DIR);

std::string readAll(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> linesOf(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    out.push_back(line);
  }
  return out;
}

ScenarioEdit openQ2() {
  auto edit = ScenarioEdit::fromText(
      readAll(kRoot / "scenarios/overhead_crane/q2_practical.toml"), "q2_practical.toml",
      readAll(kRoot / "assets/standards/q2-overhead-crane.toml"), "q2-overhead-crane.toml");
  EXPECT_TRUE(edit.hasValue());
  return std::move(*edit);
}

std::size_t bodyIndex(const ScenarioEdit& edit, const std::string& name) {
  for (const EditObject& o : edit.objects()) {
    if (o.kind == EditObjectKind::Body && o.name == name) {
      return o.index;
    }
  }
  ADD_FAILURE() << "no body " << name;
  return 0;
}

} // namespace

TEST(ScenarioEdit, TheCommittedQ2ScenarioOpensValid) {
  ScenarioEdit edit = openQ2();
  EXPECT_TRUE(edit.problems().empty()) << edit.problems().front().toString();
  EXPECT_FALSE(edit.modified());
  // pile_1 is the second [[bodies]] table, its header on line 79 of the committed file.
  auto objects = edit.objects();
  ASSERT_GE(objects.size(), 2U);
  EXPECT_EQ(objects[1].name, "pile_1");
  EXPECT_EQ(objects[1].headerLine, 79U);
}

TEST(ScenarioEdit, MovingOnePileChangesExactlyItsPositionLine) {
  ScenarioEdit edit = openQ2();
  const std::string before = edit.text();
  // 16.93 snaps to 17.0 on a 0.5 m grid, 10.2 to 10.0; the height is kept as typed.
  ASSERT_TRUE(edit.move(EditObjectKind::Body, bodyIndex(edit, "pile_1"), {16.93, 0.8, 10.2}, 0.5)
                  .hasValue());
  auto a = linesOf(before);
  auto b = linesOf(edit.text());
  ASSERT_EQ(a.size(), b.size());
  std::vector<std::size_t> changed;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) {
      changed.push_back(i + 1);
    }
  }
  ASSERT_EQ(changed.size(), 1U);
  EXPECT_EQ(changed[0], 84U);
  EXPECT_EQ(b[83], "position = [17.0, 0.8, 10.0]");
  EXPECT_TRUE(edit.problems().empty());
  ASSERT_TRUE(edit.report().scenario.has_value());
  EXPECT_TRUE(edit.modified());

  // Save to a copy and reload: the text and the scenario come back the same.
  auto dir = std::filesystem::temp_directory_path() / "skillsim-scenario-edit-test";
  std::filesystem::create_directories(dir);
  auto copy = dir / "q2_moved.toml";
  ASSERT_TRUE(edit.save(copy).hasValue());
  EXPECT_EQ(readAll(copy), edit.text());
  auto reloaded = ScenarioEdit::open(copy, kRoot / "assets/standards/q2-overhead-crane.toml");
  ASSERT_TRUE(reloaded.hasValue());
  EXPECT_EQ(reloaded->text(), edit.text());
  ASSERT_TRUE(reloaded->report().hash.has_value());
  EXPECT_EQ(*reloaded->report().hash, *edit.report().hash);
  std::filesystem::remove_all(dir);
}

TEST(ScenarioEdit, UndoRedoStepThroughTheTexts) {
  ScenarioEdit edit = openQ2();
  const std::string original = edit.text();
  EXPECT_FALSE(edit.undo());
  ASSERT_TRUE(
      edit.move(EditObjectKind::Body, bodyIndex(edit, "pile_2"), {18.0, 0.8, 10.0}).hasValue());
  const std::string moved = edit.text();
  EXPECT_NE(moved, original);
  EXPECT_TRUE(edit.undo());
  EXPECT_EQ(edit.text(), original);
  EXPECT_FALSE(edit.modified());
  EXPECT_TRUE(edit.redo());
  EXPECT_EQ(edit.text(), moved);
  EXPECT_FALSE(edit.redo());
}

TEST(ScenarioEdit, DuplicateAppendsATableAndRemoveTakesItsLinesAway) {
  ScenarioEdit edit = openQ2();
  const std::string original = edit.text();
  ASSERT_TRUE(
      edit.duplicate(EditObjectKind::Body, bodyIndex(edit, "pile_3"), "pile_3_copy").hasValue());
  // The original text is untouched; the copy is appended with its keys and no comments.
  ASSERT_EQ(edit.text().substr(0, original.size()), original);
  EXPECT_EQ(edit.text().substr(original.size()),
            "\n[[bodies]]\nname = \"pile_3_copy\"\ntags = [\"pile\"]\nshape = \"cylinder\"\n"
            "size = [0.3, 1.6, 0.3]\nposition = [21.5, 0.8, 10.0]\ncolor = [0.9, 0.9, 0.2]\n");
  EXPECT_FALSE(edit.duplicate(EditObjectKind::Body, 0, "pile_3_copy").hasValue());

  // Removing pile_2 removes lines 87-94 (header, six keys, blank line) and nothing else.
  ScenarioEdit second = openQ2();
  ASSERT_TRUE(second.remove(EditObjectKind::Body, bodyIndex(second, "pile_2")).hasValue());
  auto a = linesOf(original);
  a.erase(a.begin() + 86, a.begin() + 94);
  EXPECT_EQ(linesOf(second.text()), a);
}

TEST(ScenarioEdit, SetValueChangesOnlyTheValueAndKeepsTheComment) {
  ScenarioEdit edit = openQ2();
  ASSERT_TRUE(
      edit.setValue(EditObjectKind::Body, bodyIndex(edit, "pile_1"), "size", "[0.4, 1.6, 0.4]")
          .hasValue());
  auto b = linesOf(edit.text());
  EXPECT_EQ(b[82],
            "size = [0.4, 1.6, 0.4]             # taller than the 0.5-1 m weave height: go around");
  // Not TOML: refused, nothing changes.
  const std::string kept = edit.text();
  auto bad = edit.setValue(EditObjectKind::Body, 0, "mass", "[1, ");
  ASSERT_FALSE(bad.hasValue());
  EXPECT_NE(bad.error().location.fieldPath.find("bodies[0].mass"), std::string::npos);
  EXPECT_EQ(edit.text(), kept);
}

TEST(ScenarioEdit, TheValidatorRunsAfterEveryChange) {
  ScenarioEdit edit = openQ2();
  // A negative mass is invalid: the validator reports it at the edited line.
  ASSERT_TRUE(edit.setValue(EditObjectKind::Body, 0, "mass", "-5.0").hasValue());
  ASSERT_FALSE(edit.problems().empty());
  EXPECT_EQ(edit.problems().front().location.line, 73U);
  EXPECT_TRUE(edit.undo());
  EXPECT_TRUE(edit.problems().empty());
}

TEST(ScenarioEdit, BadRequestsAreRefusedWithTheirField) {
  ScenarioEdit edit = openQ2();
  auto unknown = edit.move(EditObjectKind::Zone, 999, {0, 0, 0});
  ASSERT_FALSE(unknown.hasValue());
  EXPECT_EQ(unknown.error().location.fieldPath, "zones[999]");
  EXPECT_FALSE(edit.move(EditObjectKind::Body, 0, {std::nan(""), 0, 0}).hasValue());
  EXPECT_FALSE(edit.move(EditObjectKind::Body, 0, {1, 0, 1}, -1.0).hasValue());
  EXPECT_FALSE(edit.remove(EditObjectKind::Body, 999).hasValue());
  EXPECT_FALSE(edit.canUndo());
  auto missing = ScenarioEdit::open(kRoot / "scenarios/no_such_file.toml");
  ASSERT_FALSE(missing.hasValue());
  EXPECT_EQ(missing.error().code, core::ErrorCode::NotFound);
  auto notToml = ScenarioEdit::fromText("id = [", "x.toml", "", "s.toml");
  ASSERT_FALSE(notToml.hasValue());
  EXPECT_EQ(notToml.error().location.file, "x.toml");
}

namespace {

/** What a save() returned, carried out of a child process. */
struct SaveOutcome {
  bool saved = false;
  std::string file;    ///< The error's location.file.
  std::string message; ///< The error's message.
};

SaveOutcome outcomeOf(const core::Expected<void>& r) {
  if (r.hasValue()) {
    return {true, {}, {}};
  }
  return {false, r.error().location.file, r.error().message};
}

/**
 * Runs `save` as a user without write permission: root writes into a read-only directory
 * anyway, so as root it runs in a child that has given up root (setuid to "nobody", 65534) and
 * sends the outcome back through a pipe.
 */
SaveOutcome saveUnprivileged(const std::function<core::Expected<void>()>& save) {
  if (::geteuid() != 0) {
    return outcomeOf(save());
  }
  int fds[2];
  if (::pipe(fds) != 0) {
    ADD_FAILURE() << "pipe failed";
    return {};
  }
  const pid_t child = ::fork();
  if (child == 0) {
    ::close(fds[0]);
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) {
      ::_exit(3);
    }
    const SaveOutcome o = outcomeOf(save());
    const std::string wire = std::string(o.saved ? "1" : "0") + o.file + '\n' + o.message;
    const bool sent =
        ::write(fds[1], wire.data(), wire.size()) == static_cast<ssize_t>(wire.size());
    ::_exit(sent ? 0 : 4);
  }
  ::close(fds[1]);
  std::string wire;
  std::array<char, 512> buf{};
  for (ssize_t n; (n = ::read(fds[0], buf.data(), buf.size())) > 0;) {
    wire.append(buf.data(), static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child status " << status;
  if (wire.empty()) {
    return {};
  }
  const auto newline = wire.find('\n');
  return {wire[0] == '1', wire.substr(1, newline - 1), wire.substr(newline + 1)};
}

std::size_t entriesIn(const std::filesystem::path& dir) {
  return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir),
                                                std::filesystem::directory_iterator()));
}

} // namespace

TEST(ScenarioEdit, SavingInPlaceReplacesTheFileAndLeavesNoTemporaryFile) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("skillsim-scenario-save-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto file = dir / "q2.toml";
  std::filesystem::copy_file(kRoot / "scenarios/overhead_crane/q2_practical.toml", file);
  auto edit = ScenarioEdit::open(file, kRoot / "assets/standards/q2-overhead-crane.toml");
  ASSERT_TRUE(edit.hasValue());
  ASSERT_TRUE(
      edit->move(EditObjectKind::Body, bodyIndex(*edit, "pile_1"), {17.0, 0.8, 10.0}).hasValue());
  ASSERT_TRUE(edit->modified());
  ASSERT_TRUE(edit->save().hasValue());
  EXPECT_FALSE(edit->modified());
  EXPECT_EQ(readAll(file), edit->text());
  EXPECT_NE(readAll(file).find("position = [17.0, 0.8, 10.0]"), std::string::npos);
  EXPECT_EQ(entriesIn(dir), 1U); // the temporary file was renamed, not left beside it
  // Others can read it, as they could the file it replaced.
  EXPECT_EQ(std::filesystem::status(file).permissions() & std::filesystem::perms::others_read,
            std::filesystem::perms::others_read);
  std::filesystem::remove_all(dir);
}

TEST(ScenarioEdit, AFailedSaveIntoAReadOnlyDirectoryLeavesTheOriginalWhole) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("skillsim-scenario-readonly-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto file = dir / "q2.toml";
  std::filesystem::copy_file(kRoot / "scenarios/overhead_crane/q2_practical.toml", file);
  const std::string original = readAll(file);
  auto edit = ScenarioEdit::open(file, kRoot / "assets/standards/q2-overhead-crane.toml");
  ASSERT_TRUE(edit.hasValue());
  ASSERT_TRUE(
      edit->move(EditObjectKind::Body, bodyIndex(*edit, "pile_1"), {17.0, 0.8, 10.0}).hasValue());
  using std::filesystem::perms;
  std::filesystem::permissions(dir, perms::owner_read | perms::owner_exec | perms::group_read |
                                        perms::group_exec | perms::others_read |
                                        perms::others_exec);
  const SaveOutcome outcome = saveUnprivileged([&] { return edit->save(); });
  std::filesystem::permissions(dir, perms::owner_all);
  EXPECT_FALSE(outcome.saved);
  EXPECT_EQ(outcome.file, file.string());
  EXPECT_NE(outcome.message.find("Permission denied"), std::string::npos) << outcome.message;
  EXPECT_NE(outcome.message.find("unchanged"), std::string::npos) << outcome.message;
  EXPECT_EQ(readAll(file), original);
  EXPECT_EQ(entriesIn(dir), 1U);
  EXPECT_TRUE(edit->modified()); // nothing was saved, the edit is still to be saved
  std::filesystem::remove_all(dir);
}

TEST(ScenarioEdit, SavingIntoAMissingDirectoryNamesTheFile) {
  ScenarioEdit edit = openQ2();
  const auto file = std::filesystem::temp_directory_path() / "skillsim-no-such-dir" / "x.toml";
  auto saved = edit.save(file);
  ASSERT_FALSE(saved.hasValue());
  EXPECT_EQ(saved.error().code, core::ErrorCode::Io);
  EXPECT_EQ(saved.error().location.file, file.string());
  EXPECT_NE(saved.error().message.find("No such file or directory"), std::string::npos)
      << saved.error().message;
  EXPECT_FALSE(std::filesystem::exists(file.parent_path()));
}
