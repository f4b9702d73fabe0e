#include "skillsim/scenario/ScenarioEdit.h"

#include <toml++/toml.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>

namespace skillsim::scenario {
namespace {

using core::ErrorCode;
using core::makeError;

const char* arrayKey(EditObjectKind kind) {
  switch (kind) {
  case EditObjectKind::Body: return "bodies";
  case EditObjectKind::Zone: return "zones";
  case EditObjectKind::Rubric: return "rubric";
  }
  return "bodies";
}

/** The key that names a table of this kind: a criterion's `id`, else `name`. */
const char* nameKey(EditObjectKind kind) { return kind == EditObjectKind::Rubric ? "id" : "name"; }

constexpr std::string_view kGroups = "groups";

constexpr double kRadToDeg = 180.0 / 3.14159265358979323846;

/** `bodies[2]` or `bodies[2].key`, the field path messages name. */
std::string fieldOf(EditObjectKind kind, std::size_t index, std::string_view key = {}) {
  std::string out(arrayKey(kind));
  out.append("[").append(std::to_string(index)).append("]");
  if (!key.empty()) {
    out.append(".").append(key);
  }
  return out;
}

/** The error save() returns: what failed, the OS's reason, the file named. */
core::Error saveError(const std::string& what, int osError, const std::filesystem::path& file) {
  return makeError(ErrorCode::Io,
                   "cannot save the scenario: " + what + ": " + std::strerror(osError) +
                       " (the file on disk is unchanged)",
                   core::SourceLocation{.file = file.string()});
}

/**
 * Writes `text` to a new temporary file beside `target` (same directory, so the same file
 * system), syncs it, then renames it over `target`: rename(2) replaces the name atomically, so
 * a crash or a full disk mid-write leaves either the old file or the new one, never half a file.
 * A symbolic link is followed, so the file it points to is replaced and the link kept.
 */
core::Expected<void> replaceFile(std::filesystem::path target, const std::string& text) {
  std::error_code ec;
  if (std::filesystem::is_symlink(target, ec)) {
    target = std::filesystem::canonical(target, ec);
    if (ec) {
      return saveError("cannot follow the link", ec.value(), target);
    }
  }
  const std::filesystem::path dir =
      target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  std::string name(".");
  name.append(target.filename().string()).append(".saving-XXXXXX");
  std::string pattern = (dir / name).string();
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0) {
    return saveError("cannot create a temporary file in " + dir.string(), errno, target);
  }
  const std::filesystem::path temp(pattern);
  const auto fail = [&](const std::string& what, int osError) {
    ::close(fd);
    std::filesystem::remove(temp, ec);
    return saveError(what, osError, target);
  };
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return fail("cannot write " + temp.string(), errno);
    }
    done += static_cast<std::size_t>(n);
  }
  // mkstemp makes the file 0600; a scenario is read by others (validate, the instructor's tools).
  if (::fchmod(fd, 0644) != 0 || ::fsync(fd) != 0) {
    return fail("cannot sync " + temp.string(), errno);
  }
  if (::close(fd) != 0) {
    const int osError = errno;
    std::filesystem::remove(temp, ec);
    return saveError("cannot close " + temp.string(), osError, target);
  }
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    const int osError = errno;
    std::filesystem::remove(temp, ec);
    return saveError("cannot move " + temp.string() + " into place", osError, target);
  }
  // The rename itself survives a power cut once the directory is synced; failing that the new
  // file is already in place, so it is not an error.
  if (const int dirFd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dirFd >= 0) {
    (void)::fsync(dirFd);
    ::close(dirFd);
  }
  return {};
}

/** Byte offsets of each line's start (index 0 = line 1); one past the end closes the list. */
std::vector<std::size_t> lineStarts(const std::string& text) {
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      starts.push_back(i + 1);
    }
  }
  if (starts.back() != text.size()) {
    starts.push_back(text.size());
  }
  return starts;
}

/** Text of 1-based `line` without its newline. */
std::string_view lineText(const std::string& text, const std::vector<std::size_t>& starts,
                          std::uint32_t line) {
  if (line == 0 || line >= starts.size()) {
    return {};
  }
  std::size_t begin = starts[line - 1];
  std::size_t end = starts[line];
  while (end > begin && (text[end - 1] == '\n' || text[end - 1] == '\r')) {
    --end;
  }
  return std::string_view(text).substr(begin, end - begin);
}

/** Byte offset in `line` of 1-based codepoint `column` (toml++ counts codepoints). */
std::size_t columnOffset(std::string_view line, std::uint32_t column) {
  std::uint32_t seen = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0U) != 0x80U) {
      ++seen;
      if (seen == column) {
        return i;
      }
    }
  }
  return line.size();
}

/** End (exclusive, in `line`) of the value starting at `from`: before a comment, trimmed. */
std::optional<std::size_t> valueEnd(std::string_view line, std::size_t from) {
  int depth = 0;
  char quote = 0;
  std::size_t end = line.size();
  for (std::size_t i = from; i < line.size(); ++i) {
    char c = line[i];
    if (quote != 0) {
      if (c == '\\' && quote == '"') {
        ++i;
      } else if (c == quote) {
        quote = 0;
      }
      continue;
    }
    if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if (c == ']' || c == '}') {
      --depth;
    } else if (c == '#') {
      end = i;
      break;
    }
  }
  if (depth != 0 || quote != 0) {
    return std::nullopt; // the value goes on past this line
  }
  while (end > from && (line[end - 1] == ' ' || line[end - 1] == '\t')) {
    --end;
  }
  return end;
}

