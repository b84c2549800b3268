extension String {
    /// The path of a request target, before any `?`. Searched on UTF-8 bytes: this runs for every
    /// request, and Character-level search is several times slower.
    var pathPart: Substring {
        guard let q = utf8.firstIndex(of: UInt8(ascii: "?")) else { return self[...] }
        return self[..<q]
    }

    /// The query of a request target, after the first `?`, or nil when there is none.
    var queryPart: Substring? {
        guard let q = utf8.firstIndex(of: UInt8(ascii: "?")) else { return nil }
        return self[utf8.index(after: q)...]
    }
}
