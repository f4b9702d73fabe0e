#include "skillsim/certify/ExamAdmission.h"

namespace skillsim::certify {

std::string_view toString(ExamRefusal refusal) {
  switch (refusal) {
  case ExamRefusal::None: return "admitted";
  case ExamRefusal::NotChecked: return "not-checked";
  case ExamRefusal::PracticeMode: return "practice-mode";
  case ExamRefusal::Scripted: return "scripted";
  case ExamRefusal::UnregisteredKey: return "unregistered-key";
  case ExamRefusal::RevokedKey: return "revoked-key";
  case ExamRefusal::NoSession: return "no-session";
  case ExamRefusal::UnknownSession: return "unknown-session";
  case ExamRefusal::SessionMismatch: return "session-mismatch";
  case ExamRefusal::OutsideSessionWindow: return "outside-session-window";
  }
  return "unknown";
}

ExamAdmission admitExamAttempt(const records::TraceHeader& header,
                               std::span<const records::ExamStation> stations,
                               std::span<const records::ExamSession> sessions) {
  ExamAdmission a;
  a.keyId = records::keyId(header.publicKey);
  a.attemptUtc = header.startUtc;
  a.sessionId = header.examSession.id;
  a.invigilatorId = header.examSession.invigilatorId;
  auto refuse = [&a](ExamRefusal why) {
    a.refusal = why;
    return a;
  };
  if (header.mode != records::AttemptMode::Exam) {
    return refuse(ExamRefusal::PracticeMode);
  }
  if (header.scripted) {
    return refuse(ExamRefusal::Scripted);
  }
  // The registration of this key in service when the attempt began, else the latest revoked one
  // before it, else a registration made only later.
  const records::ExamStation* inService = nullptr;
  const records::ExamStation* revoked = nullptr;
  const records::ExamStation* later = nullptr;
  for (const records::ExamStation& s : stations) {
    if (s.publicKey != header.publicKey) {
      continue;
    }
    if (s.registeredUtc > header.startUtc) {
      later = later == nullptr || s.registeredUtc < later->registeredUtc ? &s : later;
    } else if (!s.revokedUtc || *s.revokedUtc > header.startUtc) {
      inService = &s;
    } else if (revoked == nullptr || *s.revokedUtc > *revoked->revokedUtc) {
      revoked = &s;
    }
  }
  if (inService == nullptr) {
    if (revoked != nullptr) {
      a.stationId = revoked->id;
      a.stationName = revoked->name;
      a.revokedBy = revoked->revokedBy;
      a.eventUtc = *revoked->revokedUtc;
      return refuse(ExamRefusal::RevokedKey);
    }
    if (later != nullptr) {
      a.stationId = later->id;
      a.stationName = later->name;
      a.eventUtc = later->registeredUtc;
    }
    return refuse(ExamRefusal::UnregisteredKey);
  }
  a.stationId = inService->id;
  a.stationName = inService->name;
  if (header.examSession.empty()) {
    return refuse(ExamRefusal::NoSession);
  }
  const records::ExamSession* session = nullptr;
  for (const records::ExamSession& s : sessions) {
    if (s.id == header.examSession.id) {
      session = &s;
    }
  }
  if (session == nullptr) {
    return refuse(ExamRefusal::UnknownSession);
  }
  a.eventUtc = session->openedUtc;
  a.closedUtc = session->closedUtc;
  if (session->ref() != header.examSession) {
    return refuse(ExamRefusal::SessionMismatch);
  }
  if (header.startUtc < session->openedUtc ||
      (session->closedUtc && header.startUtc > *session->closedUtc)) {
    return refuse(ExamRefusal::OutsideSessionWindow);
  }
  a.refusal = ExamRefusal::None;
  return a;
}

std::string examAdmissionText(const ExamAdmission& a, std::string_view language) {
  const bool zh = language == "zh-CN";
  const std::string station = std::to_string(a.stationId) + " '" + a.stationName + "'";
  const std::string started = records::formatUtc(a.attemptUtc);
  switch (a.refusal) {
  case ExamRefusal::None:
    return zh ? "计入：考试工位 " + station + "，考试场次 " + a.sessionId + "（监考 " +
                    a.invigilatorId + "）"
              : "counts: taken at exam station " + station + " in exam session " + a.sessionId +
                    " (invigilator " + a.invigilatorId + ")";
  case ExamRefusal::NotChecked:
    return zh ? "不计入：未核对考试工位和考试场次"
              : "not counted: its exam station and exam session were not checked";
  case ExamRefusal::PracticeMode:
    return zh ? "不计入：这是练习，只有考试才计入"
              : "not counted: a practice attempt; only exam attempts count";
  case ExamRefusal::Scripted:
    return zh ? "不计入：由程序自动操作（skillsim operate），不是学员本人操作"
              : "not counted: driven by the scripted operator (skillsim operate), not by the "
                "trainee";
  case ExamRefusal::UnregisteredKey:
    if (a.stationId != 0) {
      return zh ? "不计入：签名密钥 " + a.keyId + " 在 " + records::formatUtc(a.eventUtc) +
                      " 才登记为考试工位 " + station + "，晚于考试开始 " + started
                : "not counted: signing key " + a.keyId + " was registered as exam station " +
                      station + " only at " + records::formatUtc(a.eventUtc) +
                      ", after the attempt began at " + started;
    }
    return zh ? "不计入：签名密钥 " + a.keyId + " 不是本库登记的考试工位"
              : "not counted: signed by key " + a.keyId +
                    ", which is no registered exam station of this store";
  case ExamRefusal::RevokedKey:
    return zh ? "不计入：考试工位 " + station + " 已于 " + records::formatUtc(a.eventUtc) + " 被 " +
                    a.revokedBy + " 撤销，考试开始于 " + started
              : "not counted: exam station " + station + " was revoked by " + a.revokedBy + " at " +
                    records::formatUtc(a.eventUtc) + ", before the attempt began at " + started;
  case ExamRefusal::NoSession:
    return zh ? "不计入：不属于任何监考的考试场次"
              : "not counted: it belongs to no invigilated exam session";
  case ExamRefusal::UnknownSession:
    return zh ? "不计入：考试场次 " + a.sessionId + " 不在本库中"
              : "not counted: exam session " + a.sessionId + " is not in this store";
  case ExamRefusal::SessionMismatch:
    return zh ? "不计入：记录中的考试场次 " + a.sessionId + "（监考 " + a.invigilatorId +
                    "）与本库登记的不一致"
              : "not counted: the trace's exam session " + a.sessionId + " (invigilator " +
                    a.invigilatorId + ") differs from the one this store opened";
  case ExamRefusal::OutsideSessionWindow: {
    const std::string until = a.closedUtc ? records::formatUtc(*a.closedUtc) : std::string();
    return zh ? "不计入：考试开始于 " + started + "，不在考试场次 " + a.sessionId + " 的时间内（" +
                    records::formatUtc(a.eventUtc) + " 至 " + (until.empty() ? "未结束" : until) +
                    "）"
              : "not counted: begun at " + started + ", outside exam session " + a.sessionId +
                    " (open " + records::formatUtc(a.eventUtc) + " to " +
                    (until.empty() ? "now" : until) + ")";
  }
  }
  return "unknown";
}

} // namespace skillsim::certify
