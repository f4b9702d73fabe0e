#include "skillsim/course/JobCard.h"

#include <skillsim/readers/Diagnostics.h>
#include <skillsim/readers/TableReader.h>

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

namespace skillsim::course {
namespace {

using readers::Need;
using readers::TableReader;

template <std::size_t N>
std::string hex(const std::array<std::uint8_t, N>& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * N);
  for (std::uint8_t b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 0xF];
  }
  return out;
}

template <std::size_t N>
std::optional<std::array<std::uint8_t, N>> fromHex(std::string_view s) {
  if (s.size() != 2 * N) {
    return std::nullopt;
  }
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  };
  std::array<std::uint8_t, N> out{};
  for (std::size_t i = 0; i < N; ++i) {
    int hi = digit(s[2 * i]);
    int lo = digit(s[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      return std::nullopt;
    }
    out[i] = static_cast<std::uint8_t>(hi * 16 + lo);
  }
  return out;
}

void field(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += '=';
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += '\n';
}

bool isRealDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') {
    return false;
  }
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (s[i] < '0' || s[i] > '9') {
      return false;
    }
  }
  const int y = std::stoi(s.substr(0, 4));
  const unsigned m = static_cast<unsigned>(std::stoi(s.substr(5, 2)));
  const unsigned d = static_cast<unsigned>(std::stoi(s.substr(8, 2)));
  return std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m},
                                     std::chrono::day{d}}
      .ok();
}

/** A TOML basic string: quotes, backslashes and control characters escaped. */
std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\t': out += "\\t"; break;
    case '\r': out += "\\r"; break;
    default:
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
        char buffer[8];
        std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned char>(c));
        out += buffer;
      } else {
        out += c;
      }
    }
  }
  return out + "\"";
}

std::string required(TableReader& reader, std::string_view key) {
  std::optional<std::string> value = reader.string(key, Need::Required);
  if (value && value->empty()) {
    reader.problem(key, "must not be empty");
  }
  return value.value_or(std::string{});
}

core::Error cardError(const std::string& file, std::string fieldPath, std::string message) {
  return core::makeError(core::ErrorCode::InvalidInput, std::move(message),
                         core::SourceLocation{file, 0, 0, std::move(fieldPath), std::nullopt});
}

} // namespace

std::string jobCardSignedBytes(const JobCard& card, const records::PublicKey& key,
                               std::int64_t signedUtc) {
  std::string out(kJobCardFormat);
  out += '\n';
  field(out, "course", card.course);
  field(out, "learning_task", card.learningTask);
  field(out, "trainee", card.trainee);
  field(out, "company", card.company);
  field(out, "workshop", card.workshop);
  field(out, "machine", card.machine);
  field(out, "date", card.date);
  field(out, "mentor_name", card.mentorName);
  field(out, "mentor_id", card.mentorId);
  field(out, "items", std::to_string(card.items.size()));
  for (const JobCardItem& item : card.items) {
    field(out, "item.id", item.id);
    field(out, "item.ticked", item.ticked ? "true" : "false");
    field(out, "item.rating", std::to_string(item.rating));
  }
  field(out, "remarks", card.remarks);
  field(out, "public_key", hex(key));
  field(out, "signed_utc", std::to_string(signedUtc));
  return out;
}

JobCardSignature signJobCard(const JobCard& card, const records::WorkstationKey& key,
                             std::int64_t nowUtc) {
  const std::string bytes = jobCardSignedBytes(card, key.publicKey(), nowUtc);
  JobCardSignature s;
  s.publicKey = key.publicKey();
  s.signedUtc = nowUtc;
  s.signature = key.sign({reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()});
  return s;
}

