import Foundation
import Synchronization

/// Keeps every line in memory so tests can assert on what was logged.
///
/// Not meant for production: it never discards anything.
public final class InMemoryLogSink: LogSink {
    private let storage = Mutex<[String]>([])

    public init() {}

    /// Every line written so far, oldest first.
    public var lines: [String] {
        storage.withLock { $0 }
    }

    public func write(_ line: String) {
        storage.withLock { $0.append(line) }
    }

    /// Nothing to do: lines are visible as soon as `write(_:)` returns.
    public func flush() {}

    /// Every line parsed back from JSON, one dictionary per line (index-aligned with `lines`), with each
    /// field rendered as text: strings as they are, numbers and booleans as `LogValue.description`
    /// renders them (`"42"`, `"1.5"`, `"true"`). Typed dictionaries keep `Any` out of test code.
    /// A line that is not a JSON object yields an empty dictionary.
    public func entries() -> [[String: String]] {
        lines.map(Self.parse)
    }

    public func removeAll() {
        storage.withLock { $0.removeAll() }
    }

    private static func parse(_ line: String) -> [String: String] {
        guard
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)),
            let dictionary = object as? [String: Any]
        else { return [:] }
        return dictionary.mapValues(render)
    }

    private static func render(_ value: Any) -> String {
        if let text = value as? String { return text }
        if value is NSNull { return "null" }
        guard let number = value as? NSNumber else { return String(describing: value) }
        // JSONSerialization returns booleans as char-typed and decimals as double-typed NSNumbers;
        // `as? Bool` would also accept 0 and 1, so the encoding type is what tells them apart.
        switch String(cString: number.objCType) {
        case "c": return number.boolValue ? "true" : "false"
        case "d", "f": return LogValue.double(number.doubleValue).description
        default: return String(number.int64Value)
        }
    }
}
