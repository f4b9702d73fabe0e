#include "skillsim/scenario/ScenarioEditView.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <numbers>
#include <sstream>

namespace skillsim::scenario {
namespace {

/** A value as TOML text, on one line (toml++'s own writing of it). */
std::string valueText(const toml::node& node) {
  std::ostringstream s;
  s.imbue(std::locale::classic());
  if (const toml::array* a = node.as_array()) {
    s << *a;
  } else if (const toml::table* t = node.as_table()) {
    // An inline table (a trigger): toml++ writes a table as lines; keep it on one.
    s << "{ ";
    bool first = true;
    for (const auto& [k, v] : *t) {
      s << (first ? "" : ", ") << k.str() << " = " << valueText(v);
      first = false;
    }
    s << " }";
  } else {
    node.visit([&](const auto& v) { s << v; });
  }
  std::string out = s.str();
  std::replace(out.begin(), out.end(), '\n', ' ');
  return out;
}

std::vector<EditKey> keysOf(const toml::table& table) {
  std::vector<EditKey> keys;
  for (const auto& [k, v] : table) {
    keys.push_back({std::string(k.str()), valueText(v), k.source().begin.line});
  }
  std::stable_sort(keys.begin(), keys.end(),
                   [](const EditKey& a, const EditKey& b) { return a.line < b.line; });
  return keys;
}

double number(const toml::node* n, double fallback) {
  if (n == nullptr) {
    return fallback;
  }
  const auto v = n->value<double>();
  return v && std::isfinite(*v) ? *v : fallback;
}

std::array<double, 3> triple(const toml::node* n, std::array<double, 3> fallback) {
  const toml::array* a = n != nullptr ? n->as_array() : nullptr;
  if (a == nullptr || a->size() != 3) {
    return fallback;
  }
  for (std::size_t i = 0; i < 3; ++i) {
    fallback[i] = number(a->get(i), fallback[i]);
  }
  return fallback;
}

std::string stringOf(const toml::table& t, std::string_view key) {
  const toml::node* n = t.get(key);
  return n != nullptr ? n->value<std::string>().value_or("") : std::string();
}

std::vector<std::string> strings(const toml::node* n) {
  std::vector<std::string> out;
  if (const toml::array* a = n != nullptr ? n->as_array() : nullptr) {
    for (const toml::node& e : *a) {
      if (auto s = e.value<std::string>()) {
        out.push_back(*s);
      }
    }
  }
  return out;
}

/** The header line of an array element: the nearest `[[array]]` line at or above its first key. */
std::uint32_t headerOf(const toml::table& t, const std::vector<std::uint32_t>& headers) {
  std::uint32_t first = t.source().begin.line;
  for (const auto& [k, v] : t) {
    if (k.source().begin.line != 0) {
      first = std::min(first, k.source().begin.line);
    }
  }
  auto it = std::upper_bound(headers.begin(), headers.end(), first);
  return it == headers.begin() ? first : *std::prev(it);
}

EditObjectView objectOf(EditObjectKind kind, std::size_t index, const toml::table& t,
                        const std::vector<std::uint32_t>& headers) {
  EditObjectView o;
  o.kind = kind;
  o.index = index;
  o.name = stringOf(t, "name");
  o.headerLine = headerOf(t, headers);
  o.keys = keysOf(t);
  if (kind == EditObjectKind::Body) {
    o.shape = stringOf(t, "shape");
    o.position = triple(t.get("position"), {0.0, 0.0, 0.0});
    const auto size = triple(t.get("size"), {1.0, 1.0, 1.0});
    o.circle = o.shape == "cylinder" || o.shape == "sphere" || o.shape == "capsule";
    o.half = {0.5 * size[0], 0.5 * (o.circle ? size[0] : size[2])};
    o.yaw = triple(t.get("rotation_deg"), {0.0, 0.0, 0.0})[1] * std::numbers::pi / 180.0;
    o.tags = strings(t.get("tags"));
  } else {
    o.shape = t.get("shape") != nullptr ? stringOf(t, "shape") : "cylinder";
    o.position = triple(t.get("center"), {0.0, 0.0, 0.0});
    o.circle = o.shape != "box";
    if (o.circle) {
      const double r = number(t.get("radius"), 1.0);
      o.half = {r, r};
    } else {
      const auto half = triple(t.get("half_extents"), {0.5, 0.5, 0.5});
      o.half = {half[0], half[2]};
      o.yaw = number(t.get("yaw_deg"), 0.0) * std::numbers::pi / 180.0;
    }
    o.tags = strings(t.get("watch_tags"));
    o.color = {0.2f, 0.8f, 0.3f, 1.0f};
  }
  if (const toml::array* c = t.get("color") != nullptr ? t.get("color")->as_array() : nullptr;
      c != nullptr && (c->size() == 3 || c->size() == 4)) {
    for (std::size_t i = 0; i < c->size(); ++i) {
      o.color[i] = static_cast<float>(std::clamp(number(c->get(i), o.color[i]), 0.0, 1.0));
    }
  }
  return o;
}

std::optional<EditKey> keyOf(const toml::table& t, std::string_view key) {
  const toml::node* n = t.get(key);
  if (n == nullptr) {
    return std::nullopt;
  }
  std::uint32_t line = n->source().begin.line;
  for (const auto& [k, v] : t) {
    if (k.str() == key) {
      line = k.source().begin.line;
    }
  }
  return EditKey{std::string(key), valueText(*n), line};
}

} // namespace

EditFileView editFileView(std::string_view text) {
  EditFileView view;
  toml::table root;
  try {
    root = toml::parse(text);
  } catch (const toml::parse_error&) {
    return view;
  }
  view.parses = true;
  std::uint32_t line = 1;
  for (std::size_t i = 0; i < text.size(); ++line) {
    const std::size_t end = std::min(text.find('\n', i), text.size());
    const std::string_view t = text.substr(i, end - i);
    const auto at = t.find_first_not_of(" \t");
    if (at != std::string_view::npos && t[at] == '[') {
      view.headers.push_back(line);
    }
    i = end + 1;
  }
  for (EditObjectKind kind : {EditObjectKind::Body, EditObjectKind::Zone}) {
    const toml::array* array = root[kind == EditObjectKind::Body ? "bodies" : "zones"].as_array();
    for (std::size_t i = 0; array != nullptr && i < array->size(); ++i) {
      if (const toml::table* t = (*array)[i].as_table()) {
        view.objects.push_back(objectOf(kind, i, *t, view.headers));
      }
    }
  }
  if (const toml::array* array = root["rubric"].as_array()) {
    for (std::size_t i = 0; i < array->size(); ++i) {
      if (const toml::table* t = (*array)[i].as_table()) {
        view.rubric.push_back({i, stringOf(*t, "id"), stringOf(*t, "item"), stringOf(*t, "kind"),
                               headerOf(*t, view.headers), keysOf(*t)});
      }
    }
  }
  view.passMark = keyOf(root, "pass_mark");
  if (const toml::table* attempt = root["attempt"].as_table()) {
    view.timeLimit = keyOf(*attempt, "time_limit_s");
    view.end = keyOf(*attempt, "end");
  }
  return view;
}

EditLineOwner ownerOfLine(const EditFileView& view, std::uint32_t line) {
  EditLineOwner owner;
  auto it = std::upper_bound(view.headers.begin(), view.headers.end(), line);
  if (it == view.headers.begin()) {
    return owner; // the top-level keys
  }
  const std::uint32_t header = *std::prev(it);
  for (std::size_t i = 0; i < view.objects.size(); ++i) {
    if (view.objects[i].headerLine == header) {
      owner.object = i;
    }
  }
  for (std::size_t i = 0; i < view.rubric.size(); ++i) {
    if (view.rubric[i].headerLine == header) {
      owner.rubric = i;
    }
  }
  return owner;
}

std::optional<core::Error> tomlParseError(std::string_view text, const std::string& file) {
  try {
    (void)toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    return core::makeError(
        core::ErrorCode::InvalidInput, std::string(e.description()),
        core::SourceLocation{file, e.source().begin.line, e.source().begin.column, {}, {}});
  }
  return std::nullopt;
}

core::Expected<ScenarioEdit> openEditText(std::string text, const std::filesystem::path& file) {
  if (auto bad = tomlParseError(text, file.string())) {
    return *bad;
  }
  const toml::table root = toml::parse(text, file.string());
  const std::string id = root["standard"].value<std::string>().value_or("");
  std::filesystem::path standard;
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
  // A standard that cannot be read still opens the scenario: the validator then lists that as
  // the file's problem, which is what the instructor came to fix.
  std::string standardText;
  if (standard.empty()) {
    standard = "assets/standards/" + id + ".toml";
  } else if (std::ifstream in(standard, std::ios::binary); in) {
    standardText.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return ScenarioEdit::fromText(std::move(text), file.string(), std::move(standardText),
                                standard.string());
}

} // namespace skillsim::scenario
