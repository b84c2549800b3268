import Testing
@testable import HTTPServer

/// ALPN selection by the server's preference over the client's wire-format list.
@Suite struct ApplicationProtocolTests {
    static func wire(_ names: [String]) -> [UInt8] { names.flatMap { [UInt8($0.utf8.count)] + Array($0.utf8) } }

    @Test(arguments: [
        (["h2", "http/1.1"], true),
        (["http/1.1"], true),
        (["h2"], false),
        (["spdy/3", "http/1.0"], false),
        ([], false),
    ])
    func select_picksHTTP1WhenOffered(offer: [String], matches: Bool) {
        let bytes = Self.wire(offer)
        let chosen = bytes.withUnsafeBytes { ApplicationProtocol.select(from: $0) }
        #expect((chosen != nil) == matches)
        if let chosen {
            #expect(chosen.protocol == .http1_1)
            #expect(Array(bytes[chosen.offset..<chosen.offset + chosen.length]) == Array("http/1.1".utf8))
        }
    }

    @Test(arguments: [[UInt8]([8, 0x68, 0x74]), [0], [3, 0x68, 0x32]])
    func select_malformedOrShortList_noMatchNoOverread(bytes: [UInt8]) {
        #expect(bytes.withUnsafeBytes { ApplicationProtocol.select(from: $0) } == nil)
    }
}