bool isBlankOrComment(std::string_view line) {
  auto at = line.find_first_not_of(" \t\r");
  return at == std::string_view::npos || line[at] == '#';
}

bool isHeader(std::string_view line) {
  auto at = line.find_first_not_of(" \t");
  return at != std::string_view::npos && line[at] == '[';
}

/** An object's table and its lines in the current text. */
struct Located {
  const toml::table* table = nullptr;
  std::uint32_t header = 0;     ///< 1-based header line.
  std::uint32_t lastLine = 0;   ///< Last line of its keys (before trailing comments / blanks).
  std::uint32_t nextHeader = 0; ///< Next table's header line, or lines + 1.
};

/** Fills `out.nextHeader` and `out.lastLine` from `out.header`: the table runs to the next
 * header line (or the end), its keys to the last line before trailing blanks and comments. */
void spanToNextHeader(const std::string& text, const std::vector<std::size_t>& starts,
                      Located& out) {
  const auto lines = static_cast<std::uint32_t>(starts.size() - 1);
  out.nextHeader = lines + 1;
  for (std::uint32_t line = out.header + 1; line <= lines; ++line) {
    if (isHeader(lineText(text, starts, line))) {
      out.nextHeader = line;
      break;
    }
  }
  out.lastLine = out.nextHeader - 1;
  while (out.lastLine > out.header && isBlankOrComment(lineText(text, starts, out.lastLine))) {
    --out.lastLine;
  }
}

core::Expected<toml::table> parse(const std::string& text, const std::string& file) {
  try {
    return toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    core::SourceLocation at{file, e.source().begin.line, e.source().begin.column, {}, {}};
    return makeError(ErrorCode::InvalidInput, std::string(e.description()), at);
  }
}

core::Expected<Located> locateIn(const std::string& text, const std::string& file,
                                 std::string_view arrayName, std::size_t index,
                                 const toml::table& root) {
  const toml::array* array = root[arrayName].as_array();
  std::string what = std::string(arrayName) + "[" + std::to_string(index) + "]";
  if (array == nullptr || index >= array->size() || !(*array)[index].is_table()) {
    return makeError(ErrorCode::InvalidInput, "no such object in the file",
                     core::SourceLocation{file, 0, 0, what, {}});
  }
  Located out;
  out.table = (*array)[index].as_table();
  auto starts = lineStarts(text);
  // The element's header: the nearest `[[array]]` line at or above its first key.
  std::uint32_t firstKey = out.table->source().begin.line;
  for (const auto& [key, node] : *out.table) {
    firstKey =
        std::min(firstKey, key.source().begin.line == 0 ? firstKey : key.source().begin.line);
  }
  std::string header = "[[";
  header.append(arrayName).append("]]");
  for (std::uint32_t line = firstKey; line >= 1; --line) {
    std::string_view t = lineText(text, starts, line);
    auto at = t.find_first_not_of(" \t");
    if (at != std::string_view::npos && t.substr(at, header.size()) == header) {
      out.header = line;
      break;
    }
  }
  if (out.header == 0) {
    return makeError(ErrorCode::InvalidInput,
                     "its table is not written as a `" + header + "` header the editor can find",
                     core::SourceLocation{file, firstKey, 1, what, {}});
  }
  spanToNextHeader(text, starts, out);
  return out;
}

core::Expected<Located> locate(const std::string& text, const std::string& file,
                               EditObjectKind kind, std::size_t index, const toml::table& root) {
  return locateIn(text, file, arrayKey(kind), index, root);
}

std::string formatNumber(double v) {
  std::ostringstream s;
  s.imbue(std::locale::classic());
  s.precision(15);
  s << v;
  std::string out = s.str();
  if (out.find_first_of(".eE") == std::string::npos && out.find("inf") == std::string::npos &&
      out.find("nan") == std::string::npos) {
    out += ".0";
  }
  return out;
}

/** One replacement of `length` bytes at `offset` by `text`. */
struct Splice {
  std::size_t offset = 0;
  std::size_t length = 0;
  std::string text;
};

/** Applies splices that do not overlap, from the last one back, so offsets stay valid. */
std::string applySplices(std::string text, std::vector<Splice> splices) {
  std::sort(splices.begin(), splices.end(),
            [](const Splice& a, const Splice& b) { return a.offset > b.offset; });
  for (const Splice& s : splices) {
    text.replace(s.offset, s.length, s.text);
  }
  return text;
}

/** The splice that replaces `node`'s value (written on one line) by `value`. */
core::Expected<Splice> valueSplice(const std::string& text, const std::vector<std::size_t>& starts,
                                   const toml::node& node, const std::string& file,
                                   const std::string& field, std::string_view value) {
  auto begin = node.source().begin;
  std::string_view line = lineText(text, starts, begin.line);
  std::size_t from = columnOffset(line, begin.column);
  auto end = valueEnd(line, from);
  if (!end) {
    return makeError(ErrorCode::InvalidInput,
                     "the value is written over several lines; the editor rewrites one line only",
                     core::SourceLocation{file, begin.line, begin.column, field, {}});
  }
  return Splice{starts[begin.line - 1] + from, *end - from, std::string(value)};
}

/**
 * The splice that replaces one element of an array written on one line (a number: up to the
 * next `,`, `]`, blank or comment) by `value`, so the other elements keep their own text.
 */
