/// Formatting and naming rules of the Prometheus text exposition format 0.0.4, shared by all families.
enum PrometheusText {
    /// Prometheus' number spelling: integral values without a fraction (`3`, not `3.0`) while they are
    /// exactly representable (|v| < 2^53), Swift's shortest round-tripping form otherwise, and the
    /// special values as the Prometheus parser expects them.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value == .infinity { return "+Inf" }
        if value == -.infinity { return "-Inf" }
        if value.rounded(.towardZero) == value, value.magnitude < 9_007_199_254_740_992 {
            return String(Int64(value))
        }
        return value.description
    }

    /// `# HELP` text escapes only backslash and newline (quotes are literal there).
    static func escapeHelp(_ text: String) -> String {
        escape(text, quotes: false)
    }

    /// Label values additionally escape double quotes, since they are written inside quotes.
    static func escapeLabelValue(_ text: String) -> String {
        escape(text, quotes: true)
    }

    /// `{name="value",...}`, with `extra` (the histogram `le` label) last; empty when there are no labels.
    static func labels(names: [String], values: [String], extra: (name: String, value: String)? = nil) -> String {
        if names.isEmpty, extra == nil { return "" }
        var text = "{"
        for (name, value) in zip(names, values) {
            if text.utf8.count > 1 { text += "," }
            text += name + "=\"" + escapeLabelValue(value) + "\""
        }
        if let extra {
            if text.utf8.count > 1 { text += "," }
            text += extra.name + "=\"" + escapeLabelValue(extra.value) + "\""
        }
        return text + "}"
    }

    /// The `# HELP` and `# TYPE` header every family starts with.
    static func header(name: String, help: String, type: String) -> String {
        "# HELP \(name) \(escapeHelp(help))\n# TYPE \(name) \(type)\n"
    }

    /// Label sets in a stable order (lexicographic by value, label by label) so scrapes diff cleanly.
    static func sortedByLabels<Sample>(_ samples: [[String]: Sample]) -> [(key: [String], value: Sample)] {
        samples.sorted { $0.key.lexicographicallyPrecedes($1.key) }
    }

    /// Names the exposition format cannot carry are programming errors, caught at registration rather
    /// than producing a scrape that Prometheus rejects as a whole.
    static func validate(metricName: String, labelNames: [String], reserved: Set<String> = []) {
        precondition(isValidMetricName(metricName), "invalid Prometheus metric name '\(metricName)'")
        precondition(Set(labelNames).count == labelNames.count, "duplicate label names \(labelNames) for '\(metricName)'")
        for label in labelNames {
            precondition(isValidLabelName(label), "invalid Prometheus label name '\(label)' for '\(metricName)'")
            precondition(!reserved.contains(label), "label name '\(label)' is reserved for '\(metricName)'")
        }
    }

    /// `[a-zA-Z_:][a-zA-Z0-9_:]*`
    static func isValidMetricName(_ name: String) -> Bool {
        isValidName(name, allowColon: true)
    }

    /// `[a-zA-Z_][a-zA-Z0-9_]*`, not starting with `__` (reserved for Prometheus itself).
    static func isValidLabelName(_ name: String) -> Bool {
        isValidName(name, allowColon: false) && !name.hasPrefix("__")
    }

    private static func isValidName(_ name: String, allowColon: Bool) -> Bool {
        guard let first = name.utf8.first else { return false }
        func isLetterOrSeparator(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || byte == UInt8(ascii: "_")
                || (allowColon && byte == UInt8(ascii: ":"))
        }
        guard isLetterOrSeparator(first) else { return false }
        return name.utf8.allSatisfy { isLetterOrSeparator($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    private static func escape(_ text: String, quotes: Bool) -> String {
        let needsEscaping = text.utf8.contains { byte in
            byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\n") || (quotes && byte == UInt8(ascii: "\""))
        }
        guard needsEscaping else { return text }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\"" where quotes: escaped += "\\\""
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
