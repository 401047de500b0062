import CSodium
import Foundation

/// The few libsodium calls we need: a CSPRNG, SHA-256 and Argon2id password hashing.
enum Sodium {
    private static let ready: Bool = sodium_init() >= 0

    static func randomBytes(_ count: Int) -> [UInt8] {
        precondition(ready, "libsodium failed to initialise")
        var bytes = [UInt8](repeating: 0, count: count)
        randombytes_buf(&bytes, count)
        return bytes
    }

    static func sha256(_ data: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(crypto_hash_sha256_BYTES))
        _ = crypto_hash_sha256(&out, data, UInt64(data.count))
        return out
    }

    /// HMAC-SHA-256 of `message` under a 32-byte `key`.
    static func hmacSHA256(_ message: [UInt8], key: [UInt8]) -> [UInt8] {
        precondition(key.count == Int(crypto_auth_hmacsha256_KEYBYTES), "an HMAC key is 32 bytes")
        var out = [UInt8](repeating: 0, count: Int(crypto_auth_hmacsha256_BYTES))
        _ = crypto_auth_hmacsha256(&out, message, UInt64(message.count), key)
        return out
    }

    /// Whether `mac` is the HMAC-SHA-256 of `message` under `key`, compared in constant time.
    static func verifyHMACSHA256(_ mac: [UInt8], _ message: [UInt8], key: [UInt8]) -> Bool {
        guard mac.count == Int(crypto_auth_hmacsha256_BYTES), key.count == Int(crypto_auth_hmacsha256_KEYBYTES) else {
            return false
        }
        return crypto_auth_hmacsha256_verify(mac, message, UInt64(message.count), key) == 0
    }

    /// Argon2id with libsodium's interactive limits, in its self-describing `$argon2id$…` string form.
    static func hashPassword(_ password: String) -> String? {
        precondition(ready, "libsodium failed to initialise")
        var out = [CChar](repeating: 0, count: Int(crypto_pwhash_STRBYTES))
        let bytes = Array(password.utf8)
        let rc = bytes.withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                crypto_pwhash_str(&out, $0, UInt64(bytes.count),
                                  UInt64(crypto_pwhash_OPSLIMIT_INTERACTIVE), Int(crypto_pwhash_MEMLIMIT_INTERACTIVE))
            }
        }
        return rc == 0 ? String(cString: out) : nil
    }

    static func verifyPassword(_ password: String, hash: String) -> Bool {
        let bytes = Array(password.utf8)
        return hash.withCString { h in
            bytes.withUnsafeBufferPointer { p in
                p.baseAddress.map { base in
                    base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                        crypto_pwhash_str_verify(h, $0, UInt64(bytes.count)) == 0
                    }
                } ?? (crypto_pwhash_str_verify(h, "", 0) == 0)
            }
        }
    }
}
