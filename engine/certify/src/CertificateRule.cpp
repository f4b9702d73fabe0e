#include "skillsim/certify/CertificateRule.h"

#include <array>

namespace skillsim::certify {
namespace {

constexpr std::array<std::string_view, 3> kKindNames = {
    "special_equipment_licence", "occupational_skill_standard", "one_plus_x"};
constexpr std::array<std::string_view, 4> kLevelSystemNames = {"none", "national_five_level",
                                                               "eight_level_worker", "one_plus_x"};

// EXAMS.md, "Certificate levels and how scores combine". Lowest level first.
constexpr std::array<CertificateLevel, 5> kNationalFiveLevel = {{
    {"五级", "Level 5 (junior worker)", false},
    {"四级", "Level 4 (intermediate worker)", false},
    {"三级", "Level 3 (senior worker)", false},
    {"二级", "Level 2 (technician)", true},
    {"一级", "Level 1 (senior technician)", true},
}};
constexpr std::array<CertificateLevel, 8> kEightLevelWorker = {{
    {"学徒工", "Apprentice", false},
    {"初级工", "Junior worker", false},
    {"中级工", "Intermediate worker", false},
    {"高级工", "Senior worker", false},
    {"技师", "Technician", true},
    {"高级技师", "Senior technician", true},
    {"特级技师", "Principal technician", true},
    {"首席技师", "Chief technician", true},
}};
constexpr std::array<CertificateLevel, 3> kOnePlusX = {{
    {"初级", "Elementary", false},
    {"中级", "Intermediate", false},
    {"高级", "Advanced", false},
}};

template <typename Enum, std::size_t N>
std::optional<Enum> fromName(const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == name) {
      return static_cast<Enum>(i);
    }
  }
  return std::nullopt;
}

} // namespace

std::string_view toString(CertificateKind kind) {
  return kKindNames.at(static_cast<std::size_t>(kind));
}

std::optional<CertificateKind> certificateKindFromName(std::string_view name) {
  return fromName<CertificateKind>(kKindNames, name);
}

std::string_view toString(LevelSystem system) {
  return kLevelSystemNames.at(static_cast<std::size_t>(system));
}

std::optional<LevelSystem> levelSystemFromName(std::string_view name) {
  return fromName<LevelSystem>(kLevelSystemNames, name);
}

std::span<const CertificateLevel> certificateLevels(LevelSystem system) {
  switch (system) {
  case LevelSystem::None: return {};
  case LevelSystem::NationalFiveLevel: return kNationalFiveLevel;
  case LevelSystem::EightLevelWorker: return kEightLevelWorker;
  case LevelSystem::OnePlusX: return kOnePlusX;
  }
  return {};
}

std::string_view toString(AttemptPolicy policy) {
  return policy == AttemptPolicy::Best ? "best" : "latest";
}

std::string CertificatePart::label() const {
  return kind == CertificatePartKind::Theory ? std::string("theory") : scenarioId;
}

const CertificatePart* CertificateRule::theoryPart() const {
  for (const CertificatePart& part : parts) {
    if (part.kind == CertificatePartKind::Theory) {
      return &part;
    }
  }
  return nullptr;
}

const CertificateLevel* CertificateRule::levelInfo() const {
  for (const CertificateLevel& entry : certificateLevels(levelSystem)) {
    if (entry.zh == level) {
      return &entry;
    }
  }
  return nullptr;
}

} // namespace skillsim::certify
