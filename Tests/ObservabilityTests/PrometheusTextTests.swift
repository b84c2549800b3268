import Testing

@testable import Observability

@Suite struct PrometheusTextTests {
    @Test(arguments: [
        (0.0, "0"), (-0.0, "0"), (3, "3"), (-42, "-42"), (1_234_567, "1234567"), (1.5, "1.5"), (-1.5, "-1.5"),
        (0.1, "0.1"), (0.0005, "0.0005"), (9_007_199_254_740_991, "9007199254740991"),
        (9_007_199_254_740_992, "9007199254740992.0"), (1e16, "1e+16"), (1e20, "1e+20"), (2.5e-7, "2.5e-07"),
        (.nan, "NaN"), (.infinity, "+Inf"), (-.infinity, "-Inf"),
    ])
    func formatsNumbers(value: Double, expected: String) {
        #expect(PrometheusText.format(value) == expected)
    }

    @Test(arguments: [
        ("plain", "plain"), (#"a\b"#, #"a\\b"#), ("a\nb", #"a\nb"#), (#"say "hi""#, #"say "hi""#), ("é😀", "é😀"),
    ])
    func escapesHelp(input: String, expected: String) {
        #expect(PrometheusText.escapeHelp(input) == expected)
    }

    @Test(arguments: [
        ("plain", "plain"), (#"a\b"#, #"a\\b"#), ("a\nb", #"a\nb"#), (#"say "hi""#, #"say \"hi\""#), ("é😀", "é😀"),
        ("\\\"\n", #"\\\"\n"#),
    ])
    func escapesLabelValues(input: String, expected: String) {
        #expect(PrometheusText.escapeLabelValue(input) == expected)
    }

    @Test func rendersLabelSets() {
        #expect(PrometheusText.labels(names: [], values: []) == "")
        #expect(PrometheusText.labels(names: ["a"], values: ["1"]) == #"{a="1"}"#)
        #expect(PrometheusText.labels(names: ["a", "b"], values: ["1", "\""]) == #"{a="1",b="\""}"#)
        #expect(PrometheusText.labels(names: [], values: [], extra: ("le", "+Inf")) == #"{le="+Inf"}"#)
        #expect(PrometheusText.labels(names: ["a"], values: ["x"], extra: ("le", "0.5")) == #"{a="x",le="0.5"}"#)
    }

    @Test(arguments: [
        ("http_requests_total", true), ("a", true), ("_x", true), ("ns:sub:name", true), ("A9_b", true),
        ("", false), ("9lives", false), ("has-dash", false), ("has space", false), ("é", false),
    ])
    func validatesMetricNames(name: String, valid: Bool) {
        #expect(PrometheusText.isValidMetricName(name) == valid)
    }

    @Test(arguments: [
        ("method", true), ("_x", true), ("A9_b", true),
        ("", false), ("9x", false), ("a:b", false), ("__reserved", false), ("has-dash", false),
    ])
    func validatesLabelNames(name: String, valid: Bool) {
        #expect(PrometheusText.isValidLabelName(name) == valid)
    }
}
