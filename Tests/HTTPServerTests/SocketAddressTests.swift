@testable import HTTPServer
import Testing

@Suite("SocketAddress")
struct SocketAddressTests {
    struct ParseRow: Sendable, CustomTestStringConvertible {
        var comment: String
        var text: String
        var expected: Result<Expected, SocketAddress.ParseError>
        var testDescription: String { comment }

        struct Expected: Sendable, Equatable {
            var host: String
            var port: Int
            var family: SocketAddress.Family
            var isLoopback: Bool
            var description: String
        }

        init(_ comment: String, _ text: String, _ host: String, _ port: Int, _ family: SocketAddress.Family, loopback: Bool, _ description: String) {
            self.comment = comment
            self.text = text
            expected = .success(Expected(host: host, port: port, family: family, isLoopback: loopback, description: description))
        }

        init(_ comment: String, _ text: String, _ error: SocketAddress.ParseError) {
            self.comment = comment
            self.text = text
            expected = .failure(error)
        }
    }

    static let rows: [ParseRow] = [
        // Valid
        ParseRow("IPv4 loopback", "127.0.0.1:8080", "127.0.0.1", 8080, .ipv4, loopback: true, "127.0.0.1:8080"),
        ParseRow("other 127/8 address", "127.1.2.3:80", "127.1.2.3", 80, .ipv4, loopback: true, "127.1.2.3:80"),
        ParseRow("IPv4 wildcard is not loopback", "0.0.0.0:0", "0.0.0.0", 0, .ipv4, loopback: false, "0.0.0.0:0"),
        ParseRow("private IPv4", "10.0.0.5:65535", "10.0.0.5", 65535, .ipv4, loopback: false, "10.0.0.5:65535"),
        ParseRow("IPv6 loopback with port 0", "[::1]:0", "::1", 0, .ipv6, loopback: true, "[::1]:0"),
        ParseRow("IPv6 wildcard is not loopback", "[::]:8080", "::", 8080, .ipv6, loopback: false, "[::]:8080"),
        ParseRow("IPv6 global", "[2001:db8::1]:443", "2001:db8::1", 443, .ipv6, loopback: false, "[2001:db8::1]:443"),
        ParseRow("localhost means 127.0.0.1", "localhost:1", "127.0.0.1", 1, .ipv4, loopback: true, "127.0.0.1:1"),
        // Invalid
        ParseRow("missing port", "127.0.0.1", .missingPort("127.0.0.1")),
        ParseRow("bracketed IPv6 without port", "[::1]", .missingPort("[::1]")),
        ParseRow("empty port", "127.0.0.1:", .invalidPort("127.0.0.1:")),
        ParseRow("port 70000", "127.0.0.1:70000", .invalidPort("127.0.0.1:70000")),
        ParseRow("port 65536", "127.0.0.1:65536", .invalidPort("127.0.0.1:65536")),
        ParseRow("negative port", "127.0.0.1:-1", .invalidPort("127.0.0.1:-1")),
        ParseRow("non-numeric port", "127.0.0.1:http", .invalidPort("127.0.0.1:http")),
        ParseRow("non-ASCII digits in port", "127.0.0.1:８０", .invalidPort("127.0.0.1:８０")),
        ParseRow("host name other than localhost", "abc:80", .invalidHost("abc")),
        ParseRow("empty host", ":80", .invalidHost("")),
        ParseRow("IPv4 with a missing octet", "127.0.0:80", .invalidHost("127.0.0")),
        ParseRow("IPv4 octet over 255", "256.0.0.1:80", .invalidHost("256.0.0.1")),
        ParseRow("unclosed bracket", "[::1:80", .invalidHost("[::1:80")),
        ParseRow("garbage after the bracket", "[::1]x80", .missingPort("[::1]x80")),
        ParseRow("invalid IPv6", "[::g]:80", .invalidHost("::g")),
        ParseRow("signed port", "127.0.0.1:+80", .invalidPort("127.0.0.1:+80")),
        ParseRow("unbracketed IPv6 is ambiguous", "::1:80", .invalidHost("::1:80")),
    ]

