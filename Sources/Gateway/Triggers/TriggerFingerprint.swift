import JSON

/// What an `Idempotency-Key` repeat is compared by: the same logical body gives the same
/// fingerprint whatever its key casing, member order, whitespace or value spelling (`5` or `"5"`,
/// an absent `RunSource` or `"SDK"`), and any difference in what Azure would get gives another.
///
/// It is a canonical serialization, compared byte for byte, plus its FNV-1a 64-bit digest for
/// compact storage and indexing (without CCrypto there is no SHA-256; the bytes settle equality, so
/// a digest collision cannot make two different bodies "the same").
struct TriggerFingerprint: Sendable, Hashable, CustomStringConvertible {
    /// Canonical form: a version prefix, then JSON with the fields in the SDK's order, every map
    /// sorted by key bytes, dataset assignments with sorted keys, and no `gateway_run_id` tag.
    let canonicalBytes: [UInt8]
    /// FNV-1a 64 of `canonicalBytes`.
    let digest: UInt64

    init(canonicalBytes: [UInt8]) {
        self.canonicalBytes = canonicalBytes
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in canonicalBytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        digest = hash
    }

    /// The digest as 16 lower-case hex digits.
    var description: String {
        let hex = String(digest, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

extension TriggerBody {
    /// The fingerprint of what this body asks Azure to do (see `TriggerFingerprint`).
    var fingerprint: TriggerFingerprint {
        var writer = JSONWriter(reservingCapacity: 512)
        writer.beginObject()
        writer.writeKey("trigger-fingerprint")
        writer.writeNumber(literal: "1")
        writeFields(to: &writer, canonical: true, tags: tags.filter { !$0.name.utf8Equals(Self.runIDTag) })
        writer.endObject()
        return TriggerFingerprint(canonicalBytes: writer.bytes)
    }
}