JobCardVerification verifyJobCard(const JobCardFile& file,
                                  const std::vector<records::PublicKey>& trustedKeys) {
  JobCardVerification v;
  if (!file.signature) {
    v.status = JobCardStatus::Unsigned;
    return v;
  }
  const JobCardSignature& s = *file.signature;
  v.signer = s.publicKey;
  const std::string bytes = jobCardSignedBytes(file.card, s.publicKey, s.signedUtc);
  if (!records::WorkstationKey::verify(
          s.publicKey, {reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()},
          s.signature)) {
    v.status = JobCardStatus::Altered;
    return v;
  }
  if (!trustedKeys.empty() &&
      std::find(trustedKeys.begin(), trustedKeys.end(), s.publicKey) == trustedKeys.end()) {
    v.status = JobCardStatus::UntrustedKey;
    return v;
  }
  v.status = JobCardStatus::Signed;
  return v;
}

core::Expected<JobCardFile> parseJobCard(std::string_view text, const std::string& file) {
  readers::Diagnostics diagnostics(file);
  std::optional<toml::table> root = readers::parseToml(text, file, diagnostics);
  if (!root) {
    return diagnostics.problems().front();
  }
  TableReader reader(*root, "", diagnostics);
  JobCardFile out;
  JobCard& card = out.card;
  if (std::optional<std::string> format = reader.string("format", Need::Required);
      format && *format != kJobCardFormat) {
    reader.problem("format", "unknown format '" + *format + "'; expected format = \"" +
                                 std::string(kJobCardFormat) + "\" (a job card)");
  }
  card.course = required(reader, "course");
  card.learningTask = required(reader, "learning_task");
  card.trainee = required(reader, "trainee");
  card.company = required(reader, "company");
  card.workshop = required(reader, "workshop");
  card.machine = required(reader, "machine");
  card.date = required(reader, "date");
  if (!card.date.empty() && !isRealDate(card.date)) {
    reader.problem("date", "'" + card.date + "' is not a day YYYY-MM-DD that exists");
  }
  card.mentorName = required(reader, "mentor_name");
  card.mentorId = required(reader, "mentor_id");
  card.remarks = reader.string("remarks", Need::Optional).value_or(std::string{});
  std::set<std::string> seen;
  std::vector<const toml::table*> items = reader.tables("items", Need::Required);
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i] == nullptr) {
      continue;
    }
    TableReader ir(*items[i], "items[" + std::to_string(i) + "]", diagnostics);
    JobCardItem item;
    item.id = required(ir, "id");
    item.ticked = ir.boolean("ticked", Need::Required).value_or(false);
    item.rating = static_cast<int>(ir.integer("rating", Need::Required, 0, 10).value_or(0));
    ir.finish();
    if (!item.id.empty() && !seen.insert(item.id).second) {
      ir.problem("id", "item '" + item.id + "' is listed twice");
    }
    card.items.push_back(std::move(item));
  }
  if (const toml::table* signature = reader.table("signature", Need::Optional)) {
    TableReader sr(*signature, "signature", diagnostics);
    JobCardSignature s;
    std::string key = required(sr, "public_key");
    if (auto parsed = fromHex<32>(key)) {
      s.publicKey = *parsed;
    } else if (!key.empty()) {
      sr.problem("public_key", "expected 64 hex digits (an Ed25519 public key)");
    }
    s.signedUtc = sr.integer("signed_utc", Need::Required, 0, 253402300799).value_or(0);
    std::string sig = required(sr, "signature");
    if (auto parsed = fromHex<64>(sig)) {
      s.signature = *parsed;
    } else if (!sig.empty()) {
      sr.problem("signature", "expected 128 hex digits (an Ed25519 signature)");
    }
    sr.finish();
    out.signature = s;
  }
  reader.finish();
  if (!diagnostics.empty()) {
    std::vector<core::Error> problems = diagnostics.problems();
    std::stable_sort(problems.begin(), problems.end(), [](const auto& a, const auto& b) {
      return a.location.line != b.location.line ? a.location.line < b.location.line
                                                : a.location.column < b.location.column;
    });
    return problems.front();
  }
  return out;
}

