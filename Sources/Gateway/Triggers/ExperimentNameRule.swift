/// Azure's experiment-name rule in its ASCII form (reference §6): `^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$`.
/// The SDK checks it before submitting; the gateway checks it so a bad name is a 400 naming the
/// field rather than Azure's refusal after the run was recorded.
enum ExperimentNameRule {
    /// Why `name` is not a valid experiment name, or nil when it is.
    static func problem(with name: String) -> String? {
        let bytes = name.utf8
        guard let first = bytes.first else { return "ExperimentName must not be empty. \(rule)" }
        guard bytes.count <= 255 else {
            return "ExperimentName is \(bytes.count) characters long; at most 255 are allowed. \(rule)"
        }
        guard isAlphanumeric(first), bytes.dropFirst().allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }) else {
            return "ExperimentName \(TriggerProblem.quoted(name)) is not a valid experiment name. \(rule)"
        }
        return nil
    }

    static let rule = "It must be 1 to 255 characters, start with a letter or digit, and continue with letters, digits, "
        + "'_' or '-' (ASCII; no spaces or dots)."

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
