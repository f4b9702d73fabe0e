#include "StandardParser.h"

#include <algorithm>
#include <cctype>

namespace skillsim::scenario {

bool validId(const std::string& id) {
  if (id.empty() || id.size() > 128 ||
      !(std::islower(static_cast<unsigned char>(id[0])) ||
        std::isdigit(static_cast<unsigned char>(id[0])))) {
    return false;
  }
  return std::all_of(id.begin(), id.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return std::islower(u) || std::isdigit(u) || c == '.' || c == '_' || c == '-';
  });
}

namespace {

std::string readId(TableReader& reader, std::string_view key) {
  auto id = reader.string(key, Need::Required);
  if (!id) {
    return {};
  }
  if (!validId(*id)) {
    reader.problem(key, "invalid id '" + *id +
                            "'; expected lowercase letters, digits, '.', '_' or '-', starting "
                            "with a letter or digit");
  }
  return *id;
}

} // namespace

void readStandard(TableReader& root, assessment::Standard& out) {
  root.allow("format");
  out.id = readId(root, "id");
  out.version = root.string("version", Need::Required).value_or("");
  out.titleZh = root.string("title_zh", Need::Required).value_or("");
  out.titleEn = root.string("title_en", Need::Required).value_or("");
  out.issuerZh = root.string("issuer_zh", Need::Optional).value_or("");
  out.issuerEn = root.string("issuer_en", Need::Optional).value_or("");
  out.trade = root.string("trade", Need::Optional).value_or("");
  auto passMark = root.number("pass_mark", Need::Required, Range::nonNegative());
  out.passMark = passMark.value_or(0.0);

  const std::vector<std::string> categories = {"safety", "procedure", "quality", "efficiency"};
  std::size_t problemsBeforeItems = root.diagnostics().problems().size();
  auto items = root.tables("items", Need::Required);
  if (root.raw().get("items") != nullptr && items.empty()) {
    root.problem("items", "a standard needs at least one item");
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i] == nullptr) {
      continue;
    }
    TableReader r(*items[i], "items[" + std::to_string(i) + "]", root.diagnostics());
    assessment::StandardItem item;
    item.id = readId(r, "id");
    item.clause = r.string("clause", Need::Required).value_or("");
    if (auto category = r.choice("category", Need::Required, categories)) {
      item.category = *assessment::categoryFromName(*category);
    }
    item.points = r.number("points", Need::Required, Range::nonNegative()).value_or(0.0);
    item.veto = r.boolean("veto", Need::Optional).value_or(false);
    item.proposed = r.boolean("proposed", Need::Optional).value_or(false);
    item.descriptionZh = r.string("description_zh", Need::Required).value_or("");
    item.descriptionEn = r.string("description_en", Need::Required).value_or("");
    r.finish();
    if (!item.id.empty() && out.findItem(item.id) != nullptr) {
      r.problem("id", "duplicate item id '" + item.id + "'");
    }
    out.items.push_back(std::move(item));
  }

  // Totals are only meaningful when every item's points were read.
  bool itemsOk = root.diagnostics().problems().size() == problemsBeforeItems;
  auto levels = root.tables("levels", Need::Optional);
  for (std::size_t i = 0; i < levels.size(); ++i) {
    if (levels[i] == nullptr) {
      continue;
    }
    TableReader r(*levels[i], "levels[" + std::to_string(i) + "]", root.diagnostics());
    assessment::StandardLevel level;
    level.id = readId(r, "id");
    level.titleZh = r.string("title_zh", Need::Required).value_or("");
    level.titleEn = r.string("title_en", Need::Required).value_or("");
    auto minPoints = r.number("min_points", Need::Required, Range::nonNegative());
    level.minPoints = minPoints.value_or(0.0);
    r.finish();
    if (itemsOk && minPoints && *minPoints > out.totalPoints()) {
      r.problem("min_points", "min_points " + formatNumber(*minPoints) +
                                  " is above the items' total of " +
                                  formatNumber(out.totalPoints()));
    }
    if (minPoints && passMark && *minPoints < *passMark) {
      r.problem("min_points", "a level below the pass mark (" + formatNumber(*passMark) +
                                  ") can never be reached; expected min_points >= pass_mark");
    }
    if (!out.levels.empty() && minPoints && *minPoints <= out.levels.back().minPoints) {
      r.problem("min_points", "levels must be in ascending order of min_points");
    }
    for (const auto& other : out.levels) {
      if (!level.id.empty() && other.id == level.id) {
        r.problem("id", "duplicate level id '" + level.id + "'");
      }
    }
    out.levels.push_back(std::move(level));
  }

  if (itemsOk && passMark && !out.items.empty() && *passMark > out.totalPoints()) {
    root.problem("pass_mark", "pass mark " + formatNumber(*passMark) +
                                  " is above the items' total of " +
                                  formatNumber(out.totalPoints()) + "; no attempt could pass");
  }
  root.finish();
}

} // namespace skillsim::scenario