    static func parse(_ text: String) -> Result<ParseRow.Expected, SocketAddress.ParseError> {
        do throws(SocketAddress.ParseError) {
            let address = try SocketAddress(parsing: text)
            return .success(ParseRow.Expected(
                host: address.host, port: address.port, family: address.family, isLoopback: address.isLoopback, description: address.description
            ))
        } catch {
            return .failure(error)
        }
    }

    @Test(arguments: rows)
    func parsing_text_givesAddressOrError(_ row: ParseRow) {
        #expect(Self.parse(row.text) == row.expected)
    }

    static let validRows: [ParseRow] = rows.filter { if case .success = $0.expected { true } else { false } }

    @Test(arguments: validRows)
    func parsing_descriptionOfValidAddress_roundTrips(_ row: ParseRow) throws {
        let address = try SocketAddress(parsing: row.text)
        let again = try SocketAddress(parsing: address.description)
        #expect(again == address)
        #expect(again.description == address.description)
    }

    @Test
    func hostPortInit_portOutOfRange_isRefused() {
        #expect(throws: SocketAddress.ParseError.invalidPort("127.0.0.1:-1")) { try SocketAddress(host: "127.0.0.1", port: -1) }
        #expect(throws: SocketAddress.ParseError.invalidPort("::1:65536")) { try SocketAddress(host: "::1", port: 65536) }
        #expect(throws: Never.self) { try SocketAddress(host: "::1", port: 65535) }
    }

    @Test
    func parseErrors_descriptions_nameTheInput() {
        #expect(SocketAddress.ParseError.missingPort("x").description.contains("'x'"))
        #expect(SocketAddress.ParseError.invalidPort("y:1").description.contains("'y:1'"))
        #expect(SocketAddress.ParseError.invalidHost("z").description.contains("'z'"))
    }

    struct LoopbackRow: Sendable, CustomTestStringConvertible {
        var comment: String
        var text: String
        var isLoopback: Bool
        var testDescription: String { comment }
    }

    static let loopbackRows: [LoopbackRow] = [
        LoopbackRow(comment: "127.0.0.1", text: "127.0.0.1:1", isLoopback: true),
        LoopbackRow(comment: "127.255.255.254", text: "127.255.255.254:1", isLoopback: true),
        LoopbackRow(comment: "::1", text: "[::1]:1", isLoopback: true),
        LoopbackRow(comment: "localhost", text: "localhost:1", isLoopback: true),
        LoopbackRow(comment: "0.0.0.0", text: "0.0.0.0:1", isLoopback: false),
        LoopbackRow(comment: "128.0.0.1", text: "128.0.0.1:1", isLoopback: false),
        LoopbackRow(comment: "1.127.0.0", text: "1.127.0.0:1", isLoopback: false),
        LoopbackRow(comment: "::", text: "[::]:1", isLoopback: false),
        LoopbackRow(comment: "::2", text: "[::2]:1", isLoopback: false),
    ]

    @Test(arguments: loopbackRows)
    func isLoopback_address_isTrueOnlyForThisMachine(_ row: LoopbackRow) throws {
        #expect(try SocketAddress(parsing: row.text).isLoopback == row.isLoopback)
    }

    struct SpellingRow: Sendable, CustomTestStringConvertible {
        var comment: String
        var text: String
        var testDescription: String { comment }
    }

    static let longLoopbackSpellings: [SpellingRow] = [
        SpellingRow(comment: "::1 written out in full", text: "[0:0:0:0:0:0:0:1]:8080"),
        SpellingRow(comment: "::1 with a zero group", text: "[0::1]:8080"),
        SpellingRow(comment: "::1 with leading zeros", text: "[::0001]:8080"),
    ]

    @Test(arguments: longLoopbackSpellings)
    func isLoopback_otherSpellingOfIPv6Loopback_isTrue(_ row: SpellingRow) throws {
        let address = try SocketAddress(parsing: row.text)
        #expect(address.family == .ipv6)
        #expect(address.isLoopback)
    }
}
