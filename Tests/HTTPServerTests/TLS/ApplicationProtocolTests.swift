import Testing
@testable import HTTPServer

/// ALPN selection by the server's preference over the client's wire-format list.
@Suite struct ApplicationProtocolTests {
    static func wire(_ names: [String]) -> [UInt8] { names.flatMap { [UInt8($0.utf8.count)] + Array($0.utf8) } }

    @Test(arguments: [
        (["h2", "http/1.1"], "h2"),
        (["http/1.1", "h2"], "h2"),
        (["http/1.1"], "http/1.1"),
        (["h2"], "h2"),
        (["spdy/3", "http/1.0"], nil),
        ([], nil),
    ] as [([String], String?)])
    func select_picksByServerPreference(offer: [String], expected: String?) {
        let bytes = Self.wire(offer)
        let chosen = bytes.withUnsafeBytes { ApplicationProtocol.select(from: $0) }
        #expect(chosen.map { String(decoding: $0.protocol.identifier, as: UTF8.self) } == expected)
        if let chosen {
            #expect(Array(bytes[chosen.offset..<chosen.offset + chosen.length]) == chosen.protocol.identifier)
        }
    }

    @Test(arguments: [[UInt8]([8, 0x68, 0x74]), [0], [3, 0x68, 0x32]])
    func select_malformedOrShortList_noMatchNoOverread(bytes: [UInt8]) {
        #expect(bytes.withUnsafeBytes { ApplicationProtocol.select(from: $0) } == nil)
    }
}