Splice elementSplice(const std::string& text, const std::vector<std::size_t>& starts,
                     const toml::node& element, std::string_view value) {
  auto begin = element.source().begin;
  std::string_view line = lineText(text, starts, begin.line);
  std::size_t from = columnOffset(line, begin.column);
  std::size_t end = line.find_first_of(", \t]#\r", from);
  if (end == std::string_view::npos) {
    end = line.size();
  }
  return Splice{starts[begin.line - 1] + from, end - from, std::string(value)};
}

/** The splice that adds `key = value` as a new line after 1-based `line`. */
Splice keySplice(const std::string& text, const std::vector<std::size_t>& starts,
                 std::uint32_t line, std::string_view key, std::string_view value) {
  const std::size_t offset = starts[std::min<std::size_t>(line, starts.size() - 1)];
  std::string added;
  if (offset == text.size() && !text.empty() && text.back() != '\n') {
    added += '\n'; // the last line had no end of line
  }
  added.append(key).append(" = ").append(value).append("\n");
  return Splice{offset, 0, std::move(added)};
}

/** Whether `trimmed` (a line without its indentation) is the header `[name]`. */
bool isTableHeader(std::string_view line, std::string_view name) {
  auto at = line.find_first_not_of(" \t");
  if (at == std::string_view::npos || line[at] != '[' || line.substr(at).starts_with("[[")) {
    return false;
  }
  std::string_view rest = line.substr(at + 1);
  auto close = rest.find(']');
  if (close == std::string_view::npos) {
    return false;
  }
  std::string_view inner = rest.substr(0, close);
  while (!inner.empty() && (inner.front() == ' ' || inner.front() == '\t')) {
    inner.remove_prefix(1);
  }
  while (!inner.empty() && (inner.back() == ' ' || inner.back() == '\t')) {
    inner.remove_suffix(1);
  }
  return inner == name;
}

/**
 * A top-level table written under its own `[name]` header: its header and the last line of its
 * keys. Errors: InvalidInput when the file has no such table or writes it inline.
 */
core::Expected<Located> locateTable(const std::string& text, const std::string& file,
                                    std::string_view name, const toml::table& root) {
  const toml::node* node = root.get(name);
  const std::string field(name);
  if (node == nullptr || !node->is_table()) {
    return makeError(ErrorCode::InvalidInput,
                     "the file has no [" + field + "] table; add one with its required keys",
                     core::SourceLocation{file, 0, 0, field, {}});
  }
  if (node->as_table()->is_inline()) {
    return makeError(ErrorCode::InvalidInput,
                     "[" + field +
                         "] is written inline; the editor edits a table under its own "
                         "[" +
                         field + "] header",
                     core::SourceLocation{
                         file, node->source().begin.line, node->source().begin.column, field, {}});
  }
  auto starts = lineStarts(text);
  auto lines = static_cast<std::uint32_t>(starts.size() - 1);
  Located out;
  out.table = node->as_table();
  for (std::uint32_t line = 1; line <= lines; ++line) {
    if (isTableHeader(lineText(text, starts, line), name)) {
      out.header = line;
      break;
    }
  }
  if (out.header == 0) {
    return makeError(ErrorCode::InvalidInput,
                     "[" + field + "] is not written as a header the editor can find",
                     core::SourceLocation{file, node->source().begin.line, 1, field, {}});
  }
  spanToNextHeader(text, starts, out);
  return out;
}

/** The `name` (or `id`) value of an array's tables, in order; empty where absent. */
std::vector<std::string> namesIn(const toml::table& root, std::string_view array,
                                 std::string_view key) {
  std::vector<std::string> out;
  if (const toml::array* a = root[array].as_array()) {
    for (const toml::node& n : *a) {
      const toml::table* t = n.as_table();
      out.push_back(t != nullptr && t->get(key) != nullptr
                        ? t->get(key)->value<std::string>().value_or("")
                        : std::string());
    }
  }
  return out;
}

/** A TOML basic string holding `s` (quotes and backslashes escaped). */
std::string tomlString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

/** An angle in degrees wrapped into (-180, 180]. */
double wrapDegrees(double deg) {
  double w = std::fmod(deg, 360.0);
  if (w > 180.0) {
    w -= 360.0;
  } else if (w <= -180.0) {
    w += 360.0;
  }
  return w;
}

} // namespace

core::Expected<ScenarioEdit> ScenarioEdit::fromText(std::string text, std::string file,
                                                    std::string standardText,
                                                    std::string standardFile) {
  auto root = parse(text, file);
  if (!root) {
    return root.error();
  }
  ScenarioEdit edit;
  edit.mText = std::move(text);
  edit.mSavedText = edit.mText;
  edit.mFile = std::move(file);
  edit.mStandardText = std::move(standardText);
  edit.mStandardFile = std::move(standardFile);
  edit.revalidate();
  return edit;
}

