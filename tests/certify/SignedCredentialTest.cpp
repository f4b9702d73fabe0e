#include "CertificateExportFixture.h"
#include "MissingPrerequisite.h"

#include <skillsim/certify/BadgeCredential.h>
#include <skillsim/certify/SignedCredential.h>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace skillsim::certify {
namespace {

using testing::exportDecision;
using testing::exportLicenceRule;

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t k20261129 = 1795910400; // 2026-11-29T00:00:00Z
constexpr std::int64_t k20301129 = 1922140800; // 2030-11-29T00:00:00Z

/** A fresh folder under the test output folder, removed at the end of the test. */
struct Scratch {
  std::filesystem::path dir = std::filesystem::path(SKILLSIM_TEST_OUTPUT_DIR) / "certify" /
                              ("signed-" + std::to_string(std::random_device{}()));
  Scratch() { std::filesystem::create_directories(dir); }
  ~Scratch() { std::filesystem::remove_all(dir); }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
};

records::WorkstationKey key(const std::filesystem::path& dir) {
  auto k = records::WorkstationKey::loadOrCreate(dir, records::WorkstationKey::kIssuerFileName);
  SKILLSIM_CHECK(k.hasValue(), k ? "" : k.error().toString());
  return std::move(*k);
}

SignedCredential signedFor(const records::WorkstationKey& issuer) {
  auto rule = exportLicenceRule();
  CertificateExportOptions options;
  options.language = "en";
  auto credential =
      signOpenBadgeCredential(rule, exportDecision(rule, "T001", 80.0, 75.0), options, issuer);
  SKILLSIM_CHECK(credential.hasValue(), credential ? "" : credential.error().toString());
  return *credential;
}

std::string decodePart(const std::string& jwt, int part) {
  std::size_t begin = 0;
  for (int i = 0; i < part; ++i) {
    begin = jwt.find('.', begin) + 1;
  }
  const std::string b64 = jwt.substr(begin, jwt.find('.', begin) - begin);
  // base64url without padding, decoded here without libsodium.
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : b64) {
    buffer = (buffer << 6U) | static_cast<unsigned>(kAlphabet.find(c));
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> static_cast<unsigned>(bits)) & 0xffU);
    }
  }
  return out;
}

TEST(SignedCredential, DidKeyIsEd25519MulticodecInBase58btc) {
  records::PublicKey zero{};
  // Multicodec 0xed01 + 32 zero bytes in base58btc (a known did:key test vector shape: every
  // Ed25519 did:key starts with z6Mk).
  const std::string did = didKeyOf(zero);
  EXPECT_EQ(did, "did:key:z6MkeTG3bFFSLYVU7VqhgZxqr6YzpaGrQtFMh1uvqGy1vDnP");
  // RFC 8032 §7.1 test 1's public key; the did computed independently (Python big-int base58).
  records::PublicKey rfc{};
  const std::uint8_t rfcBytes[32] = {0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7,
                                     0xd5, 0x4b, 0xfe, 0xd3, 0xc9, 0x64, 0x07, 0x3a,
                                     0x0e, 0xe1, 0x72, 0xf3, 0xda, 0xa6, 0x23, 0x25,
                                     0xaf, 0x02, 0x1a, 0x68, 0xf7, 0x07, 0x51, 0x1a};
  std::copy(std::begin(rfcBytes), std::end(rfcBytes), rfc.begin());
  EXPECT_EQ(didKeyOf(rfc), "did:key:z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw");
  auto back = publicKeyOfDidKey(did + "#z6Mk");
  ASSERT_TRUE(back) << back.error().toString();
  EXPECT_EQ(*back, zero);
  Scratch scratch;
  auto issuer = key(scratch.dir);
  const std::string own = didKeyOf(issuer.publicKey());
  EXPECT_TRUE(own.starts_with("did:key:z6Mk")) << own;
  auto round = publicKeyOfDidKey(own);
  ASSERT_TRUE(round);
  EXPECT_EQ(*round, issuer.publicKey());
  EXPECT_EQ(publicKeyOfDidKey("did:web:example.cn").error().message,
            "'did:web:example.cn' is not a did:key with a base58btc key (expected did:key:z…)");
  EXPECT_EQ(publicKeyOfDidKey("did:key:z0OIl").error().message,
            "'did:key:z0OIl': the key is not base58btc");
  EXPECT_EQ(publicKeyOfDidKey("did:key:z6LS").error().message,
            "'did:key:z6LS' is not an Ed25519 key (expected multicodec ed25519-pub 0xed01 and "
            "32 bytes)");
}

