import AzureML
import Foundation
import Testing

@Suite("Retry-After parsing")
struct RetryAfterTests {
    /// Sun, 06 Nov 1994 08:49:37 GMT
    static let now = Date(timeIntervalSince1970: 784_111_777)

    @Test(arguments: [
        ("0", Duration.zero),
        ("5", .seconds(5)),
        (" 120 ", .seconds(120)),
        ("1.5", .milliseconds(1500)),
        ("Sun, 06 Nov 1994 08:49:47 GMT", .seconds(10)),
        ("Sun, 06 Nov 1994 08:50:37 GMT", .seconds(60)),
        ("06 Nov 1994 08:49:47 GMT", .seconds(10)),
        ("Sun, 06 Nov 1994 08:49:00 GMT", .zero),
        ("Mon, 07 Nov 1994 08:49:37 GMT", .seconds(86_400)),
    ] as [(String, Duration)])
    func parses(_ text: String, _ expected: Duration) {
        #expect(RetryAfter.parse(text, now: Self.now) == expected)
    }

    @Test(arguments: ["", "soon", "-5", "Sun, 06 Nov 1994 08:49:47 PST", "Sun, 31 Feb 1994 08:49:47 GMT", "Sun, 06 Foo 1994 08:49:47 GMT", "nan", "inf"])
    func rejects(_ text: String) {
        #expect(RetryAfter.parse(text, now: Self.now) == nil)
    }
}
