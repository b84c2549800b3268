/// "Did you mean …?" for a misspelled key or parameter name (`ParameterAssigments`), by edit
/// distance ignoring ASCII case; only close matches are suggested, so a wrong guess is rare.
enum NameSuggestion {
    /// The candidate closest to `name`, if it is within a few edits; nil otherwise.
    static func closest(to name: String, among candidates: [String]) -> String? {
        let typed = ASCIICase.lowercased(name)
        guard !typed.isEmpty, typed.count <= 128 else { return nil }
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(typed, ASCIICase.lowercased(candidate))
            if distance <= max(1, min(3, candidate.utf8.count / 4)), distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// " (did you mean 'x'?)", or "" without a close candidate: for appending to a sentence.
    static func hint(for name: String, among candidates: [String]) -> String {
        closest(to: name, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// Levenshtein distance with one reused row.
    private static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var diagonal = row[0]
            row[0] = i
            for j in 1...b.count {
                let above = row[j]
                row[j] = min(above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1))
                diagonal = above
            }
        }
        return row[b.count]
    }
}