core::Expected<ScenarioEdit> ScenarioEdit::open(const std::filesystem::path& file,
                                                const std::filesystem::path& standardFile) {
  auto read = [](const std::filesystem::path& p) -> core::Expected<std::string> {
    std::ifstream in(p, std::ios::binary);
    if (!in) {
      return makeError(std::filesystem::exists(p) ? ErrorCode::Io : ErrorCode::NotFound,
                       "cannot read the file", core::SourceLocation{p.string(), 0, 0, {}, {}});
    }
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  };
  auto text = read(file);
  if (!text) {
    return text.error();
  }
  std::filesystem::path standard = standardFile;
  if (standard.empty()) {
    auto root = parse(*text, file.string());
    if (!root) {
      return root.error();
    }
    std::string id = root->get("standard") != nullptr
                         ? root->get("standard")->value<std::string>().value_or("")
                         : "";
    for (auto dir = std::filesystem::absolute(file).parent_path(); !dir.empty();
         dir = dir.parent_path()) {
      if (std::filesystem::is_directory(dir / "assets" / "standards")) {
        standard = dir / "assets" / "standards" / (id + ".toml");
        break;
      }
      if (dir == dir.parent_path()) {
        break;
      }
    }
    if (standard.empty()) {
      return makeError(ErrorCode::NotFound,
                       "no assets/standards folder above the scenario for its standard '" + id +
                           "'",
                       core::SourceLocation{file.string(), 0, 0, "standard", {}});
    }
  }
  auto standardText = read(standard);
  if (!standardText) {
    return standardText.error();
  }
  auto edit =
      fromText(std::move(*text), file.string(), std::move(*standardText), standard.string());
  if (edit) {
    edit->mScenariosFolder = scenariosFolderOf(file);
    edit->revalidate();
  }
  return edit;
}

void ScenarioEdit::revalidate() {
  mReport = validateScenarioText(mText, mFile, mStandardText, mStandardFile);
  mWarnings.clear();
  if (!mReport.scenario) {
    return;
  }
  mWarnings = mReport.scenario->warnings;
  if (mScenariosFolder.empty()) {
    return;
  }
  // The other files' ids do not change with this edit: look through the folder again only when
  // this file's id (or where it is written) did.
  auto root = parse(mText, mFile);
  const toml::node* id = root ? root->get("id") : nullptr;
  if (id == nullptr || !id->is_string()) {
    return;
  }
  const std::string value = id->value<std::string>().value_or("");
  const auto at = id->source().begin;
  if (!mIdWarnings || mIdWarnings->id != value || mIdWarnings->line != at.line ||
      mIdWarnings->column != at.column) {
    mIdWarnings = IdWarnings{value, at.line, at.column,
                             duplicateScenarioIdWarnings(mText, mFile, mScenariosFolder)};
  }
  mWarnings.insert(mWarnings.end(), mIdWarnings->warnings.begin(), mIdWarnings->warnings.end());
}

core::Expected<void> ScenarioEdit::commit(std::string newText) {
  auto root = parse(newText, mFile);
  if (!root) {
    return root.error();
  }
  mUndo.push_back(std::move(mText));
  mRedo.clear();
  mText = std::move(newText);
  revalidate();
  return {};
}

std::vector<EditObject> ScenarioEdit::objects() const {
  std::vector<EditObject> out;
  auto root = parse(mText, mFile);
  if (!root) {
    return out;
  }
  for (EditObjectKind kind : {EditObjectKind::Body, EditObjectKind::Zone}) {
    const toml::array* array = (*root)[arrayKey(kind)].as_array();
    for (std::size_t i = 0; array != nullptr && i < array->size(); ++i) {
      auto at = locate(mText, mFile, kind, i, *root);
      EditObject object{kind, i, {}, at ? at->header : 0};
      if (const toml::table* t = (*array)[i].as_table();
          t != nullptr && t->get("name") != nullptr) {
        object.name = t->get("name")->value<std::string>().value_or("");
      }
      out.push_back(std::move(object));
    }
  }
  return out;
}

core::Expected<void> ScenarioEdit::setValue(EditObjectKind kind, std::size_t index,
                                            std::string_view key, std::string_view tomlValue) {
  auto root = parse(mText, mFile);
  if (!root) {
    return root.error();
  }
  auto at = locate(mText, mFile, kind, index, *root);
  if (!at) {
    return at.error();
  }
  std::string field = fieldOf(kind, index, key);
  auto starts = lineStarts(mText);
  Splice splice;
  if (const toml::node* node = at->table->get(key); node != nullptr) {
    auto replaced = valueSplice(mText, starts, *node, mFile, field, tomlValue);
    if (!replaced) {
      return replaced.error();
    }
    splice = std::move(*replaced);
  } else {
    splice = keySplice(mText, starts, at->lastLine, key, tomlValue);
  }
  std::string next = applySplices(mText, {std::move(splice)});
  auto parsed = parse(next, mFile);
  if (!parsed) {
    return makeError(ErrorCode::InvalidInput,
                     "'" + std::string(tomlValue) +
                         "' is not a TOML value: " + parsed.error().message,
                     core::SourceLocation{mFile, 0, 0, field, {}});
  }
  return commit(std::move(next));
}

