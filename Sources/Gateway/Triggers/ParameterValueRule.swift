import AzureML

/// Whether a submitted value (already the string the SDK would send) fits a declared parameter:
/// its `Type`, its `MinMaxRules` (inclusive) and its `EnumRules`, as DESIGN's interface rules say.
enum ParameterValueRule {
    /// Why `value` does not fit `parameter`, or nil when it does.
    static func problem(with value: String, for parameter: PipelineParameter) -> String? {
        // Messages are built only for values that fail: this runs for every assignment of every trigger.
        var name: String { TriggerProblem.quoted(parameter.name) }
        var shown: String { TriggerProblem.quoted(value) }
        var number: Double?
        switch parameter.type {
        case .int:
            guard isIntegerLiteral(value) else { return "Parameter \(name) is an Int; \(shown) is not an integer." }
            guard let integer = Int64(value) else { return "Parameter \(name) is an Int; \(shown) is outside the 64-bit integer range." }
            number = Double(integer)
        case .double:
            guard isDecimalLiteral(value), let double = Double(value), double.isFinite else {
                return "Parameter \(name) is a Double; \(shown) is not a finite number."
            }
            number = double
        case .bool:
            guard ASCIICase.equalIgnoringCase(value, Self.trueBytes) || ASCIICase.equalIgnoringCase(value, Self.falseBytes) else {
                return "Parameter \(name) is a Bool; \(shown) is not true or false (any letter case, e.g. True as the SDK sends)."
            }
        case .string, .undefined:
            break
        }
        if let number {
            if let min = parameter.min, number < min { return "Parameter \(name) must be at least \(text(min)); got \(shown)." }
            if let max = parameter.max, number > max { return "Parameter \(name) must be at most \(text(max)); got \(shown)." }
        }
        if let allowed = parameter.allowedValues, !allowed.contains(value) {
            return "Parameter \(name) must be one of \(allowed.map(TriggerProblem.quoted).joined(separator: ", ")); got \(shown)."
        }
        return nil
    }

    /// `[+-]?[0-9]+`: what Python's `int()` reads without whitespace or underscores (and Swift's
    /// `Int64(_:)` parses, as the emulator does).
    static func isIntegerLiteral(_ text: String) -> Bool {
        var digits = Substring(text).utf8
        if let sign = digits.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { digits = digits.dropFirst() }
        return !digits.isEmpty && digits.allSatisfy(isDigit)
    }

    /// `[+-]?(digits[.digits?] | .digits)([eE][+-]?digits)?`: decimal numbers as Python's `float()`
    /// reads them, without `inf`/`nan`, hex floats, whitespace or underscores.
    static func isDecimalLiteral(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(isDecimalLiteral) ?? isDecimalLiteral(Array(text.utf8))
    }

    private static func isDecimalLiteral(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer(isDecimalLiteral)
    }

    private static func isDecimalLiteral(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        var digitCount = index - integerStart
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            digitCount += index - fractionStart
        }
        guard digitCount > 0 else { return false }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            let exponentStart = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > exponentStart else { return false }
        }
        return index == bytes.count
    }

    private static let trueBytes: [UInt8] = Array("true".utf8)
    private static let falseBytes: [UInt8] = Array("false".utf8)

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// A bound as people write it: `10`, not `10.0`.
    private static func text(_ bound: Double) -> String {
        if bound == bound.rounded(), abs(bound) < 1e15 { return String(Int64(bound)) }
        return String(bound)
    }
}
