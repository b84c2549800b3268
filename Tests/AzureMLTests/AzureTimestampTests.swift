import AzureML
import Foundation
import Testing

@Suite("Azure timestamps")
struct AzureTimestampTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var text: String
        /// Seconds since 1970, or nil when the text must be rejected.
        var expected: Double?
        var comment: String
        var testDescription: String { "\(comment): \(text)" }
    }

    static let rows: [Row] = [
        Row(text: "2019-10-22T15:29:26.2249236+00:00", expected: 1_571_758_166.2249236, comment: "captured: 7 digits, offset"),
        Row(text: "1970-01-01T00:00:00", expected: 0, comment: "captured sentinel, no offset = UTC"),
        Row(text: "2026-11-24T10:00:00Z", expected: 1_795_514_400, comment: "Z"),
        Row(text: "2026-11-24T10:00:00z", expected: 1_795_514_400, comment: "lower-case z"),
        Row(text: "2026-11-24T10:00:00.5Z", expected: 1_795_514_400.5, comment: "one fractional digit"),
        Row(text: "2026-11-24T12:00:00+02:00", expected: 1_795_514_400, comment: "positive offset"),
        Row(text: "2026-11-24T05:30:00-04:30", expected: 1_795_514_400, comment: "negative offset with minutes"),
        Row(text: "2026-11-24T12:00:00+0200", expected: 1_795_514_400, comment: "offset without colon"),
        Row(text: "2024-02-29T00:00:00Z", expected: 1_709_164_800, comment: "leap day"),
        Row(text: "2026-11-24", expected: nil, comment: "date only (SDK rejects too)"),
        Row(text: "garbage", expected: nil, comment: "garbage"),
        Row(text: "2023-02-29T00:00:00Z", expected: nil, comment: "not a leap year"),
        Row(text: "2026-13-01T00:00:00Z", expected: nil, comment: "month 13"),
        Row(text: "2026-11-24T24:00:00Z", expected: nil, comment: "hour 24"),
        Row(text: "2026-11-24T10:00:00.Z", expected: nil, comment: "dot without digits"),
        Row(text: "2026-11-24T10:00:00Zjunk", expected: nil, comment: "trailing junk"),
        Row(text: "2026-11-24T10:00:00+25:00", expected: nil, comment: "offset out of range"),
    ]

    @Test(arguments: rows)
    func parses(_ row: Row) throws {
        let parsed = AzureTimestamp(parsing: row.text)
        if let expected = row.expected {
            let date = try #require(parsed).date
            #expect(abs(date.timeIntervalSince1970 - expected) < 1e-6)
        } else {
            #expect(parsed == nil)
        }
    }

    @Test func decodingRejectsANumber() {
        // The SDK raises DeserializationError for `1764000000`; so does this.
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(AzureTimestamp.self, from: Data("1764000000".utf8))
        }
    }

    @Test func encodesInTheDotNetForm_andRoundTrips() throws {
        let timestamp = try #require(AzureTimestamp(parsing: "2019-10-22T15:29:26.2249236+00:00"))
        #expect(timestamp.description == "2019-10-22T15:29:26.2249236+00:00")
        let encoded = try JSONEncoder().encode(timestamp)
        #expect(String(decoding: encoded, as: UTF8.self) == "\"2019-10-22T15:29:26.2249236+00:00\"")
        #expect(try JSONDecoder().decode(AzureTimestamp.self, from: encoded) == timestamp)
    }

    @Test func recognisesTheUnsetSentinel() throws {
        #expect(try #require(AzureTimestamp(parsing: "1970-01-01T00:00:00")).isUnsetSentinel)
        #expect(try !#require(AzureTimestamp(parsing: "2026-01-01T00:00:00")).isUnsetSentinel)
    }
}
