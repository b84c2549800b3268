public import JSON

/// YAML 1.2 core-schema resolution of plain (unquoted) scalars (YAML 1.2.2 §10.3.2): `null`/`~`/empty
/// are null, `true`/`false` (three casings) booleans, decimal, `0o` octal and `0x` hex integers and
/// decimal floats are numbers; everything else is a string. Not YAML 1.1's rules, so `yes`, `on`,
/// `2019-06-07` and `010` mean what they look like (a string, a string, a string, ten).
public enum CoreSchema {
    /// What a plain scalar denotes: a JSON value, or why it has none (`.inf`, `.nan`, a huge hex literal).
    public enum Resolution: Sendable, Hashable {
        case value(JSONNode)
        case unrepresentable(String)
    }

    public static func resolve(plain text: String) -> Resolution {
        switch text {
        case "", "~", "null", "Null", "NULL": return .value(.null)
        case "true", "True", "TRUE": return .value(.bool(true))
        case "false", "False", "FALSE": return .value(.bool(false))
        default: break
        }
        let bytes = Array(text.utf8)
        if let literal = decimalInteger(bytes) { return .value(.number(literal)) }
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0"), bytes[1] == UInt8(ascii: "o") || bytes[1] == UInt8(ascii: "x") {
            let radix = bytes[1] == UInt8(ascii: "o") ? 8 : 16
            let digits = String(decoding: bytes.dropFirst(2), as: UTF8.self)
            if digits.utf8.allSatisfy({ isDigit($0, radix: radix) }) {
                guard let value = UInt64(digits, radix: radix) else {
                    return .unrepresentable("the integer \(text) is too large")
                }
                return .value(.number(String(value)))
            }
        }
        if let literal = decimalFloat(bytes) { return .value(.number(literal)) }
        let unsigned = text.hasPrefix("-") || text.hasPrefix("+") ? String(text.dropFirst()) : text
        if [".inf", ".Inf", ".INF"].contains(unsigned) || [".nan", ".NaN", ".NAN"].contains(text) {
            return .unrepresentable("\(text) has no JSON form; write a finite number")
        }
        return .value(.string(text))
    }

    /// `[-+]?[0-9]+` as a JSON literal: no `+`, no leading zeros.
    private static func decimalInteger(_ bytes: [UInt8]) -> String? {
        var digits = bytes[...]
        var negative = false
        if let sign = digits.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy({ isDigit($0, radix: 10) }) else { return nil }
        return (negative ? "-" : "") + trimmedZeros(digits)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` (at least a `.` or an exponent, else it was
    /// an integer) as a JSON literal: `0` before a bare `.`, a digit after a trailing one, no `+` sign.
    private static func decimalFloat(_ bytes: [UInt8]) -> String? {
        var rest = bytes[...]
        var result = ""
        if let sign = rest.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            if sign == UInt8(ascii: "-") { result = "-" }
            rest = rest.dropFirst()
        }
        let integer = rest.prefix { isDigit($0, radix: 10) }
        rest = rest.dropFirst(integer.count)
        var fraction: ArraySlice<UInt8>?
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            let digits = rest.prefix { isDigit($0, radix: 10) }
            rest = rest.dropFirst(digits.count)
            fraction = digits
        }
        guard !integer.isEmpty || !(fraction ?? []).isEmpty else { return nil }
        var exponent: String?
        if let marker = rest.first, marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E") {
            rest = rest.dropFirst()
            var sign = ""
            if let first = rest.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
                sign = first == UInt8(ascii: "-") ? "-" : "+"
                rest = rest.dropFirst()
            }
            let digits = rest.prefix { isDigit($0, radix: 10) }
            guard !digits.isEmpty else { return nil }
            rest = rest.dropFirst(digits.count)
            exponent = "e" + sign + String(decoding: digits, as: UTF8.self)
        }
        guard rest.isEmpty, fraction != nil || exponent != nil else { return nil }
        result += integer.isEmpty ? "0" : trimmedZeros(integer)
        if let fraction { result += "." + (fraction.isEmpty ? "0" : String(decoding: fraction, as: UTF8.self)) }
        return result + (exponent ?? "")
    }

    private static func trimmedZeros(_ digits: ArraySlice<UInt8>) -> String {
        let trimmed = digits.drop { $0 == UInt8(ascii: "0") }
        return trimmed.isEmpty ? "0" : String(decoding: trimmed, as: UTF8.self)
    }

    private static func isDigit(_ byte: UInt8, radix: Int) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "7"): true
        case UInt8(ascii: "8"), UInt8(ascii: "9"): radix >= 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"): radix == 16
        default: false
        }
    }
}
