import Foundation

/// `--env-file`: `KEY=VALUE` lines (blank lines and `#` comments ignored, optional `export `, values
/// optionally in matching quotes), the format of Docker's and systemd's environment files.
public enum EnvironmentFile {
    public static func read(_ path: String) throws(ConfigurationError) -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(problems: [.init(setting: "--env-file", message: "\(path) cannot be read as UTF-8 text")])
        }
        return try parse(text, path: path)
    }

    static func parse(_ text: String, path: String) throws(ConfigurationError) -> [String: String] {
        var values: [String: String] = [:]
        var problems: [ConfigurationError.Problem] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasSuffix("\r") { line.removeLast() }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst("export ".count)) }
            guard let equals = line.firstIndex(of: "="), equals != line.startIndex else {
                // The line may hold a secret: name only its position.
                problems.append(.init(setting: "--env-file", message: "\(path) line \(index + 1) is not KEY=VALUE"))
                continue
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            var value = String(line[line.index(after: equals)...])
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            values[key] = value
        }
        guard problems.isEmpty else { throw ConfigurationError(problems: problems) }
        return values
    }
}
