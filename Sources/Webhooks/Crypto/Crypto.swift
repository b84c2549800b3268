import COpenSSL

/// The libcrypto primitives webhook verification needs (HMAC-SHA256, SHA-256, constant-time compare,
/// random bytes), wrapped so the rest of the module never handles a pointer.
enum Crypto {
    /// Bytes in a SHA-256 digest, and so in an HMAC-SHA256 signature.
    static let digestLength = 32

    /// HMAC-SHA256 of `message` under `key`; nil for an empty or oversized key or when libcrypto fails,
    /// so such a key matches nothing instead of crashing a delivery.
    static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8]? {
        guard !key.isEmpty, let keyLength = Int32(exactly: key.count) else { return nil }
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        // A one-byte stand-in keeps the data pointer non-null for an empty body.
        let data = message.isEmpty ? [0] : message
        let produced = key.withUnsafeBytes { keyBytes in
            data.withUnsafeBufferPointer { dataBytes in
                digest.withUnsafeMutableBufferPointer { out in
                    HMAC(EVP_sha256(), keyBytes.baseAddress, keyLength, dataBytes.baseAddress, message.count, out.baseAddress, &length)
                }
            }
        }
        guard produced != nil, Int(length) == digestLength else { return nil }
        return Array(digest.prefix(digestLength))
    }

    /// SHA-256 of `bytes`.
    static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: digestLength)
        let data = bytes.isEmpty ? [0] : bytes
        data.withUnsafeBufferPointer { input in
            digest.withUnsafeMutableBufferPointer { out in
                _ = SHA256(input.baseAddress, bytes.count, out.baseAddress)
            }
        }
        return digest
    }

    /// Whether `lhs` and `rhs` hold the same bytes, in time that depends only on their length (which is
    /// public: a digest's), never on where they first differ.
    static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count, !lhs.isEmpty else { return lhs.isEmpty && rhs.isEmpty }
        return lhs.withUnsafeBytes { left in
            rhs.withUnsafeBytes { right in CRYPTO_memcmp(left.baseAddress, right.baseAddress, left.count) == 0 }
        }
    }

    /// Whether any of `received` equals any of `expected`. Every pair is compared, with no early exit,
    /// so the time taken does not tell which secret matched or whether an earlier one nearly did.
    static func anyEqual(_ received: [[UInt8]], _ expected: [[UInt8]]) -> Bool {
        var matched = false
        for candidate in received {
            for reference in expected {
                let equal = constantTimeEquals(candidate, reference)
                matched = equal || matched
            }
        }
        return matched
    }

    /// `count` bytes from libcrypto's CSPRNG; should `RAND_bytes` ever fail (an unseeded DRBG), the
    /// system's CSPRNG (`getrandom`) fills in, so generating a secret never crashes the server.
    static func randomBytes(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let status = bytes.withUnsafeMutableBufferPointer { out in RAND_bytes(out.baseAddress, Int32(out.count)) }
        if status != 1 {
            var generator = SystemRandomNumberGenerator()
            for index in bytes.indices { bytes[index] = generator.next() }
        }
        return bytes
    }
}
