#include "skillsim/certify/SignedCredential.h"

#include "CredentialJson.h"
#include "skillsim/certify/BadgeCredential.h"

#include <skillsim/core/JsonDepth.h>

#include <nlohmann/json.hpp>

#include <sodium.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <vector>

namespace skillsim::certify {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kBase58Alphabet =
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
/** Multicodec ed25519-pub (0xed), as an unsigned varint: 0xed 0x01. */
constexpr std::array<std::uint8_t, 2> kEd25519PubPrefix = {0xed, 0x01};
constexpr std::string_view kDidKeyPrefix = "did:key:z";

void ensureSodium() {
  if (sodium_init() < 0) {
    throw std::runtime_error("libsodium cannot be initialised");
  }
}

/** Base58 (Bitcoin alphabet): big-number conversion, each leading zero byte as '1'. */
std::string base58Encode(std::span<const std::uint8_t> bytes) {
  std::vector<std::uint8_t> digits; // base 58, least significant first
  for (std::uint8_t byte : bytes) {
    unsigned carry = byte;
    for (std::uint8_t& d : digits) {
      carry += static_cast<unsigned>(d) << 8U;
      d = static_cast<std::uint8_t>(carry % 58);
      carry /= 58;
    }
    while (carry > 0) {
      digits.push_back(static_cast<std::uint8_t>(carry % 58));
      carry /= 58;
    }
  }
  std::string out;
  for (std::size_t i = 0; i < bytes.size() && bytes[i] == 0; ++i) {
    out += '1';
  }
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    out += kBase58Alphabet[*it];
  }
  return out;
}

std::optional<std::vector<std::uint8_t>> base58Decode(std::string_view text) {
  std::vector<std::uint8_t> bytes; // base 256, least significant first
  for (char c : text) {
    const std::size_t value = kBase58Alphabet.find(c);
    if (value == std::string_view::npos) {
      return std::nullopt;
    }
    unsigned carry = static_cast<unsigned>(value);
    for (std::uint8_t& b : bytes) {
      carry += static_cast<unsigned>(b) * 58U;
      b = static_cast<std::uint8_t>(carry & 0xffU);
      carry >>= 8U;
    }
    while (carry > 0) {
      bytes.push_back(static_cast<std::uint8_t>(carry & 0xffU));
      carry >>= 8U;
    }
  }
  for (std::size_t i = 0; i < text.size() && text[i] == '1'; ++i) {
    bytes.push_back(0);
  }
  std::reverse(bytes.begin(), bytes.end());
  return bytes;
}

std::string base64Url(std::span<const std::uint8_t> bytes) {
  const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), variant);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

std::string base64Url(std::string_view text) {
  return base64Url(
      std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size())); // NOLINT
}

std::optional<std::string> fromBase64Url(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), // NOLINT
                        text.data(), text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

/** `YYYY-MM-DDTHH:MM:SSZ` (RFC 3339, UTC) as s since 1970. */
std::optional<std::int64_t> unixSeconds(std::string_view text) {
  int y = 0;
  unsigned mo = 0;
  unsigned d = 0;
  unsigned h = 0;
  unsigned mi = 0;
  unsigned s = 0;
  char tail = 0;
  std::string copy(text);
  if (text.size() != 20 ||
      std::sscanf(copy.c_str(), "%4d-%2u-%2uT%2u:%2u:%2u%c", &y, &mo, &d, &h, &mi, &s, &tail) !=
          7 ||
      tail != 'Z' || h > 23 || mi > 59 || s > 59) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{mo},
                                        std::chrono::day{d}};
  if (!ymd.ok()) {
    return std::nullopt;
  }
  const auto days = std::chrono::sys_days{ymd}.time_since_epoch().count();
  return static_cast<std::int64_t>(days) * 86400 + h * 3600 + mi * 60 + s;
}

core::Error invalid(std::string message) {
  return core::makeError(core::ErrorCode::InvalidInput, std::move(message));
}

core::Error integrity(std::string message) {
  return core::makeError(core::ErrorCode::Integrity, std::move(message));
}

