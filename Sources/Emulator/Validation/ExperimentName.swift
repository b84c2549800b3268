/// The experiment name rule: ASCII `^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$` (the SDK's rule,
/// `^[a-zA-Z0-9][\w\-]{0,254}$`, restricted to ASCII as the reference recommends).
enum ExperimentName {
    /// The name a submission or a schedule's `PipelineSubmissionInfo` carries, checked: absent or
    /// null and invalid names are refused with the codes the service uses for a submit.
    static func required(_ raw: JSONValue?) throws(AzureError) -> String {
        guard let raw, !raw.isNull else {
            throw .badRequest("MissingExperimentName", "ExperimentName is required to submit a pipeline run.")
        }
        guard let name = raw.stringValue, isValid(name) else {
            throw .badRequest("InvalidExperimentName", "ExperimentName \(raw.text) is invalid. \(rule)")
        }
        return name
    }

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
