// libFuzzer target for certificate rule files (issue 20 point 8): parseCertificateRule must
// return a rule or an error naming the file, never crash or throw, for any bytes.
#include <skillsim/certify/CertificateRuleLoader.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto rule = skillsim::certify::parseCertificateRule(text, "fuzz-rule.toml");
  if (!rule && rule.error().toString().find("fuzz-rule.toml") == std::string::npos) {
    std::abort(); // an error that does not name the file
  }
  return 0;
}