core::Expected<JobCardFile> loadJobCard(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return core::makeError(core::ErrorCode::NotFound, "no such job card file",
                           core::SourceLocation{path.string(), 0, 0, "", {}});
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    return core::makeError(core::ErrorCode::Io, "cannot read the file",
                           core::SourceLocation{path.string(), 0, 0, "", {}});
  }
  return parseJobCard(text.str(), path.string());
}

std::string jobCardToToml(const JobCardFile& file) {
  const JobCard& c = file.card;
  std::ostringstream out;
  out << "# A workplace job card (docs/course-format.md, \"Job cards\"). The mentor signs it with\n"
         "# `skillsim jobcard sign`; any change after signing shows it as altered.\n";
  out << "format = " << quoted(kJobCardFormat) << '\n';
  out << "course = " << quoted(c.course) << '\n';
  out << "learning_task = " << quoted(c.learningTask) << '\n';
  out << "trainee = " << quoted(c.trainee) << '\n';
  out << "company = " << quoted(c.company) << '\n';
  out << "workshop = " << quoted(c.workshop) << '\n';
  out << "machine = " << quoted(c.machine) << '\n';
  out << "date = " << quoted(c.date) << '\n';
  out << "mentor_name = " << quoted(c.mentorName) << '\n';
  out << "mentor_id = " << quoted(c.mentorId) << '\n';
  out << "remarks = " << quoted(c.remarks) << '\n';
  for (const JobCardItem& item : c.items) {
    out << "\n[[items]]\nid = " << quoted(item.id)
        << "\nticked = " << (item.ticked ? "true" : "false") << "\nrating = " << item.rating
        << '\n';
  }
  if (file.signature) {
    out << "\n[signature]\npublic_key = " << quoted(hex(file.signature->publicKey))
        << "\nsigned_utc = " << file.signature->signedUtc
        << "\nsignature = " << quoted(hex(file.signature->signature)) << '\n';
  }
  return out.str();
}

core::Expected<void> checkJobCardAgainstCourse(const JobCard& card, const Course& course,
                                               const std::string& file) {
  if (card.course != course.id) {
    return cardError(file, "course",
                     "the card is for course '" + card.course + "', not '" + course.id + "'");
  }
  if (course.learningTask(card.learningTask) == nullptr) {
    return cardError(file, "learning_task",
                     "course '" + course.id + "' has no learning task '" + card.learningTask + "'");
  }
  const std::vector<RubricItem>& rubric = course.assessment.mentorRubric;
  if (card.items.size() != rubric.size()) {
    return cardError(file, "items",
                     "the card has " + std::to_string(card.items.size()) +
                         " items; the course's mentor rubric has " + std::to_string(rubric.size()));
  }
  for (std::size_t i = 0; i < rubric.size(); ++i) {
    const std::string path = "items[" + std::to_string(i) + "]";
    if (card.items[i].id != rubric[i].id) {
      return cardError(file, path + ".id",
                       "expected the mentor rubric's item '" + rubric[i].id + "' here, found '" +
                           card.items[i].id + "'");
    }
    if (card.items[i].rating > rubric[i].maxRating) {
      return cardError(file, path + ".rating",
                       "rating " + std::to_string(card.items[i].rating) + " is above item '" +
                           rubric[i].id + "''s max_rating " + std::to_string(rubric[i].maxRating));
    }
  }
  return {};
}

std::optional<double> mentorPercent(const JobCardFile& file,
                                    const JobCardVerification& verification, const Course& course) {
  if (!verification.counts() || !checkJobCardAgainstCourse(file.card, course, "")) {
    return std::nullopt;
  }
  int sum = 0;
  int maximum = 0;
  for (std::size_t i = 0; i < file.card.items.size(); ++i) {
    sum += file.card.items[i].ticked ? file.card.items[i].rating : 0;
    maximum += course.assessment.mentorRubric[i].maxRating;
  }
  if (maximum == 0) {
    return std::nullopt;
  }
  return 100.0 * sum / maximum;
}

} // namespace skillsim::course
