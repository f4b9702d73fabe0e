#include "CertifyCommand.h"

#include "ProgressBar.h"
#include "TraceSearchCli.h"

#include "skillsim/app/Cli.h"

#include <skillsim/certify/BadgeCredential.h>
#include <skillsim/certify/CertificateDecisionStore.h>
#include <skillsim/certify/CertificateEvaluator.h>
#include <skillsim/certify/CertificateEvidenceFromRecords.h>
#include <skillsim/certify/CertificateReasonText.h>
#include <skillsim/certify/CertificateRuleLoader.h>
#include <skillsim/certify/CertificateTheoryScores.h>
#include <skillsim/certify/CertificateXapi.h>
#include <skillsim/certify/ExamAdmission.h>
#include <skillsim/certify/SignedCredential.h>
#include <skillsim/records/ResultsStore.h>
#include <skillsim/records/UserDirs.h>
#include <skillsim/records/WorkstationKey.h>
#include <skillsim/scenario/ScenarioLoader.h>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>

namespace skillsim::app {
namespace {

certify::CertificateDate todayUtc() {
  // The decision date is the one place certification reads the clock; --date overrides it.
  auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  std::chrono::year_month_day ymd{days};
  return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
          static_cast<unsigned>(ymd.day())};
}

bool writeText(const std::string& path, const std::string& text, std::ostream& err) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) {
    err << "skillsim certify: " << path << ": cannot write the file\n";
    return false;
  }
  return true;
}

/**
 * The mock-exam scenarios (`mock_exam = true`) among the scenario files under `folder` that a
 * practical part of `rule` names: id -> where the flag is written. Files that do not load are
 * left to `validate`.
 */
std::map<std::string, core::SourceLocation> mockExamScenarios(const certify::CertificateRule& rule,
                                                              const std::string& folder) {
  std::map<std::string, core::SourceLocation> found;
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) {
    return found;
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".toml") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    auto s = scenario::loadScenario(file);
    if (!s || !s->mockExam) {
      continue;
    }
    const bool named = std::any_of(rule.parts.begin(), rule.parts.end(), [&](const auto& p) {
      return p.kind == certify::CertificatePartKind::Practical && p.scenarioId == s->id;
    });
    if (named) {
      found.emplace(s->id, s->mockExamLocation);
    }
  }
  return found;
}

