#include "skillsim/scenario/ScenarioEdit.h"

#include <toml++/toml.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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
  return kind == EditObjectKind::Body ? "bodies" : "zones";
}

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

core::Expected<toml::table> parse(const std::string& text, const std::string& file) {
  try {
    return toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    core::SourceLocation at{file, e.source().begin.line, e.source().begin.column, {}, {}};
    return makeError(ErrorCode::InvalidInput, std::string(e.description()), at);
  }
}

core::Expected<Located> locate(const std::string& text, const std::string& file,
                               EditObjectKind kind, std::size_t index, const toml::table& root) {
  const toml::array* array = root[arrayKey(kind)].as_array();
  std::string what = fieldOf(kind, index);
  if (array == nullptr || index >= array->size() || !(*array)[index].is_table()) {
    return makeError(ErrorCode::InvalidInput, "no such object in the file",
                     core::SourceLocation{file, 0, 0, what, {}});
  }
  Located out;
  out.table = (*array)[index].as_table();
  auto starts = lineStarts(text);
  auto lines = static_cast<std::uint32_t>(starts.size() - 1);
  // The element's header: the nearest `[[array]]` line at or above its first key.
  std::uint32_t firstKey = out.table->source().begin.line;
  for (const auto& [key, node] : *out.table) {
    firstKey =
        std::min(firstKey, key.source().begin.line == 0 ? firstKey : key.source().begin.line);
  }
  std::string header = "[[";
  header.append(arrayKey(kind)).append("]]");
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
  return out;
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
  return fromText(std::move(*text), file.string(), std::move(*standardText), standard.string());
}

void ScenarioEdit::revalidate() {
  mReport = validateScenarioText(mText, mFile, mStandardText, mStandardFile);
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
  std::string next = mText;
  if (const toml::node* node = at->table->get(key); node != nullptr) {
    auto begin = node->source().begin;
    std::string_view line = lineText(mText, starts, begin.line);
    std::size_t from = columnOffset(line, begin.column);
    auto end = valueEnd(line, from);
    if (!end) {
      return makeError(ErrorCode::InvalidInput,
                       "the value is written over several lines; the editor rewrites one line only",
                       core::SourceLocation{mFile, begin.line, begin.column, field, {}});
    }
    next.replace(starts[begin.line - 1] + from, *end - from, tomlValue);
  } else {
    std::string added(key);
    added.append(" = ").append(tomlValue).append("\n");
    next.insert(starts[at->lastLine], added);
  }
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
  for (const EditObject& o : objects()) {
    if (o.kind == kind && o.name == newName) {
      return makeError(ErrorCode::InvalidInput,
                       "the name '" + std::string(newName) + "' is already used",
                       core::SourceLocation{mFile, o.headerLine, 1, "name", {}});
    }
  }
  auto starts = lineStarts(mText);
  std::string copy = "\n[[";
  copy.append(arrayKey(kind)).append("]]\n");
  for (std::uint32_t line = at->header + 1; line <= at->lastLine; ++line) {
    std::string_view t = lineText(mText, starts, line);
    if (isBlankOrComment(t)) {
      continue;
    }
    auto trimmed = t.substr(t.find_first_not_of(" \t"));
    if (trimmed.starts_with("name") &&
        trimmed.substr(4).find_first_not_of(" \t") != std::string_view::npos &&
        trimmed.substr(4)[trimmed.substr(4).find_first_not_of(" \t")] == '=') {
      copy.append("name = \"").append(newName).append("\"\n");
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

core::Expected<void> ScenarioEdit::remove(EditObjectKind kind, std::size_t index) {
  auto root = parse(mText, mFile);
  if (!root) {
    return root.error();
  }
  auto at = locate(mText, mFile, kind, index, *root);
  if (!at) {
    return at.error();
  }
  auto starts = lineStarts(mText);
  // Remove the header through its keys, and the blank lines right after them.
  std::uint32_t last = at->lastLine;
  while (last + 1 < at->nextHeader) {
    std::string_view t = lineText(mText, starts, last + 1);
    if (t.find_first_not_of(" \t\r") != std::string_view::npos) {
      break;
    }
    ++last;
  }
  std::string next = mText;
  next.erase(starts[at->header - 1], starts[last] - starts[at->header - 1]);
  return commit(std::move(next));
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