TEST(SignedCredential, CompactJwsWithEdDsaHeaderAndJwtDateClaims) {
  Scratch scratch;
  auto issuer = key(scratch.dir);
  const SignedCredential credential = signedFor(issuer);
  const std::string did = didKeyOf(issuer.publicKey());
  auto header = nlohmann::json::parse(decodePart(credential.jwt, 0));
  EXPECT_EQ(header["alg"], "EdDSA");
  EXPECT_EQ(header["typ"], "vc+jwt");
  EXPECT_EQ(header["kid"], did + "#" + did.substr(8));
  auto payload = nlohmann::json::parse(decodePart(credential.jwt, 1));
  EXPECT_EQ(payload["issuer"]["id"], did);
  EXPECT_EQ(payload["iss"], did);
  EXPECT_EQ(payload["sub"], "T001");
  EXPECT_EQ(payload["jti"], payload["id"]);
  EXPECT_EQ(payload["nbf"], k20261129);
  EXPECT_EQ(payload["exp"], k20301129);
  EXPECT_EQ(decodePart(credential.jwt, 2).size(), 64u); // an Ed25519 signature
  auto json = nlohmann::json::parse(credential.json);
  EXPECT_EQ(json["issuer"]["id"], did);
  EXPECT_FALSE(std::string(json["description"]).starts_with("UNSIGNED"));
  // Deterministic (Ed25519 signatures are): the same decision and key give the same token.
  EXPECT_EQ(signedFor(issuer).jwt, credential.jwt);

  auto verified = verifyOpenBadgeJwt(credential.jwt, k20261129 + 10 * kDay, did);
  ASSERT_TRUE(verified) << verified.error().toString();
  EXPECT_EQ(verified->issuer, did);
  EXPECT_EQ(verified->traineeId, "T001");
  EXPECT_EQ(verified->validFrom, "2026-11-29T00:00:00Z");
  EXPECT_EQ(verified->validUntil, "2030-11-29T00:00:00Z");
  EXPECT_EQ(verified->name, "Crane operator (Q2)");
}

TEST(SignedCredential, AChangedByteIsRejected) {
  Scratch scratch;
  auto issuer = key(scratch.dir);
  const std::string jwt = signedFor(issuer).jwt;
  // Each of the three parts, one character changed to another base64url character.
  const std::size_t dot1 = jwt.find('.');
  const std::size_t dot2 = jwt.find('.', dot1 + 1);
  for (std::size_t at : {dot1 + 40, (dot1 + dot2) / 2, dot2 + 10}) {
    std::string changed = jwt;
    changed[at] = changed[at] == 'A' ? 'B' : 'A';
    auto result = verifyOpenBadgeJwt(changed, k20261129 + kDay);
    ASSERT_FALSE(result) << "changed at " << at;
    EXPECT_EQ(result.error().code, core::ErrorCode::Integrity);
    EXPECT_EQ(result.error().message,
              "the signature does not match the credential: it was changed after it was signed, "
              "or the signature is damaged")
        << "changed at " << at;
  }
  EXPECT_EQ(verifyOpenBadgeJwt("not a token", 0).error().message,
            "not a signed credential: expected a compact JWS, three base64url parts separated by "
            "'.'");
}

