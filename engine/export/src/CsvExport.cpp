#include "skillsim/export/CsvExport.h"

#include <skillsim/records/TraceHeader.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <vector>

namespace skillsim::exporting {
namespace {

std::string field(std::string text) {
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@')) {
    text.insert(text.begin(), '\'');
  }
  if (text.find_first_of(",\"\r\n") == std::string::npos) {
    return text;
  }
  std::string quoted = "\"";
  for (char c : text) {
    quoted += c;
    if (c == '"') {
      quoted += '"';
    }
  }
  return quoted + '"';
}

std::string number(double v) {
  std::array<char, 32> buffer{};
  const auto end = std::to_chars(buffer.data(), buffer.data() + buffer.size(), v).ptr;
  return std::string(buffer.data(), end);
}

const char* flag(bool b) { return b ? "true" : "false"; }

} // namespace

std::string attemptsToCsv(std::span<const records::AttemptRecord> records,
                          const CsvOptions& options) {
  std::string out = options.byteOrderMark ? "\xEF\xBB\xBF" : "";
  out += "attempt_id,trainee_id,trainee_name,scenario_id,scenario_title,scenario_version,"
         "scenario_hash,mode,start_utc,duration_s,score,maximum,pass_mark,passed,vetoed,"
         "completed,level,deductions,points_deducted,trace_hash,signature_valid";
  std::vector<std::string> items; // item ids in the order they first appear
  if (options.itemColumns) {
    for (const records::AttemptRecord& a : records) {
      for (const assessment::ItemResult& item : a.result.items) {
        if (std::find(items.begin(), items.end(), item.itemId) == items.end()) {
          items.push_back(item.itemId);
        }
      }
    }
    for (const std::string& id : items) {
      out += ',';
      out += field("item_" + id);
    }
  }
  out += "\r\n";
  for (const records::AttemptRecord& a : records) {
    double deducted = 0.0;
    for (const auto& d : a.result.deductions) {
      deducted += d.points;
    }
    const std::array<std::string, 21> row = {field(a.attemptId),
                                             field(a.traineeId),
                                             field(a.traineeName),
                                             field(a.scenario.id),
                                             field(a.scenario.title),
                                             field(a.scenario.version),
                                             field(a.scenario.hash),
                                             std::string(toString(a.mode)),
                                             records::formatUtc(a.startUtc),
                                             number(a.result.duration),
                                             number(a.result.totalPoints),
                                             number(a.result.maxPoints),
                                             number(a.result.passMark),
                                             flag(a.result.passed),
                                             flag(a.vetoed()),
                                             flag(a.result.completed),
                                             field(a.result.level),
                                             std::to_string(a.result.deductions.size()),
                                             number(deducted),
                                             field(a.traceHash),
                                             flag(a.signatureValid)};
    for (std::size_t i = 0; i < row.size(); ++i) {
      out += row[i];
      out += i + 1 < row.size() ? "," : "";
    }
    for (const std::string& id : items) {
      out += ',';
      auto it =
          std::find_if(a.result.items.begin(), a.result.items.end(),
                       [&id](const assessment::ItemResult& item) { return item.itemId == id; });
      if (it != a.result.items.end()) {
        out += number(it->awardedPoints);
      }
    }
    out += "\r\n";
    if (options.progress) {
      options.progress(static_cast<std::size_t>(&a - records.data()) + 1, records.size());
    }
  }
  return out;
}

namespace {

template <typename Entry>
void appendEntry(std::string& out, const records::AttemptRecord& a, const char* entry,
                 const Entry& e, double points, const ExportText& text) {
  const assessment::Finding& f = e.finding;
  const bool findings = a.result.format >= 2;
  std::string english = e.legacyReason;
  if (findings && text.english != nullptr) {
    auto it = text.contexts.find(a.scenario.id);
    english = messages::findingText(
        f, *text.english, it != text.contexts.end() ? it->second : messages::MessageContext{});
  }
  auto num = [&](double v) { return findings ? number(v) : std::string(); };
  auto count = [&](std::uint32_t v) { return findings ? std::to_string(v) : std::string(); };
  const std::array<std::string, 26> row = {field(a.attemptId),
                                           field(a.traineeId),
                                           field(a.scenario.id),
                                           entry,
                                           number(e.time),
                                           field(e.itemId),
                                           field(e.criterionId),
                                           number(points),
                                           findings ? std::string(assessment::toString(f.kind))
                                                    : std::string(),
                                           field(f.metric),
                                           field(f.control),
                                           field(f.unit),
                                           num(f.value),
                                           std::string(assessment::toString(f.side)),
                                           num(f.limit),
                                           num(f.limit2),
                                           num(f.duration),
                                           field(f.phase),
                                           field(f.subject),
                                           field(f.other),
                                           field(f.event),
                                           field(f.expected),
                                           count(f.occurrence),
                                           count(f.count),
                                           count(f.total),
                                           field(english)};
  for (std::size_t i = 0; i < row.size(); ++i) {
    out += row[i];
    out += i + 1 < row.size() ? "," : "\r\n";
  }
}

} // namespace

std::string deductionsToCsv(std::span<const records::AttemptRecord> records, const ExportText& text,
                            const CsvOptions& options) {
  std::string out = options.byteOrderMark ? "\xEF\xBB\xBF" : "";
  out += "attempt_id,trainee_id,scenario_id,entry,time_s,item_id,criterion_id,points,kind,metric,"
         "control,unit,value,side,limit,limit2,duration_s,phase,subject,other,event,expected,"
         "occurrence,count,total,text_en\r\n";
  for (const records::AttemptRecord& a : records) {
    for (const auto& d : a.result.deductions) {
      appendEntry(out, a, "deduction", d, d.points, text);
    }
    for (const auto& v : a.result.vetoes) {
      appendEntry(out, a, "veto", v, 0.0, text);
    }
  }
  return out;
}

} // namespace skillsim::exporting