core::Expected<void> ScenarioEdit::setTopValue(std::string_view table, std::string_view key,
                                               std::string_view tomlValue) {
  auto root = parse(mText, mFile);
  if (!root) {
    return root.error();
  }
  std::string field =
      table.empty() ? std::string(key) : std::string(table) + "." + std::string(key);
  if (key.empty()) {
    return makeError(ErrorCode::InvalidInput, "no key given",
                     core::SourceLocation{mFile, 0, 0, field, {}});
  }
  auto starts = lineStarts(mText);
  const toml::table* owner = nullptr;
  std::uint32_t insertAfter = 0;
  if (table.empty()) {
    owner = &*root;
    // A new top-level key goes after the last one written before the tables begin.
    for (const auto& [k, node] : *root) {
      const toml::table* t = node.as_table();
      const toml::array* a = node.as_array();
      const bool isTableSection =
          (t != nullptr && !t->is_inline()) || (a != nullptr && a->is_array_of_tables() &&
                                                !a->empty() && !a->front().as_table()->is_inline());
      if (!isTableSection) {
        insertAfter = std::max(insertAfter, node.source().end.line);
      }
    }
  } else {
    auto at = locateTable(mText, mFile, table, *root);
    if (!at) {
      core::Error error = at.error();
      error.location.fieldPath = field;
      return error;
    }
    owner = at->table;
    insertAfter = at->lastLine;
  }
  Splice splice;
  if (const toml::node* node = owner->get(key); node != nullptr) {
    const bool section = (node->is_table() && !node->as_table()->is_inline()) ||
                         (node->is_array_of_tables() && !node->as_array()->empty() &&
                          !node->as_array()->front().as_table()->is_inline());
    if (section) {
      return makeError(
          ErrorCode::InvalidInput, "'" + field + "' is a table, not a value; edit its keys instead",
          core::SourceLocation{
              mFile, node->source().begin.line, node->source().begin.column, field, {}});
    }
    auto replaced = valueSplice(mText, starts, *node, mFile, field, tomlValue);
    if (!replaced) {
      return replaced.error();
    }
    splice = std::move(*replaced);
  } else {
    splice = keySplice(mText, starts, insertAfter, key, tomlValue);
  }
  std::string next = applySplices(mText, {std::move(splice)});
  auto parsed = parse(next, mFile);
  if (!parsed) {
    return makeError(ErrorCode::InvalidInput,
                     "'" + std::string(tomlValue) +
                         "' is not a TOML value: " + parsed.error().message,
                     core::SourceLocation{mFile, 0, 0, field, {}});
  }
  return commit(std::move(next));
}

core::Expected<void> ScenarioEdit::move(EditObjectKind kind, std::size_t index,
                                        std::array<double, 3> value, double grid) {
  const char* key = kind == EditObjectKind::Body ? "position" : "center";
  std::string field = fieldOf(kind, index, key);
  if (!std::isfinite(grid) || grid < 0.0) {
    return makeError(ErrorCode::InvalidInput,
                     "the grid must be 0 (no snap) or a positive length in m",
                     core::SourceLocation{mFile, 0, 0, field, {}});
  }
  for (double v : value) {
    if (!std::isfinite(v)) {
      return makeError(ErrorCode::InvalidInput, "a position must be a finite length in m",
                       core::SourceLocation{mFile, 0, 0, field, {}});
    }
  }
  if (grid > 0.0) {
    value[0] = std::round(value[0] / grid) * grid;
    value[2] = std::round(value[2] / grid) * grid;
  }
  std::string text = "[";
  text.append(formatNumber(value[0])).append(", ").append(formatNumber(value[1])).append(", ");
  text.append(formatNumber(value[2])).append("]");
  return setValue(kind, index, key, text);
}

core::Expected<void> ScenarioEdit::duplicate(EditObjectKind kind, std::size_t index,
                                             std::string_view newName) {
  auto root = parse(mText, mFile);
  if (!root) {
    return root.error();
  }
  auto at = locate(mText, mFile, kind, index, *root);
  if (!at) {
    return at.error();
  }
  if (auto used = nameInUse(kind, newName); !used) {
    return used;
  }
  const std::string key = nameKey(kind);
  auto starts = lineStarts(mText);
  std::string copy = "\n[[";
  copy.append(arrayKey(kind)).append("]]\n");
  for (std::uint32_t line = at->header + 1; line <= at->lastLine; ++line) {
    std::string_view t = lineText(mText, starts, line);
    if (isBlankOrComment(t)) {
      continue;
    }
    auto trimmed = t.substr(t.find_first_not_of(" \t"));
    if (std::string_view after = trimmed.substr(std::min(key.size(), trimmed.size()));
        trimmed.starts_with(key) && after.find_first_not_of(" \t") != std::string_view::npos &&
        after[after.find_first_not_of(" \t")] == '=') {
      copy.append(key).append(" = ").append(tomlString(newName)).append("\n");
      continue;
    }
    copy.append(t).append("\n");
  }
  std::string next = mText;
  if (!next.empty() && next.back() != '\n') {
    next += '\n';
  }
  next += copy;
  return commit(std::move(next));
}

namespace {

/** `text` without the table at `at` (see remove()). */
std::string withoutTable(const std::string& text, const Located& at) {
  auto starts = lineStarts(text);
  // Remove the header through its keys, and the blank lines right after them.
  std::uint32_t last = at.lastLine;
  while (last + 1 < at.nextHeader) {
    std::string_view t = lineText(text, starts, last + 1);
    if (t.find_first_not_of(" \t\r") != std::string_view::npos) {
      break;
    }
    ++last;
  }
  std::string next = text;
  next.erase(starts[at.header - 1], starts[last] - starts[at.header - 1]);
  return next;
}

} // namespace

core::Expected<void> ScenarioEdit::remove(EditObjectKind kind, std::size_t index) {
  auto root = parse(mText, mFile);
  if (!root) {
    return root.error();
  }
  auto at = locate(mText, mFile, kind, index, *root);
  if (!at) {
    return at.error();
  }
  return commit(withoutTable(mText, *at));
}

