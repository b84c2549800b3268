/// JSON string quoting for the few bodies built by hand (problem details, readiness), sharing the
/// log encoder's escaping so there is one definition of a correctly escaped JSON string.
public enum JSONText {
    public static func quote(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 2)
        JSONLineEncoder.appendString(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
