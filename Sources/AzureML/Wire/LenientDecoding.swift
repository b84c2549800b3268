/// Decoding helpers for fields the service writes in more than one form.
///
/// The SDK accepts `"TotalRunSteps":"2"` as well as `2`, `true` as well as `"True"`, and string maps
/// whose values are numbers (public REST examples send `{"batch_size": 50}`). These helpers accept
/// the same, and treat a missing key or `null` as absent. A value of a clearly wrong kind (`"x"` for
/// an integer) still fails, as it does in the SDK: that is a real incompatibility worth reporting.
extension KeyedDecodingContainer {
    func lenientInt(_ key: Key) throws -> Int? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let value = try? decode(Int.self, forKey: key) { return value }
        if let number = try? decode(Double.self, forKey: key), let value = Int(exactly: number) { return value }
        let text = try decode(String.self, forKey: key)
        guard let value = Int(text.trimmingWhitespace()) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "'\(text)' is not an integer")
        }
        return value
    }

    func lenientDouble(_ key: Key) throws -> Double? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let value = try? decode(Double.self, forKey: key) { return value }
        let text = try decode(String.self, forKey: key)
        guard let value = Double(text.trimmingWhitespace()) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "'\(text)' is not a number")
        }
        return value
    }

    func lenientBool(_ key: Key) throws -> Bool? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let value = try? decode(Bool.self, forKey: key) { return value }
        let text = try decode(String.self, forKey: key)
        switch text.trimmingWhitespace().lowercased() {
        case "true": return true
        case "false": return false
        default:
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "'\(text)' is not a boolean")
        }
    }

    /// A list of integers whose items may arrive as digit strings (an SDK read-modify-write echoes
    /// `"Hours":["2"]` when the server sent ints as strings); a non-numeric item fails.
    func lenientIntList(_ key: Key) throws -> [Int]? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        let raw = try decode([JSONValue].self, forKey: key)
        return try raw.map { item in
            guard let text = item.scalarText, let value = Int(text.trimmingWhitespace()) ?? Double(text).flatMap({ Int(exactly: $0) }) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "expected a list of integers")
            }
            return value
        }
    }

    /// A string that may arrive as a JSON number or boolean (a version number written `1`); nested
    /// arrays or objects are a real incompatibility and fail.
    func lenientText(_ key: Key) throws -> String? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        let raw = try decode(JSONValue.self, forKey: key)
        guard let text = raw.scalarText else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "expected a string")
        }
        return text
    }

    /// A `{string: string}` map whose scalar values may arrive as numbers or booleans; `null` members
    /// are dropped, and nested arrays or objects (never sent for these maps) are dropped too.
    func lenientStringMap(_ key: Key) throws -> [String: String]? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        let raw = try decode([String: JSONValue].self, forKey: key)
        return raw.compactMapValues(\.scalarText)
    }

    /// Like `decodeIfPresent`, with the intent spelled out at call sites that mix it with the helpers above.
    func optional<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
        try decodeIfPresent(type, forKey: key)
    }
}
