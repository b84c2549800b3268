/// The experiment name rule: ASCII `^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$` (the SDK's rule,
/// `^[a-zA-Z0-9][\w\-]{0,254}$`, restricted to ASCII as the reference recommends).
enum ExperimentName {
    static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, bytes.count <= 255, isAlphanumeric(first) else { return false }
        return bytes.dropFirst().allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    static let rule =
        "Experiment name must be between 1 and 255 characters long. Its first character has to be alphanumeric, "
        + "and the rest may contain hyphens and underscores. No whitespace is allowed."
}
