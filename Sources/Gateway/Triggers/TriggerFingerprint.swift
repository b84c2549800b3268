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
        writer.writeKey(TriggerField.experimentName.wireName)
        writer.writeString(experimentName)
        if let description {
            writer.writeKey(TriggerField.description.wireName)
            writer.writeString(description)
        }
        writer.writeKey(TriggerField.runSource.wireName)
        writer.writeString(runSource)
        if let runType {
            writer.writeKey(TriggerField.runType.wireName)
            writer.writeString(runType)
        }
        writer.writeKey(TriggerField.parameterAssignments.wireName)
        Self.write(Self.sorted(parameterAssignments), to: &writer)
        writer.writeKey(TriggerField.dataPathAssignments.wireName)
        Self.write(dataPathAssignments.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }, to: &writer)
        if let dataSetDefinitionValueAssignments {
            writer.writeKey(TriggerField.dataSetDefinitionValueAssignments.wireName)
            writer.write(dataSetDefinitionValueAssignments, sortingKeys: true)
        }
        if let continueRunOnStepFailure {
            writer.writeKey(TriggerField.continueRunOnStepFailure.wireName)
            writer.writeBool(continueRunOnStepFailure)
        }
        if let enableNotification {
            writer.writeKey(TriggerField.enableNotification.wireName)
            writer.writeBool(enableNotification)
        }
        writer.writeKey(TriggerField.tags.wireName)
        Self.write(Self.sorted(tags.filter { !$0.name.utf8Equals(Self.runIDTag) }), to: &writer)
        if let properties {
            writer.writeKey(TriggerField.properties.wireName)
            Self.write(Self.sorted(properties), to: &writer)
        }
        writer.endObject()
        return TriggerFingerprint(canonicalBytes: writer.bytes)
    }

    private static func sorted(_ entries: [Entry]) -> [Entry] {
        entries.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }
}
