/// A protocol the server can run over TLS, as named in ALPN (RFC 7301). The server chooses by its
/// own preference among what the client offers; a client offering none of them (or no ALPN at all)
/// gets HTTP/1.1. `ServerContext.makeSession(for:on:)` is where a negotiated protocol becomes a session.
enum ApplicationProtocol: Sendable, CaseIterable {
    case h2
    case http1_1

    /// The ALPN identifier.
    var identifier: [UInt8] {
        switch self {
        case .h2: Array("h2".utf8)
        case .http1_1: Array("http/1.1".utf8)
        }
    }

    /// What the server offers, best first.
    static let serverPreference: [ApplicationProtocol] = [.h2, .http1_1]

    /// Picks the first protocol of `preference` that appears in the client's ALPN list (the wire
    /// form: length-prefixed names). Returns where its name sits in `offer`, since OpenSSL wants a
    /// pointer into that buffer; nil when nothing matches or the list is malformed.
    static func select(
        from offer: UnsafeRawBufferPointer, preference: [ApplicationProtocol] = serverPreference
    ) -> (protocol: ApplicationProtocol, offset: Int, length: Int)? {
        for candidate in preference {
            let name = candidate.identifier
            var index = 0
            while index < offer.count {
                let length = Int(offer[index])
                let start = index + 1
                guard length > 0, start + length <= offer.count else { return nil }
                if length == name.count && offer[start..<start + length].elementsEqual(name) {
                    return (candidate, start, length)
                }
                index = start + length
            }
        }
        return nil
    }

    /// The protocol named by `name` (what OpenSSL reports as selected), if the server knows it.
    init?(identifier name: UnsafeRawBufferPointer) {
        guard let known = Self.allCases.first(where: { $0.identifier.elementsEqual(name) }) else { return nil }
        self = known
    }
}