int certify(const CertifyOptions& options, std::ostream& out, std::ostream& err,
            const StoredAttemptChecker& checker) {
  auto fail = [&](const core::Error& error) {
    err << "skillsim certify: " << error.toString() << '\n';
    return kExitFailure;
  };
  auto rule = certify::findCertificateRule(options.certificatesDir, options.certificateId);
  if (!rule) {
    return fail(rule.error());
  }
  // A licence never counts a mock exam as its practical (Scenario::mockExam, issue 15).
  if (auto problem = certify::mockExamPracticalProblem(
          *rule, mockExamScenarios(*rule, options.traces.scenariosDir))) {
    return fail(*problem);
  }

  certify::CertificateEvidence evidence;
  evidence.traineeId = options.traineeId;
  if (options.date.empty()) {
    evidence.decisionDate = todayUtc();
  } else {
    auto date = certify::parseCertificateDate(options.date);
    if (!date || options.date.size() != 10) {
      err << "skillsim certify: --date " << options.date
          << ": expected a date YYYY-MM-DD that exists\n";
      return kExitUsage;
    }
    evidence.decisionDate = *date;
  }
  if (!options.theoryScores.empty()) {
    auto scores = certify::loadTheoryScoresCsv(options.theoryScores);
    if (!scores) {
      return fail(scores.error());
    }
    if (auto it = scores->find(options.traineeId); it != scores->end()) {
      evidence.theory = it->second;
    }
  }

  const std::string location =
      options.db.empty() ? records::defaultStorePath().string() : options.db;
  auto store = records::ResultsStore::open(location);
  if (!store) {
    return fail(store.error());
  }
  auto stored = (*store)->attempts(records::AttemptQuery{options.traineeId, ""});
  if (!stored) {
    return fail(stored.error());
  }
  // Only exam attempts at the rule's scenarios can count: those are re-verified from their traces.
  std::vector<records::AttemptRecord> candidates;
  for (const records::AttemptRecord& record : *stored) {
    const bool part = std::any_of(rule->parts.begin(), rule->parts.end(), [&](const auto& p) {
      return p.kind == certify::CertificatePartKind::Practical &&
             p.scenarioId == record.scenario.id;
    });
    if (part && record.mode == records::AttemptMode::Exam) {
      candidates.push_back(record);
    }
  }
  ProgressBar bar(err, stderrIsTerminal(err) && candidates.size() > 1);
  auto checks = checker(candidates, options.traces,
                        [&bar](std::size_t done, std::size_t total) { bar(done, total); });
  if (!checks) {
    return fail(checks.error());
  }
  if (checks->size() != candidates.size()) {
    err << "skillsim certify: internal error: " << checks->size() << " checks for "
        << candidates.size() << " attempts\n";
    return kExitFailure;
  }
  std::map<std::string, const StoredAttemptCheck*> checkOf;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    checkOf[candidates[i].attemptId] = &(*checks)[i];
  }
  // A verified exam attempt counts only when taken at a registered, unrevoked exam station in an
  // invigilated session of this store, by a person (certify::admitExamAttempt; issue 13.13).
  auto stations = (*store)->stations();
  if (!stations) {
    return fail(stations.error());
  }
  auto sessions = (*store)->sessions();
  if (!sessions) {
    return fail(sessions.error());
  }
  const bool zh = options.lang != "en";
  const std::string language = zh ? "zh-CN" : "en";
  std::vector<std::string> admissionLines;
  std::size_t verifiedCount = 0;
  for (const records::AttemptRecord& record : *stored) {
    if (evidence.traineeName.empty()) {
      evidence.traineeName = record.traineeName;
    }
    certify::CertificateAttempt attempt = certify::certificateAttemptFromRecord(record);
    auto check = checkOf.find(record.attemptId);
    // The store's own signature flag is never enough: only a re-verified trace counts.
    attempt.verified = check != checkOf.end() && check->second->verified;
    attempt.verificationNote =
        check != checkOf.end() ? check->second->note : "not re-verified (cannot count here)";
    verifiedCount += attempt.verified ? 1 : 0;
    if (attempt.verified && check->second->header) {
      attempt.admission = certify::admitExamAttempt(*check->second->header, *stations, *sessions);
      admissionLines.push_back("  " + std::string(zh ? "考试 " : "attempt ") + record.attemptId +
                               (zh ? "：" : ": ") +
                               certify::examAdmissionText(attempt.admission, language));
    }
    evidence.attempts.push_back(std::move(attempt));
  }

  certify::CertificateDecision decision = certify::evaluateCertificate(*rule, evidence);
  out << "certificate " << rule->id << ": " << (zh ? rule->title.zh : rule->title.en);
  if (const certify::CertificateLevel* level = rule->levelInfo()) {
    out << " — " << (zh ? level->zh : level->en);
  }
  const std::string name = decision.traineeName.empty()
                               ? ""
                               : (zh ? "（" : " (") + decision.traineeName + (zh ? "）" : ")");
  if (zh) {
    out << "\n学员 " << decision.traineeId << name << "，库中 " << evidence.attempts.size()
        << " 次考试记录，理论成绩"
        << (evidence.theory ? "来自 " + evidence.theory->source : std::string("未提供")) << '\n';
    out << "已重新模拟验证本证书场景的考试 " << verifiedCount << " / " << candidates.size()
        << " 次\n";
  } else {
    out << "\ntrainee " << decision.traineeId << name << ", " << evidence.attempts.size()
        << " stored attempt(s), theory score "
        << (evidence.theory ? "from " + evidence.theory->source : std::string("not given")) << '\n';
    // Each attempt that does not verify is named with its reason among the decision's reasons.
    out << "re-verified " << verifiedCount << " of " << candidates.size()
        << " exam attempt(s) at this certificate's scenarios by re-simulating their traces\n";
  }
  if (!admissionLines.empty()) {
    out << (zh ? "考试工位与监考场次核对：\n" : "exam station and invigilated session checks:\n");
    for (const std::string& line : admissionLines) {
      out << line << '\n';
    }
  }
  // The recorded reasons are English; the printed ones are in the chosen language.
  for (const std::string& reason : certify::certificateReasonLines(decision, language)) {
    out << "  " << reason << '\n';
  }

  certify::CertificateExportOptions exportOptions;
  exportOptions.language = zh ? "zh-CN" : "en";
  if (!options.noRecord) {
    auto decisions = certify::CertificateDecisionStore::open(location);
    if (!decisions) {
      return fail(decisions.error());
    }
    auto id = (*decisions)->record(decision);
    if (!id) {
      return fail(id.error());
    }
    out << "recorded decision " << *id << " in " << (*store)->backend() << " store\n";
  }
  if (!options.badgeOut.empty()) {
    auto key = records::WorkstationKey::loadOrCreate(
        options.issuerKeyDir.empty() ? records::defaultConfigDir()
                                     : std::filesystem::path(options.issuerKeyDir),
        records::WorkstationKey::kIssuerFileName);
    if (!key) {
      return fail(key.error());
    }
    auto credential = certify::signOpenBadgeCredential(*rule, decision, exportOptions, *key);
    if (!credential) {
      err << "skillsim certify: no credential written: " << credential.error().toString() << '\n';
    } else if (writeText(options.badgeOut, credential->jwt + "\n", err)) {
      out << "wrote the signed Open Badges 3.0 credential (JWT) to " << options.badgeOut
          << "\n  issuer key " << certify::didKeyOf(key->publicKey()) << '\n';
    } else {
      return kExitFailure;
    }
  }
  if (!options.badgeJsonOut.empty()) {
    auto credential = certify::writeOpenBadgeCredential(*rule, decision, exportOptions);
    if (!credential) {
      err << "skillsim certify: no credential written: " << credential.error().toString() << '\n';
    } else if (writeText(options.badgeJsonOut, *credential, err)) {
      out << "wrote the Open Badges 3.0 credential (unsigned JSON) to " << options.badgeJsonOut
          << '\n';
    } else {
      return kExitFailure;
    }
  }
  if (!options.xapiOut.empty()) {
    if (!writeText(options.xapiOut,
                   certify::writeCertificateXapiStatements(*rule, decision, exportOptions), err)) {
      return kExitFailure;
    }
    out << "wrote xAPI statements to " << options.xapiOut << '\n';
  }
  return decision.outcome == certify::CertificateOutcome::NotAwarded ? kExitFailure : kExitOk;
}

} // namespace

