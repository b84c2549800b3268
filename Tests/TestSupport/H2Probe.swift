import Foundation

/// Runs `Tests/h2/h2probe.py` (a frame-level client on the `h2` package from the repository's
/// .venv, made by scripts/python-h2.sh) and decodes what it saw.
public struct H2Probe: Decodable, Sendable {
    public var status: [String: Int]
    public var bodies: [String: Int]
    public var reset: [String: Int]
    public var goaway: GoAway?
    public var settings: [String: Int]
    public var closed: Bool

    public struct GoAway: Decodable, Sendable {
        public var code: Int
        public var last: Int
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let python = repository.appendingPathComponent(".venv/bin/python").path
    static let script = repository.appendingPathComponent("Tests/h2/h2probe.py").path

    /// Whether the venv has `h2`; the frame-level tests are skipped (not failed) without it.
    public static let isAvailable: Bool = {
        guard ExternalCommand.isAvailable(python) else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", "import h2"]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    public static func run(_ scenario: String, port: Int, _ arguments: String...) async throws -> H2Probe {
        let outcome = try await ExternalCommand.run(python, [script, scenario, String(port)] + arguments, timeout: .seconds(40))
        guard outcome.status == 0, let line = outcome.output.split(separator: "\n").last else {
            throw ProbeFailed(output: outcome.output)
        }
        return try JSONDecoder().decode(H2Probe.self, from: Data(line.utf8))
    }

    public struct ProbeFailed: Error, CustomStringConvertible {
        public var output: String
        public var description: String { "h2probe failed: \(output)" }
    }
}