core::Expected<void> ScenarioEdit::nameInUse(EditObjectKind kind, std::string_view name) const {
  auto root = parse(mText, mFile);
  if (!root) {
    return root.error();
  }
  const auto names = namesIn(*root, arrayKey(kind), nameKey(kind));
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) {
      auto at = locate(mText, mFile, kind, i, *root);
      return makeError(
          ErrorCode::InvalidInput,
          std::string("the ") + (kind == EditObjectKind::Rubric ? "id" : "name") + " '" +
              std::string(name) + "' is already used by " + fieldOf(kind, i) + "; choose another",
          core::SourceLocation{mFile, at ? at->header : 0, 1, fieldOf(kind, i, nameKey(kind)), {}});
    }
  }
  return {};
}

std::vector<EditRubricItem> ScenarioEdit::rubricItems() const {
  std::vector<EditRubricItem> out;
  auto root = parse(mText, mFile);
  if (!root) {
    return out;
  }
  const toml::array* array = (*root)["rubric"].as_array();
  const sim::MachineDecl* machine =
      mReport.scenario && mReport.scenario->machine ? &*mReport.scenario->machine : nullptr;
  for (std::size_t i = 0; array != nullptr && i < array->size(); ++i) {
    const toml::table* t = (*array)[i].as_table();
    if (t == nullptr) {
      continue;
    }
    auto at = locate(mText, mFile, EditObjectKind::Rubric, i, *root);
    EditRubricItem item;
    item.index = i;
    item.headerLine = at ? at->header : 0;
    auto text = [&](const char* key) {
      const toml::node* n = t->get(key);
      return n != nullptr ? n->value<std::string>().value_or("") : std::string();
    };
    auto number = [&](const char* key) -> std::optional<double> {
      const toml::node* n = t->get(key);
      return n != nullptr && (n->is_integer() || n->is_floating_point()) ? n->value<double>()
                                                                         : std::nullopt;
    };
    item.id = text("id");
    item.item = text("item");
    item.kind = text("kind");
    item.points = number("points");
    item.maxPoints = number("max_points");
    item.metric = text("metric");
    if (!item.metric.empty()) {
      if (item.metric == "time") {
        item.unit = sim::Unit::Second;
      } else if (machine != nullptr) {
        if (const sim::MetricDecl* decl = machine->metric(item.metric)) {
          item.unit = decl->unit;
        }
      }
    }
    out.push_back(std::move(item));
  }
  return out;
}

std::vector<EditGroup> ScenarioEdit::groups() const {
  std::vector<EditGroup> out;
  auto root = parse(mText, mFile);
  if (!root) {
    return out;
  }
  const toml::array* array = (*root)[kGroups].as_array();
  for (std::size_t i = 0; array != nullptr && i < array->size(); ++i) {
    const toml::table* t = (*array)[i].as_table();
    if (t == nullptr) {
      continue;
    }
    auto at = locateIn(mText, mFile, kGroups, i, *root);
    EditGroup group;
    group.headerLine = at ? at->header : 0;
    if (const toml::node* n = t->get("name")) {
      group.name = n->value<std::string>().value_or("");
    }
    if (const toml::array* members = t->get_as<toml::array>("members")) {
      for (const toml::node& m : *members) {
        if (auto name = m.value<std::string>()) {
          group.members.push_back(*name);
        }
      }
    }
    out.push_back(std::move(group));
  }
  return out;
}

core::Expected<void> ScenarioEdit::appendTable(EditObjectKind kind, std::string_view name,
                                               std::string keys) {
  auto root = parse(mText, mFile);
  if (!root) {
    return root.error();
  }
  std::string table = "[[";
  table.append(arrayKey(kind)).append("]]\n");
  table.append(nameKey(kind)).append(" = ").append(tomlString(name)).append("\n").append(keys);
  // After the last table of the same array (bodies keep their file order: the new one is
  // created last), else at the end of the file.
  const toml::array* array = (*root)[arrayKey(kind)].as_array();
  std::string next = mText;
  if (array != nullptr && !array->empty()) {
    auto last = locate(mText, mFile, kind, array->size() - 1, *root);
    if (!last) {
      return last.error();
    }
    auto starts = lineStarts(mText);
    std::string inserted = "\n" + table;
    std::size_t offset = starts[last->lastLine];
    if (offset == next.size() && !next.empty() && next.back() != '\n') {
      inserted.insert(0, "\n");
    }
    next.insert(offset, inserted);
  } else {
    if (!next.empty() && next.back() != '\n') {
      next += '\n';
    }
    next += "\n" + table;
  }
  return commit(std::move(next));
}

core::Expected<void> ScenarioEdit::add(EditObjectKind kind, std::string_view name) {
  const std::string field = std::string(arrayKey(kind)) + "." + nameKey(kind);
  if (name.empty()) {
    return makeError(ErrorCode::InvalidInput, std::string("a new table needs a ") + nameKey(kind),
                     core::SourceLocation{mFile, 0, 0, field, {}});
  }
  if (auto used = nameInUse(kind, name); !used) {
    return used;
  }
  switch (kind) {
  case EditObjectKind::Body:
    // A static 1 m cube standing on the ground at the origin.
    return appendTable(kind, name,
                       "shape = \"box\"\nsize = [1.0, 1.0, 1.0]\nposition = [0.0, 0.5, 0.0]\n"
                       "mass = 0.0\n");
  case EditObjectKind::Zone:
    return appendTable(kind, name, "center = [0.0, 0.0, 0.0]\nradius = 1.0\nheight = 2.0\n");
  case EditObjectKind::Rubric: {
    const ValidationReport standard = validateStandardText(mStandardText, mStandardFile);
    const assessment::StandardItem* first = nullptr;
    if (standard.standard) {
      for (const assessment::StandardItem& item : standard.standard->items) {
        if (!item.veto && item.points > 0.0) {
          first = &item;
          break;
        }
      }
    }
    if (first == nullptr) {
      return makeError(ErrorCode::InvalidInput,
                       "the standard " + mStandardFile +
                           " has no item with points for a new criterion to take them off",
                       core::SourceLocation{mFile, 0, 0, field, {}});
    }
    // Charges nothing until the instructor sets its kind, event and points.
    return appendTable(kind, name,
                       "item = " + tomlString(first->id) +
                           "\nkind = \"event_count\"\nevent = { event = \"contact_begin\" }\n"
                           "points = 0\n");
  }
  }
  return {};
}

