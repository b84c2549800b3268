/// A DataPath's `RelativePath` must stay inside its datastore: not absolute (no leading `/` or `\`,
/// no drive letter like `C:`) and no `..` segment (with either separator), so a trigger cannot
/// point a pipeline outside the folder its datastore was meant to expose.
enum RelativePathRule {
    /// Why `path` is not acceptable, or nil when it is. `field` names it in the sentence.
    static func problem(with path: String, field: String) -> String? {
        var utf8 = path.utf8.makeIterator()
        guard let first = utf8.next() else { return "\(field) must not be empty." }
        if isSeparator(first) {
            return "\(field) \(TriggerProblem.quoted(path)) is absolute; give a path relative to the datastore's root (no leading '/' or '\\')."
        }
        let second = utf8.next()
        if second == UInt8(ascii: ":"), isLetter(first) {
            return "\(field) \(TriggerProblem.quoted(path)) starts with a drive letter; give a path relative to the datastore's root."
        }
        if hasParentSegment(path) {
            return "\(field) \(TriggerProblem.quoted(path)) contains a '..' segment; paths must stay inside the datastore."
        }
        return nil
    }

    /// Whether a segment between separators (or the ends) is exactly `..`; one pass, no allocation.
    private static func hasParentSegment(_ path: String) -> Bool {
        var segmentLength = 0
        var dotsOnly = true
        for byte in path.utf8 {
            if isSeparator(byte) {
                if dotsOnly && segmentLength == 2 { return true }
                segmentLength = 0
                dotsOnly = true
            } else {
                segmentLength += 1
                dotsOnly = dotsOnly && byte == UInt8(ascii: ".")
            }
        }
        return dotsOnly && segmentLength == 2
    }

    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "/") || byte == UInt8(ascii: "\\")
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }
}
