import Observability
import Testing

@Suite struct LogValueTests {
    @Test func literalsPickTheMatchingCase() {
        let text: LogValue = "x"
        let integer: LogValue = 42
        let flag: LogValue = true
        let decimal: LogValue = 1.5
        #expect(text == .string("x"))
        #expect(integer == .int(42))
        #expect(flag == .bool(true))
        #expect(decimal == .double(1.5))
    }

    @Test(arguments: [
        (LogValue.string("plain text"), "plain text"),
        (.string(""), ""),
        (.int(42), "42"),
        (.int(-7), "-7"),
        (.int(Int.min), "-9223372036854775808"),
        (.bool(true), "true"),
        (.bool(false), "false"),
        (.double(1.5), "1.5"),
        (.double(1), "1.0"),
        (.double(1e-5), "1e-05"),
        (.double(.nan), "NaN"),
        (.double(.infinity), "+Inf"),
        (.double(-.infinity), "-Inf"),
    ])
    func description(value: LogValue, expected: String) {
        #expect(value.description == expected)
    }
}
