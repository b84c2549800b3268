/// A DataPath's `RelativePath` must stay inside its datastore: not absolute (no leading `/` or `\`,
/// no drive letter like `C:`) and no `..` segment (with either separator), so a trigger cannot
/// point a pipeline outside the folder its datastore was meant to expose.
enum RelativePathRule {
    /// Why `path` is not acceptable, or nil when it is. `field` names it in the sentence.
    static func problem(with path: String, field: String) -> String? {
        let bytes = Array(path.utf8)
        guard let first = bytes.first else { return "\(field) must not be empty." }
        if first == UInt8(ascii: "/") || first == UInt8(ascii: "\\") {
            return "\(field) \(TriggerProblem.quoted(path)) is absolute; give a path relative to the datastore's root (no leading '/' or '\\')."
        }
        if bytes.count >= 2, bytes[1] == UInt8(ascii: ":"), isLetter(first) {
            return "\(field) \(TriggerProblem.quoted(path)) starts with a drive letter; give a path relative to the datastore's root."
        }
        let segments = bytes.split(omittingEmptySubsequences: false) { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") }
        if segments.contains(where: { $0.elementsEqual("..".utf8) }) {
            return "\(field) \(TriggerProblem.quoted(path)) contains a '..' segment; paths must stay inside the datastore."
        }
        return nil
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }
}
