import CNghttp2

/// The header block of an HTTP/2 response, mirroring `HTTP1ResponseSerializer`: the server owns
/// `content-length`, `date` and `x-request-id`; connection-specific fields (forbidden in HTTP/2,
/// RFC 9113 §8.2.2) are dropped; names are lowercased as HTTP/2 requires; anything that could not
/// be a valid field is left out rather than sent for the client to reject the whole stream.
struct HTTP2ResponseHeaders {
    private var storage: [UInt8] = []
    private var ranges: [(name: Range<Int>, value: Range<Int>)] = []

    private static let dropped = [
        "content-length", "date", "x-request-id", "connection", "transfer-encoding", "keep-alive", "upgrade", "proxy-connection",
    ]

    init(_ response: HTTPResponse, requestID: String, date: String) {
        append(":status", String(response.status.code))
        for field in response.headers {
            let lowered = field.name.lowercased()
            guard !Self.dropped.contains(lowered), !lowered.isEmpty, lowered.utf8.allSatisfy(\.isTokenCharacter),
                !field.value.utf8.contains(where: { $0 == .cr || $0 == .lf || $0 == 0 })
            else { continue }
            append(lowered, field.value)
        }
        if response.status.allowsBody { append("content-length", String(response.body.count)) }
        append("date", date)
        append("x-request-id", requestID)
    }

    private mutating func append(_ name: String, _ value: String) {
        let nameStart = storage.count
        storage.append(contentsOf: name.utf8)
        let valueStart = storage.count
        storage.append(contentsOf: value.utf8)
        ranges.append((nameStart..<valueStart, valueStart..<storage.count))
    }

    /// Calls `body` with an `nghttp2_nv` array pointing into this value's storage, valid only for
    /// the call (nghttp2 copies the fields when a response is submitted).
    mutating func withNameValues<R>(_ body: (UnsafePointer<nghttp2_nv>?, Int) -> R) -> R {
        let ranges = ranges
        return storage.withUnsafeMutableBufferPointer { bytes in
            // Never empty (`:status` is always there), so the base address exists.
            let nva: [nghttp2_nv] = bytes.baseAddress.map { base in
                ranges.map { range in
                    nghttp2_nv(
                        name: base + range.name.lowerBound, value: base + range.value.lowerBound, namelen: range.name.count,
                        valuelen: range.value.count, flags: UInt8(NGHTTP2_NV_FLAG_NONE.rawValue))
                }
            } ?? []
            return nva.withUnsafeBufferPointer { body($0.baseAddress, $0.count) }
        }
    }
}
