/// A logger's bound fields, encoded once when the logger is configured rather than on every line.
///
/// Request-scoped loggers (`logger.with(["request_id": ...])`) write the same fields many times, so
/// keeping their JSON ready turns the common case into one bulk byte copy per line.
struct BoundFields: Sendable {
    private(set) var values: [String: LogValue]
    /// Keys in sorted order, parallel to `encoded`.
    private var keys: [String]
    /// Each field as `,"key":value`, parallel to `keys`.
    private var encoded: [[UInt8]]
    /// All of `encoded` concatenated: what a line gets when the call overrides none of the keys.
    private var joined: [UInt8]

    init(_ values: [String: LogValue]) {
        self.values = values
        let sorted = values.sorted { $0.key < $1.key }
        keys = sorted.map(\.key)
        encoded = sorted.map { field in
            var bytes: [UInt8] = []
            JSONLineEncoder.appendField(field.key, field.value, to: &bytes)
            return bytes
        }
        joined = Array(encoded.joined())
    }

    /// The bound fields plus `overrides`, where `overrides` wins on a shared key.
    func merging(_ overrides: [String: LogValue]) -> BoundFields {
        BoundFields(values.merging(overrides) { _, new in new })
    }

    /// Appends every bound field whose key the call does not set itself, so each key appears once.
    func append(to encoder: inout JSONLineEncoder, isOverridden: (String) -> Bool) {
        if keys.isEmpty { return }
        guard keys.contains(where: isOverridden) else {
            encoder.appendEncoded(joined)
            return
        }
        for index in keys.indices where !isOverridden(keys[index]) {
            encoder.appendEncoded(encoded[index])
        }
    }
}