CLI::App* addCertifyCommand(CLI::App& cli, CertifyOptions& options) {
  CLI::App* cmd = cli.add_subcommand(
      "certify", "Decide a certificate from a trainee's verified exam attempts and theory score; "
                 "print the reasons item by item and record the decision");
  cmd->add_option("--trainee", options.traineeId, "Trainee id")->required();
  cmd->add_option("--certificate", options.certificateId,
                  "Certificate rule id (assets/certificates/<id>.toml)")
      ->required();
  cmd->add_option("--theory-scores", options.theoryScores,
                  "CSV with trainee_id,score[,max_score,date] (theory examination)");
  cmd->add_option("--db", options.db,
                  "Results store: SQLite file or postgresql:// URL (default: the user's store)");
  cmd->add_option("--certificates", options.certificatesDir,
                  "Folder of certificate rules (default: assets/certificates)");
  cmd->add_option("--date", options.date, "Decision date YYYY-MM-DD (default: today, UTC)");
  cmd->add_option("--badge", options.badgeOut,
                  "Write the signed Open Badges 3.0 credential (a JWT) here when awarded");
  cmd->add_option("--badge-json", options.badgeJsonOut,
                  "Write the unsigned Open Badges 3.0 credential (JSON) here when awarded");
  cmd->add_option("--issuer-key-dir", options.issuerKeyDir,
                  "Folder of the issuer's signing key issuer.key (default: the user's config)");
  cmd->add_option("--xapi", options.xapiOut, "Write the decision's xAPI statements here");
  cmd->add_option("--lang", options.lang, "Language of names and credential: zh-CN or en")
      ->check(CLI::IsMember({"zh-CN", "en"}));
  cmd->add_flag("--no-record", options.noRecord, "Do not record the decision in the store");
  addTraceSearchOptions(cmd, options.traces);
  return cmd;
}

int runCertify(const CertifyOptions& options, std::ostream& out, std::ostream& err,
               const StoredAttemptChecker& checker) {
  try {
    return certify(options, out, err, checker);
  } catch (const std::exception& e) {
    err << "skillsim certify: internal error: " << e.what() << '\n';
    return kExitFailure;
  }
}

} // namespace skillsim::app