core::Expected<void> ScenarioEdit::rotate(EditObjectKind kind, std::size_t index, double yawRad) {
  const char* key = kind == EditObjectKind::Body ? "rotation_deg" : "yaw_deg";
  const std::string field = fieldOf(kind, index, key);
  if (kind == EditObjectKind::Rubric) {
    return makeError(ErrorCode::InvalidInput, "a rubric criterion has no place to turn",
                     core::SourceLocation{mFile, 0, 0, fieldOf(kind, index), {}});
  }
  if (!std::isfinite(yawRad)) {
    return makeError(ErrorCode::InvalidInput, "the angle must be a finite number of radians",
                     core::SourceLocation{mFile, 0, 0, field, {}});
  }
  auto root = parse(mText, mFile);
  if (!root) {
    return root.error();
  }
  auto at = locate(mText, mFile, kind, index, *root);
  if (!at) {
    return at.error();
  }
  const std::string degrees = formatNumber(wrapDegrees(yawRad * kRadToDeg));
  if (kind == EditObjectKind::Zone) {
    const toml::node* shape = at->table->get("shape");
    if (shape == nullptr || shape->value<std::string>() != std::string("box")) {
      return makeError(ErrorCode::InvalidInput,
                       "a cylinder zone is round about its vertical axis: turning it changes "
                       "nothing (a box zone turns with yaw_deg)",
                       core::SourceLocation{mFile, at->header, 1, field, {}});
    }
    return setValue(kind, index, key, degrees);
  }
  const toml::node* rotation = at->table->get(key);
  if (rotation == nullptr) {
    return setValue(kind, index, key, "[0.0, " + degrees + ", 0.0]");
  }
  const toml::array* angles = rotation->as_array();
  if (angles == nullptr || angles->size() != 3 || !(*angles)[1].is_number() ||
      (*angles)[1].source().begin.line != rotation->source().begin.line) {
    return makeError(
        ErrorCode::InvalidInput,
        "rotation_deg is not an [x, y, z] of numbers on one line; write it as one",
        core::SourceLocation{
            mFile, rotation->source().begin.line, rotation->source().begin.column, field, {}});
  }
  // Only the y angle's characters change; x and z keep their own text.
  auto starts = lineStarts(mText);
  return commit(applySplices(mText, {elementSplice(mText, starts, (*angles)[1], degrees)}));
}

core::Expected<void> ScenarioEdit::setGroup(std::string_view name,
                                            const std::vector<std::string>& members) {
  if (name.empty() || members.empty()) {
    return makeError(ErrorCode::InvalidInput,
                     name.empty() ? "a group needs a name" : "a group needs at least one member",
                     core::SourceLocation{mFile, 0, 0, "groups", {}});
  }
  std::string list = "[";
  for (std::size_t i = 0; i < members.size(); ++i) {
    list.append(i == 0 ? "" : ", ").append(tomlString(members[i]));
  }
  list += "]";
  auto root = parse(mText, mFile);
  if (!root) {
    return root.error();
  }
  const auto names = namesIn(*root, kGroups, "name");
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] != name) {
      continue;
    }
    auto at = locateIn(mText, mFile, kGroups, i, *root);
    if (!at) {
      return at.error();
    }
    const std::string field = "groups[" + std::to_string(i) + "].members";
    auto starts = lineStarts(mText);
    Splice splice;
    if (const toml::node* node = at->table->get("members")) {
      auto replaced = valueSplice(mText, starts, *node, mFile, field, list);
      if (!replaced) {
        return replaced.error();
      }
      splice = std::move(*replaced);
    } else {
      splice = keySplice(mText, starts, at->lastLine, "members", list);
    }
    return commit(applySplices(mText, {std::move(splice)}));
  }
  std::string table = "\n[[groups]]\nname = " + tomlString(name) + "\nmembers = " + list + "\n";
  std::string next = mText;
  if (!next.empty() && next.back() != '\n') {
    next += '\n';
  }
  next += table;
  return commit(std::move(next));
}

core::Expected<void> ScenarioEdit::removeGroup(std::string_view name) {
  auto root = parse(mText, mFile);
  if (!root) {
    return root.error();
  }
  const auto names = namesIn(*root, kGroups, "name");
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) {
      auto at = locateIn(mText, mFile, kGroups, i, *root);
      if (!at) {
        return at.error();
      }
      return commit(withoutTable(mText, *at));
    }
  }
  return makeError(ErrorCode::InvalidInput, "no group '" + std::string(name) + "' in the file",
                   core::SourceLocation{mFile, 0, 0, "groups", {}});
}

