import Foundation
import Testing
@testable import Webhooks

/// The module's own base64 and hex, against Foundation's.
@Suite struct CodecTests {
    @Test(arguments: 0..<40)
    func base64_matchesFoundation(_ length: Int) throws {
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 151 &+ length) }
        let encoded = Data(bytes).base64EncodedString()
        #expect(Base64.encode(bytes) == encoded)
        #expect(Base64.decode(encoded) == bytes)
        #expect(Base64.decode(encoded.replacingOccurrences(of: "=", with: "")) == bytes)
    }

    @Test(arguments: ["a", "ab=c", "ab===", "a$bc", "abcde", "ab=", "====", "YQ==YQ==", "YQ -"])
    func base64_rejects(_ text: String) {
        #expect(Base64.decode(text) == nil)
    }

    @Test func hex_roundTripsAndRejects() {
        let bytes: [UInt8] = [0x00, 0x0F, 0xA5, 0xFF]
        #expect(Hex.encode(bytes) == "000fa5ff")
        #expect(Hex.decode("000fa5ff") == bytes)
        #expect(Hex.decode("000FA5FF") == bytes)
        #expect(Hex.decode("") == [])
        for bad in ["0", "0g", "0x00", " 00", "00 "] {
            #expect(Hex.decode(bad) == nil, "\(bad)")
        }
    }
}
