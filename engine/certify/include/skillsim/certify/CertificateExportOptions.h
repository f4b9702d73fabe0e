#pragma once

#include <string>

namespace skillsim::certify {

/**
 * Identifiers and language for exporting certificate decisions (Open Badges 3.0 credentials and
 * xAPI statements). The defaults use the reserved `.invalid` domain (RFC 2606) so that an export
 * made before a training centre configures its own addresses can never be mistaken for a real
 * one.
 */
struct CertificateExportOptions {
  /** The issuer's Profile id (a URI), e.g. `https://training.example.cn` or a did. */
  std::string issuerId = "https://skillsim.invalid/issuer";
  /** The issuer's display name; empty: the rule's awarding body in `language`. */
  std::string issuerName;
  /** Base IRI of activity and achievement ids: `<base>/certificates/<certificate id>`. */
  std::string iriBase = "https://skillsim.invalid";
  /** xAPI actor account home page (the training centre's system that owns the trainee ids). */
  std::string accountHomePage = "https://skillsim.invalid";
  /** "zh-CN" or "en": the language of names, descriptions and narratives in the credential. */
  std::string language = "zh-CN";
};

} // namespace skillsim::certify
