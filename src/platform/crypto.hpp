// Secrets and hashes, all through libsodium: argon2id password hashes, random tokens, and keyed-free BLAKE2b digests
// used to store session and API tokens so a copy of the database does not hand out live credentials.
#pragma once

#include <string>
#include <string_view>

namespace sinergi::crypto {

// Must be called once before any other function here (idempotent).
void Initialise();

// argon2id hash in the self-describing "$argon2id$..." form.
std::string HashPassword(std::string_view password);
// True when `password` matches `hash`; false for a wrong password or a malformed hash.
bool VerifyPassword(std::string_view password, const std::string& hash);

// `bytes` random bytes as unpadded base64url text.
std::string RandomToken(std::size_t bytes = 32);
// BLAKE2b-256 of `data` as lowercase hex.
std::string HashHex(std::string_view data);
// Comparison whose time does not depend on where the inputs differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);
// Unpadded base64url encoding and decoding of arbitrary bytes (decoding returns false on bad input).
std::string Base64UrlEncode(std::string_view bytes);
bool Base64UrlDecode(std::string_view text, std::string& out);

}  // namespace sinergi::crypto
