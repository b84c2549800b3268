import Foundation
import Observability

/// A JSON value the emulator reads and writes itself.
///
/// The emulator deliberately shares no Codable models with the client: it builds every wire shape
/// from these values, key by key, so a casing or typing mistake in the client fails a test instead
/// of being mirrored. Objects keep their key order, so answers read like Azure's (`Id` first).
enum JSONValue: Sendable, Equatable, Decodable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            // Decoded through a dictionary, so input key order is lost; nothing reads input by order.
            let members = try container.decode([String: JSONValue].self)
            self = .object(JSONObject(members.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
        }
    }

    /// Parses a request body; nil when the bytes are not JSON (top-level scalars are accepted,
    /// because the pipeline status PUT sends a bare string).
    static func parse(_ bytes: [UInt8]) -> JSONValue? {
        guard !bytes.isEmpty else { return nil }
        return try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    }

    /// The UTF-8 JSON text.
    var serialized: [UInt8] {
        var out: [UInt8] = []
        write(to: &out)
        return out
    }

    var text: String { String(decoding: serialized, as: UTF8.self) }

    func write(to out: inout [UInt8]) {
        switch self {
        case .null:
            out.append(contentsOf: "null".utf8)
        case .bool(let value):
            out.append(contentsOf: (value ? "true" : "false").utf8)
        case .int(let value):
            out.append(contentsOf: String(value).utf8)
        case .double(let value):
            // Only finite numbers reach here (the parser cannot produce others); guard anyway,
            // because NaN would make the whole body invalid JSON.
            out.append(contentsOf: (value.isFinite ? value.description : "null").utf8)
        case .string(let value):
            out.append(contentsOf: JSONText.quote(value).utf8)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            object.write(to: &out)
        }
    }

    var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    var isNull: Bool { self == .null }

    /// A scalar as text the way the .NET service binds it into a `string` field: numbers as
    /// written, booleans as `True`/`False` (what Python's `str()` also sends). Nil for null,
    /// arrays and objects, which have no string form.
    var scalarText: String? {
        switch self {
        case .string(let value): value
        case .int(let value): String(value)
        case .double(let value): value.isFinite ? value.description : nil
        case .bool(let value): value ? "True" : "False"
        case .null, .array, .object: nil
        }
    }

    /// An integer the way .NET binds one into an `int` field from what the SDK sends: `5`, `"5"`
    /// or `5.0` (Python floats); nil for anything else, fractions included.
    var boundInteger: Int? {
        switch self {
        case .int(let value): value
        case .double(let value): value.rounded() == value && abs(value) < 1e15 ? Int(value) : nil
        case .string(let text): Int(text.trimmingCharacters(in: .whitespaces))
        case .null, .bool, .array, .object: nil
        }
    }

    /// A JSON string or null from an optional.
    static func string(_ value: String?) -> JSONValue {
        value.map(JSONValue.string) ?? .null
    }
}
