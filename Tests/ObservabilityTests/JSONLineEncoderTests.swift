import Foundation
import Testing

@testable import Observability

@Suite struct JSONLineEncoderTests {
    /// Exact encodings: short escapes for quote, backslash, \n, \r, \t; \u00XX for other controls;
    /// everything else (including non-ASCII and non-BMP) verbatim.
    @Test(arguments: [
        ("plain", #""plain""#),
        ("", #""""#),
        ("say \"hi\"", #""say \"hi\"""#),
        (#"C:\path\"#, #""C:\\path\\""#),
        ("line1\nline2", #""line1\nline2""#),
        ("a\r\tb", #""a\r\tb""#),
        ("\u{0}", #""\u0000""#),
        ("\u{1}\u{8}\u{C}", #""\u0001\u0008\u000c""#),
        ("\u{1F}", #""\u001f""#),
        ("\u{7F}", "\"\u{7F}\""),
        ("/slash", #""/slash""#),
        ("é ü ß", "\"é ü ß\""),
        ("emoji 😀", "\"emoji 😀\""),
        ("𝄞 non-BMP \u{10FFFF}", "\"𝄞 non-BMP \u{10FFFF}\""),
        ("\u{2028}\u{2029}", "\"\u{2028}\u{2029}\""),
    ])
    func escapesStrings(input: String, expected: String) {
        var bytes: [UInt8] = []
        JSONLineEncoder.appendString(input, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    @Test(arguments: [
        (LogValue.int(0), "0"),
        (.int(-42), "-42"),
        (.int(Int.max), "9223372036854775807"),
        (.int(Int.min), "-9223372036854775808"),
        (.double(1.5), "1.5"),
        (.double(-0.25), "-0.25"),
        (.double(1), "1.0"),
        (.double(1e-5), "1e-05"),
        (.double(5e20), "5e+20"),
        (.double(.nan), #""NaN""#),
        (.double(.infinity), #""+Inf""#),
        (.double(-.infinity), #""-Inf""#),
        (.bool(true), "true"),
        (.bool(false), "false"),
        (.string("x"), #""x""#),
    ])
    func encodesValues(value: LogValue, expected: String) {
        var bytes: [UInt8] = []
        JSONLineEncoder.appendValue(value, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    /// Every encoded value, wrapped in an object, must be valid JSON for a standard parser.
    @Test(arguments: [
        LogValue.int(Int.min), .double(1e-5), .double(5e20), .double(-0.0), .double(.nan),
        .double(.infinity), .double(123_456.789), .bool(false), .string("\u{0}\"\\"),
    ])
    func encodedValuesAreValidJSON(value: LogValue) {
        var bytes: [UInt8] = []
        JSONLineEncoder.appendField("k", value, to: &bytes)
        let object = "{" + String(decoding: bytes.dropFirst(), as: UTF8.self) + "}"
        #expect(parseJSONObject(object) != nil, "\(object)")
    }

    @Test func lineHasFixedPrefixAndNoTrailingNewline() {
        var encoder = JSONLineEncoder(millisecondsSinceEpoch: 1_795_687_872_345, level: .warning, message: "m")
        encoder.appendField("k", 1)
        #expect(encoder.finish() == #"{"ts":"2026-11-26T10:11:12.345Z","level":"warning","msg":"m","k":1}"#)
    }
}
