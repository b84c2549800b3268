public import YAML

/// One thing wrong with a schedule file (its shape, or what the server said of one of its schedules),
/// with where it was written, printed `FILE:LINE:COLUMN: message` like a compiler's diagnostics.
public struct ScheduleFileProblem: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// Nil when the problem is the file as a whole (unreadable, empty).
    public var position: SourcePosition?
    public var message: String

    public init(file: String, position: SourcePosition?, message: String) {
        self.file = file
        self.position = position
        self.message = message
    }

    public var description: String {
        guard let position else { return "\(file): \(message)" }
        return "\(file):\(position.line):\(position.column): \(message)"
    }
}

/// Every problem found in a file, as one error.
public struct ScheduleFileProblems: Error, Sendable, Hashable {
    public var all: [ScheduleFileProblem]

    public init(_ all: [ScheduleFileProblem]) {
        self.all = all
    }
}