TEST(SignedCredential, AnExpiredOrNotYetValidCredentialIsRejected) {
  Scratch scratch;
  auto issuer = key(scratch.dir);
  const std::string jwt = signedFor(issuer).jwt;
  EXPECT_TRUE(verifyOpenBadgeJwt(jwt, k20261129));     // its first second
  EXPECT_TRUE(verifyOpenBadgeJwt(jwt, k20301129 - 1)); // its last second
  auto expired = verifyOpenBadgeJwt(jwt, k20301129);   // validUntil is exclusive
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().message, "expired on 2030-11-29 (validUntil 2030-11-29T00:00:00Z)");
  auto early = verifyOpenBadgeJwt(jwt, k20261129 - 1);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().message, "not valid yet: valid from 2026-11-29");
}

TEST(SignedCredential, AWrongKeyIsRejected) {
  Scratch scratch;
  auto issuer = key(scratch.dir / "centre");
  auto other = key(scratch.dir / "other");
  const std::string jwt = signedFor(issuer).jwt;
  const std::string did = didKeyOf(issuer.publicKey());
  const std::string otherDid = didKeyOf(other.publicKey());
  // A credential signed by the centre, checked against another trusted issuer.
  auto result = verifyOpenBadgeJwt(jwt, k20261129 + kDay, otherDid);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, core::ErrorCode::Integrity);
  EXPECT_EQ(result.error().message, "issued by " + did + ", not by the trusted issuer " + otherDid +
                                        " (signed with another key)");
  // Another key's credential whose payload claims the centre as its issuer.
  auto forged = signedFor(other).jwt;
  const std::size_t dot1 = forged.find('.');
  const std::size_t dot2 = forged.find('.', dot1 + 1);
  auto payload = nlohmann::ordered_json::parse(decodePart(forged, 1));
  payload["issuer"]["id"] = did;
  payload["iss"] = did;
  std::string b64;
  {
    // base64url without padding, encoded here without libsodium.
    static const std::string kAlphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const std::string text = payload.dump();
    unsigned buffer = 0;
    int bits = 0;
    for (unsigned char c : text) {
      buffer = (buffer << 8U) | c;
      bits += 8;
      while (bits >= 6) {
        bits -= 6;
        b64 += kAlphabet[(buffer >> static_cast<unsigned>(bits)) & 0x3fU];
      }
    }
    if (bits > 0) {
      b64 += kAlphabet[(buffer << static_cast<unsigned>(6 - bits)) & 0x3fU];
    }
  }
  const std::string input = forged.substr(0, dot1) + "." + b64;
  const records::Signature signature =
      other.sign(std::span(reinterpret_cast<const std::uint8_t*>(input.data()), input.size()));
  std::string sig;
  {
    static const std::string kAlphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    unsigned buffer = 0;
    int bits = 0;
    for (std::uint8_t c : signature) {
      buffer = (buffer << 8U) | c;
      bits += 8;
      while (bits >= 6) {
        bits -= 6;
        sig += kAlphabet[(buffer >> static_cast<unsigned>(bits)) & 0x3fU];
      }
    }
    if (bits > 0) {
      sig += kAlphabet[(buffer << static_cast<unsigned>(6 - bits)) & 0x3fU];
    }
  }
  (void)dot2;
  auto claimed = verifyOpenBadgeJwt(input + "." + sig, k20261129 + kDay);
  ASSERT_FALSE(claimed);
  EXPECT_EQ(claimed.error().message,
            "signed with key " + otherDid + ", not with the issuer's key " + did);
}

/**
 * Runs tests/certify/validate-ob3.js (Ajv, from package.json) with the 1EdTech schema on the
 * given files; returns exit code and output.
 */