core::Expected<void> ScenarioEdit::moveGroup(std::string_view name, std::array<double, 2> deltaXZ,
                                             double grid) {
  const std::string groupField = "groups." + std::string(name);
  if (!std::isfinite(grid) || grid < 0.0) {
    return makeError(ErrorCode::InvalidInput,
                     "the grid must be 0 (no snap) or a positive length in m",
                     core::SourceLocation{mFile, 0, 0, groupField, {}});
  }
  if (!std::isfinite(deltaXZ[0]) || !std::isfinite(deltaXZ[1])) {
    return makeError(ErrorCode::InvalidInput, "a move must be a finite length in m",
                     core::SourceLocation{mFile, 0, 0, groupField, {}});
  }
  auto root = parse(mText, mFile);
  if (!root) {
    return root.error();
  }
  const EditGroup* group = nullptr;
  const auto all = groups();
  for (const EditGroup& g : all) {
    if (g.name == name) {
      group = &g;
      break;
    }
  }
  if (group == nullptr) {
    return makeError(ErrorCode::InvalidInput, "no group '" + std::string(name) + "' in the file",
                     core::SourceLocation{mFile, 0, 0, "groups", {}});
  }
  // Each member's table and its position / centre node (null: a body at the default origin).
  struct Member {
    EditObjectKind kind;
    std::size_t index;
    Located at;
    const toml::array* value = nullptr;
    std::array<double, 3> position{0.0, 0.0, 0.0};
  };
  std::vector<Member> found;
  const auto bodyNames = namesIn(*root, "bodies", "name");
  const auto zoneNames = namesIn(*root, "zones", "name");
  for (const std::string& member : group->members) {
    std::size_t before = found.size();
    for (auto [kind, names] : {std::pair{EditObjectKind::Body, &bodyNames},
                               std::pair{EditObjectKind::Zone, &zoneNames}}) {
      for (std::size_t i = 0; i < names->size(); ++i) {
        if ((*names)[i] != member) {
          continue;
        }
        auto at = locate(mText, mFile, kind, i, *root);
        if (!at) {
          return at.error();
        }
        Member m{kind, i, *at};
        const char* key = kind == EditObjectKind::Body ? "position" : "center";
        if (const toml::node* node = at->table->get(key)) {
          const toml::array* a = node->as_array();
          if (a == nullptr || a->size() != 3 || !(*a)[0].is_number() || !(*a)[2].is_number()) {
            return makeError(ErrorCode::InvalidInput,
                             "'" + member + "': " + key + " is not an [x, y, z] of numbers",
                             core::SourceLocation{mFile,
                                                  node->source().begin.line,
                                                  node->source().begin.column,
                                                  fieldOf(kind, i, key),
                                                  {}});
          }
          for (std::size_t c = 0; c < 3; ++c) {
            m.position[c] = (*a)[c].value<double>().value_or(0.0);
          }
          if ((*a)[0].source().begin.line != (*a)[2].source().begin.line) {
            return makeError(ErrorCode::InvalidInput,
                             "the value is written over several lines; the editor rewrites one "
                             "line only",
                             core::SourceLocation{mFile,
                                                  node->source().begin.line,
                                                  node->source().begin.column,
                                                  fieldOf(kind, i, key),
                                                  {}});
          }
          m.value = a;
        }
        found.push_back(m);
      }
    }
    if (found.size() == before) {
      return makeError(ErrorCode::InvalidInput,
                       "group '" + std::string(name) + "': member '" + member +
                           "' names no body or zone",
                       core::SourceLocation{mFile, group->headerLine, 1, groupField, {}});
    }
  }
  std::array<double, 2> delta = deltaXZ;
  if (grid > 0.0 && !found.empty()) {
    const auto& first = found.front().position;
    delta[0] = std::round((first[0] + deltaXZ[0]) / grid) * grid - first[0];
    delta[1] = std::round((first[2] + deltaXZ[1]) / grid) * grid - first[2];
  }
  auto starts = lineStarts(mText);
  std::vector<Splice> splices;
  for (const Member& m : found) {
    const double x = m.position[0] + delta[0];
    const double z = m.position[2] + delta[1];
    if (m.value != nullptr) {
      // Only x and z change; y keeps its own text.
      splices.push_back(elementSplice(mText, starts, (*m.value)[0], formatNumber(x)));
      splices.push_back(elementSplice(mText, starts, (*m.value)[2], formatNumber(z)));
    } else {
      splices.push_back(keySplice(mText, starts, m.at.lastLine, "position",
                                  "[" + formatNumber(x) + ", 0.0, " + formatNumber(z) + "]"));
    }
  }
  return commit(applySplices(mText, std::move(splices)));
}

namespace {

/** Moves `text` onto `to` and the last of `from` into `text`; false when `from` is empty. */
bool stepHistory(std::string& text, std::vector<std::string>& from, std::vector<std::string>& to) {
  if (from.empty()) {
    return false;
  }
  to.push_back(std::move(text));
  text = std::move(from.back());
  from.pop_back();
  return true;
}

} // namespace

bool ScenarioEdit::undo() {
  if (!stepHistory(mText, mUndo, mRedo)) {
    return false;
  }
  revalidate();
  return true;
}

bool ScenarioEdit::redo() {
  if (!stepHistory(mText, mRedo, mUndo)) {
    return false;
  }
  revalidate();
  return true;
}

core::Expected<void> ScenarioEdit::save(const std::filesystem::path& file) {
  std::filesystem::path target = file.empty() ? std::filesystem::path(mFile) : file;
  if (auto written = replaceFile(target, mText); !written) {
    return written;
  }
  if (file.empty()) {
    mSavedText = mText;
  }
  return {};
}

} // namespace skillsim::scenario
