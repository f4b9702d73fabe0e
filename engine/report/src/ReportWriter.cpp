#include "skillsim/report/ReportWriter.h"

#include "ReportLegend.h"
#include "ReportSvg.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace skillsim::report {
namespace {

using core::ErrorCode;

/** The report's fixed texts in one language. */
struct Labels {
  const char* lang;
  const char* defaultTitle;
  const char* roster;
  const char* attemptsHeading;
  const char* traineeId;
  const char* name;
  const char* attempts;
  const char* verified;
  const char* passed;
  const char* best;
  const char* latest;
  const char* certificate;
  const char* score;
  const char* passMark;
  const char* pass;
  const char* fail;
  const char* vetoed;
  const char* isVerified;
  const char* notVerified;
  const char* scorePlot;
  const char* pathPlot;
  const char* timeAxis;
  const char* scoreAxis;
  const char* xAxis;
  const char* zAxis;
  const char* time;
  const char* item;
  const char* points;
  const char* reason;
  const char* noSamples;
  const char* noDeductions;
  const char* noAttempts;
  const char* deduction;
};

constexpr Labels kZh = {"zh-CN",          "考核报告",       "班级名册",
                        "考核记录",       "学员编号",       "姓名",
                        "考核次数",       "已验证",         "已通过",
                        "最好成绩",       "最近成绩",       "证书",
                        "得分",           "合格分",         "合格",
                        "不合格",         "触发否决项",     "轨迹已验证",
                        "轨迹未通过验证", "得分随时间变化", "吊物路径（俯视）",
                        "时间 (s)",       "得分",           "x (m)",
                        "z (m)",          "时间 (s)",       "考核项",
                        "扣分",           "原因",           "无采样数据",
                        "无扣分",         "无考核记录",     "扣分"};
constexpr Labels kEn = {"en",
                        "Assessment report",
                        "Class roster",
                        "Attempts",
                        "Trainee id",
                        "Name",
                        "Attempts",
                        "Verified",
                        "Passed",
                        "Best",
                        "Latest",
                        "Certificate",
                        "Score",
                        "pass mark",
                        "passed",
                        "failed",
                        "veto item fired",
                        "trace verified",
                        "trace NOT verified",
                        "Running score over time",
                        "Load path seen from above",
                        "time (s)",
                        "score",
                        "x (m)",
                        "z (m)",
                        "time (s)",
                        "item",
                        "points",
                        "reason",
                        "no samples",
                        "no deductions",
                        "no attempts",
                        "deduction"};

constexpr double kWidth = 640.0;
constexpr double kHeight = 260.0;
constexpr double kLeft = 64.0;
constexpr double kRight = 16.0;
constexpr double kTop = 30.0;
constexpr double kBottom = 40.0;

std::string fixed(double value, int decimals) { return svgNumber(value, decimals); }

/** Appends "x,y" (with a separating space after the first point) to a polyline's points. */
void appendPoint(std::string& out, std::size_t index, double x, double y) {
  if (index > 0) {
    out.push_back(' ');
  }
  out.append(fixed(x, 1));
  out.push_back(',');
  out.append(fixed(y, 1));
}

/** Maps data coordinates to the plot's pixel frame. */
struct Frame {
  ReportRange x;
  ReportRange y;
  double left = kLeft;
  double right = kWidth - kRight;
  double top = kTop;
  double bottom = kHeight - kBottom;