/** The first Open Badges 3.0 shape problem of `c`, or empty. */
std::string shapeProblem(const Json& c) {
  auto hasString = [](const Json& j, const char* key) {
    return j.is_object() && j.contains(key) && j[key].is_string();
  };
  auto hasType = [](const Json& j, std::string_view type) {
    if (!j.is_object() || !j.contains("type")) {
      return false;
    }
    const Json& t = j["type"];
    if (t.is_string()) {
      return t.get<std::string>() == type;
    }
    return t.is_array() && std::any_of(t.begin(), t.end(), [&](const Json& e) {
             return e.is_string() && e.get<std::string>() == type;
           });
  };
  if (!c.is_object()) {
    return "the payload is not a JSON object";
  }
  const Json* context = c.contains("@context") ? &c["@context"] : nullptr;
  if (context == nullptr || !context->is_array() || context->size() < 2 ||
      (*context)[0] != kVerifiableCredentialsContext || !(*context)[1].is_string() ||
      !(*context)[1].get<std::string>().starts_with(
          "https://purl.imsglobal.org/spec/ob/v3p0/context")) {
    return "@context must list the VC 2.0 context, then the Open Badges 3.0 context";
  }
  if (!hasString(c, "id")) {
    return "id is missing";
  }
  if (!hasType(c, "VerifiableCredential") ||
      !(hasType(c, "OpenBadgeCredential") || hasType(c, "AchievementCredential"))) {
    return "type must include VerifiableCredential and OpenBadgeCredential";
  }
  if (!c.contains("issuer") || !hasString(c["issuer"], "id") || !hasType(c["issuer"], "Profile")) {
    return "issuer must be a Profile with an id";
  }
  if (!hasString(c, "validFrom")) {
    return "validFrom is missing";
  }
  if (!c.contains("credentialSubject") || !c["credentialSubject"].is_object() ||
      !c["credentialSubject"].contains("achievement")) {
    return "credentialSubject must be an AchievementSubject with an achievement";
  }
  const Json& achievement = c["credentialSubject"]["achievement"];
  if (!hasString(achievement, "id") || !hasType(achievement, "Achievement") ||
      !hasString(achievement, "name") || !achievement.contains("criteria")) {
    return "credentialSubject.achievement must be an Achievement with id, name and criteria";
  }
  return {};
}

std::string dayOf(const std::string& dateTime) { return dateTime.substr(0, 10); }

/** 'text' (appended piecewise: GCC 12's -Wrestrict misfires on "'" + std::string). */
std::string quoted(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '\'';
  out.append(text);
  out += '\'';
  return out;
}

} // namespace

std::string didKeyOf(const records::PublicKey& key) {
  std::vector<std::uint8_t> bytes(kEd25519PubPrefix.begin(), kEd25519PubPrefix.end());
  bytes.insert(bytes.end(), key.begin(), key.end());
  return std::string(kDidKeyPrefix) + base58Encode(bytes);
}

core::Expected<records::PublicKey> publicKeyOfDidKey(std::string_view did) {
  const std::string_view full = did;
  if (auto hash = did.find('#'); hash != std::string_view::npos) {
    did = did.substr(0, hash);
  }
  if (!did.starts_with(kDidKeyPrefix)) {
    return invalid(quoted(full) + " is not a did:key with a base58btc key (expected did:key:z…)");
  }
  auto bytes = base58Decode(did.substr(kDidKeyPrefix.size()));
  if (!bytes) {
    return invalid(quoted(full) + ": the key is not base58btc");
  }
  records::PublicKey key{};
  if (bytes->size() != kEd25519PubPrefix.size() + key.size() ||
      !std::equal(kEd25519PubPrefix.begin(), kEd25519PubPrefix.end(), bytes->begin())) {
    return invalid(quoted(full) +
                   " is not an Ed25519 key (expected multicodec ed25519-pub 0xed01 and 32 bytes)");
  }
  std::copy(bytes->begin() + 2, bytes->end(), key.begin());
  return key;
}

core::Expected<SignedCredential> signOpenBadgeCredential(const CertificateRule& rule,
                                                         const CertificateDecision& decision,
                                                         const CertificateExportOptions& options,
                                                         const records::WorkstationKey& issuerKey) {
  ensureSodium();
  const std::string did = didKeyOf(issuerKey.publicKey());
  CertificateExportOptions signedOptions = options;
  signedOptions.issuerId = did;
  auto credential = detail::credentialJson(rule, decision, signedOptions, true);
  if (!credential) {
    return credential.error();
  }
  Json payload = *credential;
  payload["iss"] = did;
  payload["jti"] = (*credential)["id"];
  payload["sub"] = decision.traineeId;
  payload["nbf"] = *unixSeconds((*credential)["validFrom"].get<std::string>());
  if (credential->contains("validUntil")) {
    payload["exp"] = *unixSeconds((*credential)["validUntil"].get<std::string>());
  }
  Json header;
  header["alg"] = "EdDSA";
  header["kid"] = did + "#" + did.substr(std::string_view("did:key:").size());
  header["typ"] = kCredentialJwtType;
  header["cty"] = "vc";
  const std::string signingInput = base64Url(header.dump()) + "." + base64Url(payload.dump());
  const records::Signature signature = issuerKey.sign(std::span(
      reinterpret_cast<const std::uint8_t*>(signingInput.data()), signingInput.size())); // NOLINT
  return SignedCredential{credential->dump(2) + "\n",
                          signingInput + "." + base64Url(std::span(signature))};
}