std::pair<int, std::string> validateWithAjv(const std::string& schema,
                                            const std::vector<std::filesystem::path>& files,
                                            const std::filesystem::path& dir) {
  std::string command =
      "node '" SKILLSIM_SOURCE_DIR "/tests/certify/validate-ob3.js' '" + schema + "'";
  for (const auto& f : files) {
    command += " '" + f.string() + "'";
  }
  command += " > '" + (dir / "ajv.txt").string() + "' 2>&1";
  const int status = std::system(command.c_str());
  std::ifstream in(dir / "ajv.txt");
  std::stringstream output;
  output << in.rdbuf();
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output.str()};
}

TEST(SignedCredential, UnsignedAndSignedJsonPassTheOb3AchievementCredentialSchemaWithAjv) {
  const std::string schema = SKILLSIM_SOURCE_DIR "/../shared/conformance/"
                                                 "ob3_achievementcredential.json";
  if (!std::filesystem::exists(schema)) {
    SKILLSIM_MISSING_PREREQUISITE()
        << "the 1EdTech Open Badges 3.0 AchievementCredential schema is not at " << schema
        << " (a checkout beside shared/conformance)";
  }
  Scratch scratch;
  auto issuer = key(scratch.dir);
  auto rule = exportLicenceRule();
  std::vector<std::filesystem::path> files;
  int n = 0;
  for (const char* language : {"en", "zh-CN"}) {
    CertificateExportOptions options;
    options.language = language;
    auto decision = exportDecision(rule, "T001", 80.0, 75.0);
    auto unsignedJson = writeOpenBadgeCredential(rule, decision, options);
    auto signedJson = signOpenBadgeCredential(rule, decision, options, issuer);
    ASSERT_TRUE(unsignedJson && signedJson);
    for (const std::string* text : {&*unsignedJson, &signedJson->json}) {
      files.push_back(scratch.dir / ("credential" + std::to_string(n++) + ".json"));
      std::ofstream(files.back(), std::ios::binary) << *text;
    }
  }
  auto [code, output] = validateWithAjv(schema, files, scratch.dir);
  ASSERT_NE(code, 127) << "node is not installed (Debian package nodejs; scripts/setup.sh)";
  if (code == 2 && output.find("cannot load ajv") != std::string::npos) {
    SKILLSIM_MISSING_PREREQUISITE()
        << "Ajv is not installed (npm ci at the repository root): " << output;
  }
  EXPECT_EQ(code, 0) << output;
  EXPECT_NE(output.find("4 credentials valid"), std::string::npos) << output;

  // The validator does catch a credential the schema refuses: no credentialSubject.
  auto broken = nlohmann::json::parse(signedFor(issuer).json);
  broken.erase("credentialSubject");
  std::ofstream(scratch.dir / "broken.json", std::ios::binary) << broken.dump();
  std::tie(code, output) = validateWithAjv(schema, {scratch.dir / "broken.json"}, scratch.dir);
  EXPECT_EQ(code, 1) << output;
  EXPECT_NE(output.find("must have required property 'credentialSubject'"), std::string::npos)
      << output;
}

} // namespace
} // namespace skillsim::certify

namespace skillsim::certify {
namespace {

std::string base64Url(const std::string& text) {
  // base64url without padding, encoded here without libsodium.
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char c : text) {
    buffer = (buffer << 8U) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buffer >> static_cast<unsigned>(bits)) & 0x3fU];
    }
  }
  if (bits > 0) {
    out += kAlphabet[(buffer << static_cast<unsigned>(6 - bits)) & 0x3fU];
  }
  return out;
}

// Issue 20 point 8: JSON nesting is limited in what `badge verify` reads, too.
TEST(SignedCredential, AHeaderNestedDeeperThanTheLimitIsRefused) {
  const std::string jwt =
      base64Url(std::string(100'000, '[')) + "." + base64Url("{}") + "." + base64Url("sig");
  auto result = verifyOpenBadgeJwt(jwt, k20261129);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "the JWS header nests deeper than 64 levels");
}

} // namespace
} // namespace skillsim::certify