  [[nodiscard]] double px(double v) const {
    return left + (v - x.low) / (x.high - x.low) * (right - left);
  }
  [[nodiscard]] double py(double v) const {
    return bottom - (v - y.low) / (y.high - y.low) * (bottom - top);
  }
};

/** The legend's words (the plots' own titles and axes are in Labels). */
struct LegendWords {
  const char* path;
  const char* deduction;
  const char* zone;
  const char* body;
  const char* band;
};
constexpr LegendWords kLegendZh = {"吊物路径", "扣分（点击跳转）", "区域", "场地设施（桩、架）",
                                   "允许范围"};
constexpr LegendWords kLegendEn = {"load path", "deduction (click to jump)", "zone",
                                   "course (piles, frames)", "allowed range"};

/** The legend row's text baseline, below the x axis label. */
constexpr double kLegendY = kHeight + 12.0;

std::string svgOpen(const std::string& kind, const std::string& title) {
  const double height = kHeight + kLegendHeight;
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot plot-" + kind + "\" width=\"" +
         fixed(kWidth, 0) + "\" height=\"" + fixed(height, 0) + "\" viewBox=\"0 0 " +
         fixed(kWidth, 0) + " " + fixed(height, 0) + "\" role=\"img\">\n<title>" +
         escapeReportText(title) + "</title>\n<text class=\"ptitle\" x=\"" + fixed(kLeft, 0) +
         "\" y=\"18\">" + escapeReportText(title) + "</text>\n";
}

/** Axes, ticks and labels; y grows upwards (time plots) or downwards (ground plan z). */
std::string axes(const Frame& f, const std::string& xLabel, const std::string& yLabel, bool yDown) {
  std::string out = "<g class=\"axes\">\n<rect class=\"frame\" x=\"" + fixed(f.left, 1) +
                    "\" y=\"" + fixed(f.top, 1) + "\" width=\"" + fixed(f.right - f.left, 1) +
                    "\" height=\"" + fixed(f.bottom - f.top, 1) + "\"/>\n";
  for (double t : reportTicks(f.x.low, f.x.high, 6)) {
    double x = f.px(t);
    out += "<line class=\"tick\" x1=\"" + fixed(x, 1) + "\" y1=\"" + fixed(f.bottom, 1) +
           "\" x2=\"" + fixed(x, 1) + "\" y2=\"" + fixed(f.bottom + 4, 1) + "\"/><text x=\"" +
           fixed(x, 1) + "\" y=\"" + fixed(f.bottom + 16, 1) + "\" text-anchor=\"middle\">" +
           svgNumber(t, std::abs(t) < 10 && t != std::floor(t) ? 1 : 0) + "</text>\n";
  }
  for (double t : reportTicks(f.y.low, f.y.high, 5)) {
    double y = yDown ? f.top + (t - f.y.low) / (f.y.high - f.y.low) * (f.bottom - f.top) : f.py(t);
    out += "<line class=\"tick\" x1=\"" + fixed(f.left - 4, 1) + "\" y1=\"" + fixed(y, 1) +
           "\" x2=\"" + fixed(f.left, 1) + "\" y2=\"" + fixed(y, 1) + "\"/><text x=\"" +
           fixed(f.left - 6, 1) + "\" y=\"" + fixed(y + 4, 1) + "\" text-anchor=\"end\">" +
           svgNumber(t, std::abs(t) < 10 && t != std::floor(t) ? 1 : 0) + "</text>\n";
  }
  out += "<text class=\"alabel\" x=\"" + fixed(0.5 * (f.left + f.right), 1) + "\" y=\"" +
         fixed(kHeight - 6, 1) + "\" text-anchor=\"middle\">" + escapeReportText(xLabel) +
         "</text>\n<text class=\"alabel\" x=\"14\" y=\"" + fixed(0.5 * (f.top + f.bottom), 1) +
         "\" text-anchor=\"middle\" transform=\"rotate(-90 14 " +
         fixed(0.5 * (f.top + f.bottom), 1) + ")\">" + escapeReportText(yLabel) + "</text>\n</g>\n";
  return out;
}

struct TimeSeries {
  std::string kind;
  std::string title;
  std::string yLabel;
  std::vector<double> t;
  std::vector<double> y;
  std::vector<ReportBand> bands; ///< Already in display units.
  std::vector<const ReportDeduction*> markers;
  double minimumSpan = 1.0;
  std::vector<bool> valid; ///< Per sample (same size as t) or empty = all drawn.
  std::string validNote;   ///< In the legend, e.g. "shown only while: load engaged".
  std::string anchor;      ///< Id prefix of the attempt ("a1"): markers get ids; "" none.
  const LegendWords* words = nullptr;
};

/** "a1-d3": deduction 3's marker on the score plot; its table row is "a1-row-3". */
std::string markerId(const std::string& anchor, std::size_t index) {
  return anchor + "-d" + std::to_string(index + 1);
}
std::string rowId(const std::string& anchor, std::size_t index) {
  return anchor + "-row-" + std::to_string(index + 1);
}

std::string timePlot(const TimeSeries& s, const Labels& labels) {
  Frame f;
  f.x = ReportRange{s.t.empty() ? 0.0 : std::min(0.0, s.t.front()), s.t.empty() ? 1.0 : s.t.back()};
  f.x.settle(1.0);
  auto shown = [&](std::size_t i) { return s.valid.empty() || s.valid[i]; };
  bool anyShown = false;
  for (std::size_t i = 0; i < s.y.size(); ++i) {
    if (!shown(i)) {
      continue;
    }
    if (!anyShown) {
      f.y = ReportRange{s.y[i], s.y[i]};
      anyShown = true;
    }
    f.y.include(s.y[i]);
  }
  if (!anyShown) {
    f.y = ReportRange{0.0, 1.0};
  }
  for (const ReportBand& band : s.bands) {
    if (band.end >= f.x.low && band.start <= f.x.high) {
      f.y.include(band.low);
      f.y.include(band.high);
    }
  }
  f.y.settle(s.minimumSpan);
  double pad = 0.05 * (f.y.high - f.y.low);
  f.y.low -= pad;
  f.y.high += pad;

  std::string out = svgOpen(s.kind, s.title);
  for (const ReportBand& band : s.bands) {
    double t0 = std::max(band.start, f.x.low);
    double t1 = std::min(band.end, f.x.high);
    if (t1 < t0) {
      continue;
    }
    out += "<rect class=\"band\" x=\"" + fixed(f.px(t0), 1) + "\" y=\"" +
           fixed(f.py(band.high), 1) + "\" width=\"" + fixed(f.px(t1) - f.px(t0), 1) +
           "\" height=\"" + fixed(f.py(band.low) - f.py(band.high), 1) + "\"><title>" +
           escapeReportText(band.label) + "</title></rect>\n";
  }
  out += axes(f, labels.timeAxis, s.yLabel, false);
  for (std::size_t i = 0; i < s.markers.size(); ++i) {
    const ReportDeduction* d = s.markers[i];
    double x = f.px(std::clamp(d->time, f.x.low, f.x.high));
    const std::string id = s.anchor.empty() ? "" : " id=\"" + markerId(s.anchor, i) + "\"";
    const std::string line =
        "<line class=\"dmark\"" + id + " x1=\"" + fixed(x, 1) + "\" y1=\"" + fixed(f.top, 1) +
        "\" x2=\"" + fixed(x, 1) + "\" y2=\"" + fixed(f.bottom, 1) + "\"><title>" +
        escapeReportText(fixed(d->time, 2) + " s: −" + fixed(d->points, 2) + " " + d->reason) +
        "</title></line>";
    out += s.anchor.empty() ? line + "\n"
                            : "<a href=\"#" + rowId(s.anchor, i) + "\">" + line + "</a>\n";
  }
  if (s.t.empty() || !anyShown) {
    out += "<text class=\"empty\" x=\"" + fixed(0.5 * (f.left + f.right), 1) + "\" y=\"" +
           fixed(0.5 * (f.top + f.bottom), 1) + "\" text-anchor=\"middle\">" +
           escapeReportText(labels.noSamples) + "</text>\n";
  } else {
    // One polyline per stretch of valid samples: the line breaks where the value means nothing.
    std::size_t i = 0;
    while (i < s.t.size()) {
      if (!shown(i)) {
        ++i;
        continue;
      }
      out += "<polyline class=\"series\" points=\"";
      for (std::size_t n = 0; i < s.t.size() && shown(i); ++i, ++n) {
        appendPoint(out, n, f.px(s.t[i]), f.py(s.y[i]));
      }
      out += "\"/>\n";
    }
  }
  if (s.words != nullptr) {
    std::vector<LegendEntry> legend{{"series", LegendMark::Line, s.yLabel}};
    if (!s.bands.empty()) {
      legend.push_back({"band", LegendMark::Filled, s.words->band});
    }
    if (!s.markers.empty()) {
      legend.push_back({"dmark", LegendMark::DashedLine, s.words->deduction});
    }
    if (!s.validNote.empty()) {
      legend.push_back({"valid-note", LegendMark::Outlined, s.validNote});
    }
    out += svgLegend(legend, kLeft, kLegendY);
  }
  return out + "</svg>\n";
}

std::string pathPlot(const ReportAttempt& a, const Labels& labels, const LegendWords& words,
                     const std::string& anchor) {
  ReportRange x{0.0, 0.0};
  ReportRange z{0.0, 0.0};
  bool any = false;
  auto add = [&](double px, double pz, double r) {
    if (!any) {
      x = ReportRange{px - r, px + r};
      z = ReportRange{pz - r, pz + r};
      any = true;
    }
    x.include(px - r);
    x.include(px + r);
    z.include(pz - r);
    z.include(pz + r);
  };
  for (const ReportSample& s : a.samples) {
    add(s.planX, s.planZ, 0.0);
  }
  for (const ReportZone& zone : a.zones) {
    if (zone.radius > 0.0) {
      add(zone.x, zone.z, zone.radius);
    } else {
      add(zone.x - zone.halfX, zone.z - zone.halfZ, 0.0);
      add(zone.x + zone.halfX, zone.z + zone.halfZ, 0.0);
    }
  }
  for (const ReportDeduction& d : a.deductions) {
    add(d.planX, d.planZ, 0.0);
  }
  x.settle(1.0);
  z.settle(1.0);
  // Equal scale on both axes: widen the shorter range to the plot's aspect ratio.
  Frame f;
  double w = f.right - f.left;
  double h = f.bottom - f.top;
  double scale = std::min(w / (x.high - x.low), h / (z.high - z.low)) * 0.95;
  double cx = 0.5 * (x.low + x.high);
  double cz = 0.5 * (z.low + z.high);
  f.x = ReportRange{cx - 0.5 * w / scale, cx + 0.5 * w / scale};
  f.y = ReportRange{cz - 0.5 * h / scale, cz + 0.5 * h / scale};
  // Seen from above with Y up: x to the right, +z towards the viewer = down the page.
  auto py = [&](double vz) { return f.top + (vz - f.y.low) * scale; };
  auto px = [&](double vx) { return f.px(vx); };

  std::string out = svgOpen("path", labels.pathPlot);
  out += axes(f, labels.xAxis, labels.zAxis, true);
  // Shapes first (bodies solid, zones outlined), then every label, placed so none overlaps.
  const auto shown = [](const ReportZone& zone) {
    return escapeReportText(zone.label.empty() ? zone.name : zone.label);
  };
  for (const ReportZone& zone : a.zones) {
    const std::string cls = zone.body ? "body" : "zone";
    if (zone.radius > 0.0) {
      out += "<circle class=\"" + cls + "\" cx=\"" + fixed(px(zone.x), 1) + "\" cy=\"" +
             fixed(py(zone.z), 1) + "\" r=\"" + fixed(zone.radius * scale, 1) + "\"><title>" +
             shown(zone) + "</title></circle>\n";
    } else {
      out += "<rect class=\"" + cls + "\" x=\"" + fixed(px(zone.x - zone.halfX), 1) + "\" y=\"" +
             fixed(py(zone.z - zone.halfZ), 1) + "\" width=\"" +
             fixed(2.0 * zone.halfX * scale, 1) + "\" height=\"" +
             fixed(2.0 * zone.halfZ * scale, 1) + "\"><title>" + shown(zone) + "</title></rect>\n";
    }
  }
  // Zones are labelled (bodies have their name as a tooltip: a frame's posts and bar would
  // crowd the plan), each label moved down until it overlaps none before it.
  LabelPlacer placer;
  for (const ReportZone& zone : a.zones) {
    if (zone.body) {
      continue;
    }
    const std::string text = zone.label.empty() ? zone.name : zone.label;
    const double y = placer.place(text, px(zone.x), py(zone.z) + 4);
    out += "<text class=\"zlabel\" x=\"" + fixed(px(zone.x), 1) + "\" y=\"" + fixed(y, 1) +
           "\" text-anchor=\"middle\">" + escapeReportText(text) + "</text>\n";
  }
  if (a.samples.empty()) {
    out += "<text class=\"empty\" x=\"" + fixed(0.5 * (f.left + f.right), 1) + "\" y=\"" +
           fixed(0.5 * (f.top + f.bottom), 1) + "\" text-anchor=\"middle\">" +
           escapeReportText(labels.noSamples) + "</text>\n";
  } else {
    out += "<polyline class=\"series\" points=\"";
    for (std::size_t i = 0; i < a.samples.size(); ++i) {
      appendPoint(out, i, px(a.samples[i].planX), py(a.samples[i].planZ));
    }
    out += "\"/>\n";
  }
  for (std::size_t i = 0; i < a.deductions.size(); ++i) {
    const ReportDeduction& d = a.deductions[i];
    out += "<a href=\"#" + rowId(anchor, i) + "\"><circle class=\"deduction\" cx=\"" +
           fixed(px(d.planX), 1) + "\" cy=\"" + fixed(py(d.planZ), 1) + "\" r=\"5\"><title>" +
           escapeReportText(fixed(d.time, 2) + " s: −" + fixed(d.points, 2) + " " +
                            (d.itemTitle.empty() ? d.itemId : d.itemTitle) + ": " + d.reason) +
           "</title></circle></a>\n";
  }
  std::vector<LegendEntry> legend{{"series", LegendMark::Line, words.path},
                                  {"deduction", LegendMark::Dot, words.deduction}};
  const bool anyZone = std::any_of(a.zones.begin(), a.zones.end(), [](auto& z) { return !z.body; });
  const bool anyBody = std::any_of(a.zones.begin(), a.zones.end(), [](auto& z) { return z.body; });
  if (anyZone) {
    legend.push_back({"zone", LegendMark::Outlined, words.zone});
  }
  if (anyBody) {
    legend.push_back({"body", LegendMark::Filled, words.body});
  }
  out += svgLegend(legend, kLeft, kLegendY);
  return out + "</svg>\n";
}

std::string percentCell(const std::optional<double>& percent) {
  return percent ? fixed(*percent, 1) + "%" : "–";
}

/** The course table: per trainee the counts, then per learning task its state, total and parts. */
std::string courseTable(const ReportCourseTable& t, bool en) {
  auto text = [en](const course::LocalizedText& x) { return escapeReportText(en ? x.en : x.zh); };
  auto stateWord = [en](course::TaskState s) {
    switch (s) {
    case course::TaskState::Done: return en ? "done" : "已完成";
    case course::TaskState::Open: return en ? "open" : "进行中";
    case course::TaskState::Locked: return en ? "locked" : "未开放";
    }
    return "";
  };
  auto partWord = [en](course::ScorePart p) {
    switch (p) {
    case course::ScorePart::WorkPage: return en ? "work page" : "工作页";
    case course::ScorePart::Simulator: return en ? "simulator exam" : "模拟器考核";
    case course::ScorePart::SelfAssessment: return en ? "self-assessment" : "自评准确度";
    case course::ScorePart::Teacher: return en ? "teacher" : "教师评价";
    case course::ScorePart::Mentor: return en ? "mentor" : "企业师傅评价";
    }
    return "";
  };
  std::string out = "<h2>" + std::string(en ? "Course: " : "课程：") + text(t.title) +
                    "</h2>\n<table class=\"course\">\n<thead><tr><th>" +
                    (en ? "Trainee ID" : "学员编号") + "</th><th>" + (en ? "Name" : "姓名") +
                    "</th><th>" + (en ? "Done" : "已完成") + "</th><th>" +
                    (en ? "Open" : "进行中") + "</th><th>" + (en ? "Locked" : "未开放") + "</th>";
  for (const auto& task : t.tasks) {
    out += "<th>" + text(task.second) + "</th>";
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const ReportCourseRow& row : t.rows) {
    out += "<tr><td>" + escapeReportText(row.traineeId) + "</td><td>" +
           escapeReportText(row.traineeName) + "</td><td class=\"num\">" +
           std::to_string(row.done) + "</td><td class=\"num\">" + std::to_string(row.open) +
           "</td><td class=\"num\">" + std::to_string(row.locked) + "</td>";
    for (const ReportCourseTask& task : row.tasks) {
      out += "<td class=\"course-task\" data-task=\"" + escapeReportText(task.taskId) + "\">" +
             stateWord(task.state) + "; " + (en ? "total " : "总分 ") + percentCell(task.total) +
             "<ul>";
      for (const course::ScoredPart& p : task.parts) {
        if (p.weight <= 0.0) {
          continue; // a part of weight 0 never matters
        }
        out += "<li>" + std::string(partWord(p.part)) + " (" + fixed(100.0 * p.weight, 0) +
               "%): " + percentCell(p.percent) + "</li>";
      }
      out += "</ul></td>";
    }
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

core::Error invalid(const ReportAttempt& a, const std::string& what) {
  return core::makeError(ErrorCode::InvalidInput, "report: attempt '" + a.attemptId + "': " + what);
}

core::Expected<void> validate(const ReportAttempt& a) {
  auto finite = [](double v) { return std::isfinite(v); };
  for (std::size_t i = 0; i < a.samples.size(); ++i) {
    const ReportSample& s = a.samples[i];
    if (!finite(s.time) || !finite(s.planX) || !finite(s.planZ) ||
        !std::all_of(s.values.begin(), s.values.end(), finite)) {
      return invalid(a, "samples[" + std::to_string(i) + "] has a non-finite value");
    }
    if (!s.valid.empty() && s.valid.size() != s.values.size()) {
      return invalid(a, "samples[" + std::to_string(i) + "] has " + std::to_string(s.valid.size()) +
                            " validity flags for " + std::to_string(s.values.size()) + " values");
    }
    if (s.values.size() != a.series.size()) {
      return invalid(a, "samples[" + std::to_string(i) + "] has " +
                            std::to_string(s.values.size()) + " values for " +
                            std::to_string(a.series.size()) + " plotted series");
    }
    if (i > 0 && s.time < a.samples[i - 1].time) {
      return invalid(a, "samples[" + std::to_string(i) + "].time " + fixed(s.time, 3) +
                            " s is before the previous sample's " +
                            fixed(a.samples[i - 1].time, 3) + " s; times must not decrease");
    }
  }
  for (std::size_t i = 0; i < a.scoreSeries.size(); ++i) {
    const ReportScorePoint& p = a.scoreSeries[i];
    if (!finite(p.time) || !finite(p.score)) {
      return invalid(a, "scoreSeries[" + std::to_string(i) + "] has a non-finite value");
    }
    if (i > 0 && p.time < a.scoreSeries[i - 1].time) {
      return invalid(a, "scoreSeries[" + std::to_string(i) + "].time " + fixed(p.time, 3) +
                            " s is before the previous point's " +
                            fixed(a.scoreSeries[i - 1].time, 3) + " s; times must not decrease");
    }
  }
  for (std::size_t i = 0; i < a.deductions.size(); ++i) {
    const ReportDeduction& d = a.deductions[i];
    if (!finite(d.time) || !finite(d.planX) || !finite(d.planZ) || !finite(d.points)) {
      return invalid(a, "deductions[" + std::to_string(i) + "] has a non-finite value");
    }
  }
  for (const ReportSeries& series : a.series) {
    if (!finite(series.scale) || series.scale == 0.0 || !finite(series.minimumSpan)) {
      return invalid(a, "series '" + series.id + "' needs a finite, non-zero scale");
    }
    for (const ReportBand& b : series.bands) {
      if (!finite(b.start) || !finite(b.end) || !finite(b.low) || !finite(b.high) ||
          b.end < b.start || b.high < b.low) {
        return invalid(a, "band '" + b.label + "' needs start <= end and low <= high, all finite");
      }
    }
  }
  for (const ReportZone& zone : a.zones) {
    const bool circle = finite(zone.radius) && zone.radius > 0.0;
    const bool rect = zone.radius == 0.0 && finite(zone.halfX) && finite(zone.halfZ) &&
                      zone.halfX > 0.0 && zone.halfZ > 0.0;
    if (!finite(zone.x) || !finite(zone.z) || !(circle || rect)) {
      return invalid(a, "zone '" + zone.name +
                            "' needs a finite centre and a radius > 0 or half extents > 0");
    }
  }
  if (!finite(a.score) || !finite(a.maxScore) || !finite(a.passMark)) {
    return invalid(a, "score, maximum or pass mark is not finite");
  }
  return {};
}

constexpr const char* kStyle = R"(
body { font-family: "Noto Sans CJK SC", "Noto Sans", sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #bbb; padding: 0.25em 0.6em; text-align: left; }
td.num { text-align: right; }
section.attempt { border-top: 2px solid #888; margin-top: 2em; }
.plots { display: flex; flex-wrap: wrap; gap: 1em; }
svg.plot { background: #fff; border: 1px solid #ddd; font-size: 11px; }
svg .frame { fill: none; stroke: #999; }
svg .tick { stroke: #999; }
svg .ptitle { font-weight: bold; font-size: 13px; }
svg .series { fill: none; stroke: #1f5fbf; stroke-width: 1.5; }
svg .band { fill: #3a3; fill-opacity: 0.15; stroke: #3a3; stroke-opacity: 0.5; }
svg .dmark { stroke: #c22; stroke-dasharray: 3 3; }
svg .deduction { fill: #c22; fill-opacity: 0.8; stroke: #fff; }
svg .zone { fill: #fc3; fill-opacity: 0.15; stroke: #a80; }
svg .body { fill: #666; fill-opacity: 0.7; stroke: #333; }
svg .zlabel { font-size: 10px; fill: #530; }
svg .legend-text { fill: #333; }
svg .legend-swatch.series { stroke: #1f5fbf; stroke-width: 1.5; }
svg .legend-swatch.dmark { stroke: #c22; stroke-dasharray: 3 3; }
svg .legend-swatch.deduction { fill: #c22; }
svg .legend-swatch.valid-note { fill: none; stroke: #999; }
tr:target { background: #fee; }
.fail, .unverified { color: #b00; font-weight: bold; }
.pass { color: #070; font-weight: bold; }
)";

} // namespace

core::Expected<std::string> writeHtmlReport(const ReportDocument& document,
                                            const ReportProgress& progress) {
  if (document.language != "zh-CN" && document.language != "en") {
    return core::makeError(ErrorCode::InvalidInput, "report: language '" + document.language +
                                                        "' is not supported (zh-CN or en)");
  }
  for (const ReportAttempt& attempt : document.attempts) {
    if (auto ok = validate(attempt); !ok) {
      return ok.error();
    }
  }
  const Labels& l = document.language == "en" ? kEn : kZh;
  std::string title = document.title.empty() ? l.defaultTitle : document.title;

  std::string out = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"";
  out +=
      std::string(l.lang) + "\" xml:lang=\"" + l.lang + "\">\n<head>\n<meta charset=\"utf-8\"/>\n";
  out += "<title>" + escapeReportText(title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n";
  out += "<body>\n<h1>" + escapeReportText(title) + "</h1>\n";
  if (!document.subtitle.empty()) {
    out += "<p class=\"subtitle\">" + escapeReportText(document.subtitle) + "</p>\n";
  }

  out += "<h2>" + std::string(l.roster) + "</h2>\n<table class=\"roster\">\n<thead><tr>";
  for (const char* h :
       {l.traineeId, l.name, l.attempts, l.verified, l.passed, l.best, l.latest, l.certificate}) {
    out += "<th>" + std::string(h) + "</th>";
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const ReportRosterRow& row : document.roster) {
    out += "<tr><td>" + escapeReportText(row.traineeId) + "</td><td>" +
           escapeReportText(row.traineeName) + "</td><td class=\"num\">" +
           std::to_string(row.attempts) + "</td><td class=\"num\">" +
           std::to_string(row.verifiedAttempts) + "</td><td class=\"num\">" +
           std::to_string(row.passedAttempts) + "</td><td class=\"num\">" +
           percentCell(row.bestPercent) + "</td><td class=\"num\">" +
           percentCell(row.latestPercent) + "</td><td>" + escapeReportText(row.certificate) +
           "</td></tr>\n";
  }
  out += "</tbody>\n</table>\n";
  if (document.course) {
    out += courseTable(*document.course, document.language == "en");
  }
  out += "<h2>" + std::string(l.attemptsHeading) + "</h2>\n";
  if (document.attempts.empty()) {
    out += "<p>" + std::string(l.noAttempts) + "</p>\n";
  }

  for (std::size_t n = 0; n < document.attempts.size(); ++n) {
    const ReportAttempt& a = document.attempts[n];
    const std::string anchor = "a" + std::to_string(n + 1);
    const LegendWords& words = document.language == "en" ? kLegendEn : kLegendZh;
    out += "<section class=\"attempt\" id=\"attempt-" + std::to_string(n + 1) + "\">\n<h3>" +
           escapeReportText(a.traineeName.empty() ? a.traineeId
                                                  : a.traineeName + " (" + a.traineeId + ")") +
           " — " + escapeReportText(a.scenarioTitle.empty() ? a.scenarioId : a.scenarioTitle) +
           " — " + escapeReportText(a.startedAt) + "</h3>\n<p>" + l.score + ": " +
           fixed(a.score, 2) + " / " + fixed(a.maxScore, 2) + " (" + l.passMark + " " +
           fixed(a.passMark, 2) + ") <span class=\"" + (a.passed ? "pass" : "fail") + "\">" +
           (a.passed ? l.pass : l.fail) + "</span>";
    if (a.vetoed) {
      out += " <span class=\"fail\">" + std::string(l.vetoed) + "</span>";
    }
    out += a.verified ? " · " + std::string(l.isVerified)
                      : " · <span class=\"unverified\">" + std::string(l.notVerified) + "</span>";
    out += " · " + escapeReportText(a.attemptId) + "</p>\n";
    if (!a.verificationNote.empty()) {
      out += "<p class=\"note\">" + escapeReportText(a.verificationNote) + "</p>\n";
    }
    out += "<div class=\"plots\">\n";

    std::vector<const ReportDeduction*> markers;
    for (const ReportDeduction& d : a.deductions) {
      markers.push_back(&d);
    }
    TimeSeries score{"score", l.scorePlot, l.scoreAxis, {}, {},     {},
                     markers, 1.0,         {},          {}, anchor, &words};
    for (const ReportScorePoint& p : a.scoreSeries) {
      score.t.push_back(p.time);
      score.y.push_back(p.score);
    }
    out += timePlot(score, l) + pathPlot(a, l, words, anchor);
    // One plot per plotted readout the machine declares (ReportAttempt::series).
    for (std::size_t k = 0; k < a.series.size(); ++k) {
      const ReportSeries& series = a.series[k];
      TimeSeries plot{series.id,
                      series.title.c_str(),
                      series.yLabel.c_str(),
                      {},
                      {},
                      {},
                      markers,
                      series.minimumSpan,
                      {},
                      series.validNote,
                      {},
                      &words};
      const bool gated = std::any_of(a.samples.begin(), a.samples.end(),
                                     [](const ReportSample& s) { return !s.valid.empty(); });
      for (const ReportSample& s : a.samples) {
        plot.t.push_back(s.time);
        plot.y.push_back(s.values[k] * series.scale);
        if (gated) {
          plot.valid.push_back(s.valid.empty() || s.valid[k]);
        }
      }
      for (ReportBand band : series.bands) {
        band.low *= series.scale;
        band.high *= series.scale;
        plot.bands.push_back(band);
      }
      out += timePlot(plot, l);
    }
    out += "</div>\n";
    if (a.deductions.empty()) {
      out += "<p>" + std::string(l.noDeductions) + "</p>\n";
    } else {
      out += "<table class=\"deductions\">\n<thead><tr><th>" + std::string(l.time) + "</th><th>" +
             l.item + "</th><th>" + l.points + "</th><th>" + l.reason +
             "</th></tr></thead>\n<tbody>\n";
      for (std::size_t i = 0; i < a.deductions.size(); ++i) {
        const ReportDeduction& d = a.deductions[i];
        // The time links to the deduction's marker on the plots (and the marker back here).
        out += "<tr id=\"" + rowId(anchor, i) + "\"><td class=\"num\"><a href=\"#" +
               markerId(anchor, i) + "\">" + fixed(d.time, 2) + "</a></td><td>" +
               escapeReportText(d.itemTitle.empty() ? d.itemId : d.itemTitle) +
               "</td><td class=\"num\">" + fixed(d.points, 2) + "</td><td>" +
               escapeReportText(d.reason) + "</td></tr>\n";
      }
      out += "</tbody>\n</table>\n";
    }
    out += "</section>\n";
    if (progress) {
      progress(n + 1, document.attempts.size());
    }
  }
  out += "</body>\n</html>\n";
  return out;
}

std::string formatReportProgressBar(std::size_t done, std::size_t total, std::size_t width) {
  done = std::min(done, total);
  double fraction = total == 0 ? 1.0 : static_cast<double>(done) / static_cast<double>(total);
  auto filled = static_cast<std::size_t>(fraction * static_cast<double>(width));
  std::string bar = "[" + std::string(filled, '#') + std::string(width - filled, '-') + "] ";
  std::string percent = std::to_string(static_cast<int>(fraction * 100.0));
  bar += std::string(3 - std::min<std::size_t>(3, percent.size()), ' ') + percent + "% " +
         std::to_string(done) + "/" + std::to_string(total) + " attempts";
  return bar;
}

} // namespace skillsim::report