core::Expected<VerifiedCredential> verifyOpenBadgeJwt(std::string_view jwt,
                                                      std::int64_t nowUnixSeconds,
                                                      std::string_view trustedIssuer) {
  ensureSodium();
  while (!jwt.empty() && (jwt.back() == '\n' || jwt.back() == '\r' || jwt.back() == ' ')) {
    jwt.remove_suffix(1);
  }
  const std::size_t firstDot = jwt.find('.');
  const std::size_t secondDot =
      firstDot == std::string_view::npos ? firstDot : jwt.find('.', firstDot + 1);
  if (secondDot == std::string_view::npos || jwt.find('.', secondDot + 1) != jwt.npos) {
    return invalid("not a signed credential: expected a compact JWS, three base64url parts "
                   "separated by '.'");
  }
  const std::string_view headerPart = jwt.substr(0, firstDot);
  const std::string_view payloadPart = jwt.substr(firstDot + 1, secondDot - firstDot - 1);
  const std::string_view signaturePart = jwt.substr(secondDot + 1);
  auto headerText = fromBase64Url(headerPart);
  if (headerText && core::jsonTooDeepAt(*headerText)) {
    return invalid("the JWS header nests deeper than " + std::to_string(core::kMaxJsonDepth) +
                   " levels");
  }
  Json header = headerText ? Json::parse(*headerText, nullptr, false) : Json();
  if (!header.is_object()) {
    return invalid("the JWS header is not base64url-encoded JSON");
  }
  if (!header.contains("alg") || header["alg"] != "EdDSA") {
    return invalid("the JWS header's alg is " +
                   (header.contains("alg") ? header["alg"].dump() : std::string("missing")) +
                   "; expected \"EdDSA\" (Ed25519)");
  }
  if (!header.contains("kid") || !header["kid"].is_string()) {
    return invalid("the JWS header has no kid naming the issuer's did:key");
  }
  const std::string kid = header["kid"].get<std::string>();
  auto key = publicKeyOfDidKey(kid);
  if (!key) {
    return invalid("the JWS header's kid " + key.error().message);
  }
  auto signatureBytes = fromBase64Url(signaturePart);
  auto payloadText = fromBase64Url(payloadPart);
  records::Signature signature{};
  const std::string signingInput(jwt.substr(0, secondDot));
  if (!signatureBytes || signatureBytes->size() != signature.size() || !payloadText ||
      !records::WorkstationKey::verify(
          *key,
          std::span(reinterpret_cast<const std::uint8_t*>(signingInput.data()), // NOLINT
                    signingInput.size()),
          [&] {
            std::copy(signatureBytes->begin(), signatureBytes->end(), signature.begin());
            return signature;
          }())) {
    return integrity("the signature does not match the credential: it was changed after it was "
                     "signed, or the signature is damaged");
  }
  const std::string signer = kid.substr(0, kid.find('#'));

  if (core::jsonTooDeepAt(*payloadText)) {
    return invalid("not an Open Badges 3.0 credential: its JSON nests deeper than " +
                   std::to_string(core::kMaxJsonDepth) + " levels");
  }
  Json payload = Json::parse(*payloadText, nullptr, false);
  if (const std::string problem = shapeProblem(payload); !problem.empty()) {
    return invalid("not an Open Badges 3.0 credential: " + problem);
  }
  const std::string issuer = payload["issuer"]["id"].get<std::string>();
  if (issuer != signer || !payload.contains("iss") || payload["iss"] != signer) {
    return integrity("signed with key " + signer + ", not with the issuer's key " + issuer);
  }
  if (!trustedIssuer.empty() && issuer != trustedIssuer) {
    return integrity("issued by " + issuer + ", not by the trusted issuer " +
                     std::string(trustedIssuer) + " (signed with another key)");
  }

  VerifiedCredential out;
  out.issuer = issuer;
  out.issuerName = payload["issuer"].value("name", "");
  out.credentialId = payload["id"].get<std::string>();
  out.name = payload.value("name", "");
  const Json& subject = payload["credentialSubject"];
  if (subject.contains("identifier") && subject["identifier"].is_array() &&
      !subject["identifier"].empty()) {
    out.traineeId = subject["identifier"][0].value("identityHash", "");
  }
  out.validFrom = payload["validFrom"].get<std::string>();
  auto from = unixSeconds(out.validFrom);
  if (!from) {
    return invalid("validFrom '" + out.validFrom + "' is not a UTC date-time YYYY-MM-DDTHH:MM:SSZ");
  }
  if (!payload.contains("nbf") || !payload["nbf"].is_number_integer() ||
      payload["nbf"].get<std::int64_t>() != *from) {
    return invalid("the JWT's nbf does not equal validFrom " + out.validFrom);
  }
  std::optional<std::int64_t> until;
  if (payload.contains("validUntil")) {
    out.validUntil = payload["validUntil"].is_string() ? payload["validUntil"].get<std::string>()
                                                       : std::string();
    until = unixSeconds(*out.validUntil);
    if (!until) {
      return invalid("validUntil '" + *out.validUntil +
                     "' is not a UTC date-time YYYY-MM-DDTHH:MM:SSZ");
    }
  }
  const bool hasExp = payload.contains("exp");
  if (hasExp != until.has_value() || (hasExp && (!payload["exp"].is_number_integer() ||
                                                 payload["exp"].get<std::int64_t>() != *until))) {
    return invalid("the JWT's exp does not equal validUntil " + out.validUntil.value_or("(none)"));
  }
  if (nowUnixSeconds < *from) {
    return invalid("not valid yet: valid from " + dayOf(out.validFrom));
  }
  if (until && nowUnixSeconds >= *until) {
    return invalid("expired on " + dayOf(*out.validUntil) + " (validUntil " + *out.validUntil +
                   ")");
  }
  return out;
}

} // namespace skillsim::certify
