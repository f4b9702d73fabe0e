#pragma once

#include <skillsim/core/Error.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::certify {

/** What kind of certificate a rule describes (../shared/EXAMS.md, "Certificate levels"). */
enum class CertificateKind : std::uint8_t {
  SpecialEquipmentLicence, ///< 特种设备作业人员证 (Q2, N1): theory and practical
                           ///< >= 70.
  OccupationalSkillStandard, ///< 国家职业技能标准 skill-level certificate: theory and practical
                             ///< >= 60.
  OnePlusX, ///< 1+X vocational skill-level certificate (初级/中级/高级).
};

/** "special_equipment_licence", "occupational_skill_standard" or "one_plus_x". */
[[nodiscard]] std::string_view toString(CertificateKind kind);
/** Inverse of toString(CertificateKind); nullopt for an unknown name. */
[[nodiscard]] std::optional<CertificateKind> certificateKindFromName(std::string_view name);

/** The level scale a certificate's level belongs to (EXAMS.md). */
enum class LevelSystem : std::uint8_t {
  None,              ///< No levels (an operator licence).
  NationalFiveLevel, ///< 五级 (初级工) … 一级 (高级技师); 二级 and 一级 add a panel review.
  EightLevelWorker, ///< The 2022 eight-level worker grades: 学徒工 … 首席技师.
  OnePlusX,         ///< 1+X: 初级, 中级, 高级.
};

/** "none", "national_five_level", "eight_level_worker" or "one_plus_x". */
[[nodiscard]] std::string_view toString(LevelSystem system);
/** Inverse of toString(LevelSystem); nullopt for an unknown name. */
[[nodiscard]] std::optional<LevelSystem> levelSystemFromName(std::string_view name);

/** One level of a level system: the name as written in rule files (Chinese) and in English. */
struct CertificateLevel {
  std::string_view zh; ///< The official name, e.g. "四级" or "技师"; this is what files write.
  std::string_view en; ///< English rendering, e.g. "Level 4 (intermediate worker)".
  bool panelReview;    ///< The level requires a review panel besides theory and practical.
};

/**
 * The levels of a system, lowest first (empty for LevelSystem::None). Panel review: levels
 * 二级 and 一级 of the national five-level scale (EXAMS.md); 技师 and above in the eight-level
 * grades, which map onto them.
 */
[[nodiscard]] std::span<const CertificateLevel> certificateLevels(LevelSystem system);

/** A name in zh and en (UTF-8). */
struct LocalizedText {
  std::string zh;
  std::string en;

  friend bool operator==(const LocalizedText&, const LocalizedText&) = default;
};

/** Whether a part is the theory examination or a practical scenario. */
enum class CertificatePartKind : std::uint8_t { Theory, Practical };

/** Which of a trainee's verified attempts at a practical scenario counts. */
enum class AttemptPolicy : std::uint8_t {
  Latest, ///< The most recent verified attempt, as in an exam sitting (a retake replaces it).
  Best,   ///< The verified attempt with the highest percentage (training records).
};

/** "latest" or "best". */
[[nodiscard]] std::string_view toString(AttemptPolicy policy);

/**
 * One part of a certificate: the theory examination, or one practical scenario. Scores are
 * compared as percentages of the part's maximum (0..100).
 */
struct CertificatePart {
  CertificatePartKind kind = CertificatePartKind::Practical;
  std::string scenarioId; ///< Practical only: the scenario id attempts must carry.
  LocalizedText title;
  double weight = 0.0;  ///< Share of the weighted total, in [0, 1]; all parts sum to 1.
  double minimum = 0.0; ///< Minimum percentage for this part alone, in [0, 100].
  AttemptPolicy policy = AttemptPolicy::Latest; ///< Practical only.
  core::SourceLocation location;                ///< Where the part was defined.
  core::SourceLocation scenarioLocation; ///< Where its `scenario` value is written (practical).

  /** "theory" or the scenario id: how reasons name the part. */
  [[nodiscard]] std::string label() const;
};

/**
 * A certificate and level as data (assets/certificates/<id>.toml, docs/certificate-format.md):
 * which practical scenarios and theory examination make it up, each part's weight and minimum,
 * an optional minimum for the weighted total, the level and the validity period.
 */
struct CertificateRule {
  std::uint32_t formatVersion = 1;
  std::string id;
  CertificateKind kind = CertificateKind::SpecialEquipmentLicence;
  LocalizedText title;
  LocalizedText awardingBody;
  LevelSystem levelSystem = LevelSystem::None;
  std::string level;               ///< One of certificateLevels(levelSystem)'s zh names, or "".
  std::uint32_t validityYears = 0; ///< 0: does not expire.
  std::optional<double> overallMinimum; ///< Minimum weighted percentage, when the rule has one.
  bool panelReview = false; ///< All parts met still leaves the decision to a review panel.
  LocalizedText criteria;   ///< Narrative for people and for the Open Badges criteria.
  std::vector<CertificatePart> parts; ///< At most one theory part; practical ids unique.
  std::string sourceFile;             ///< Path the rule was loaded from, or the name given.

  /** The theory part, or nullptr when the certificate has none. */
  [[nodiscard]] const CertificatePart* theoryPart() const;
  /** The level's entry in its system, or nullptr for LevelSystem::None. */
  [[nodiscard]] const CertificateLevel* levelInfo() const;
};

} // namespace skillsim::certify
