public import JSON
public import YAML

/// One schedule of a file, as the `POST /v1/schedules` body it stands for, and where its fields were
/// written so a problem the server reports at a JSON pointer into that body can be shown at its line.
public struct ScheduleFileItem: Sendable, Hashable {
    public var name: String
    /// A create body (an object), whatever the file's shape was.
    public var body: JSONNode
    /// Positions by pointer into `body` (an SDK file's `datastore_name` is placed as `/datastore`).
    public var sourceMap: SourceMap
    public var file: String

    public init(name: String, body: JSONNode, sourceMap: SourceMap, file: String) {
        self.name = name
        self.body = body
        self.sourceMap = sourceMap
        self.file = file
    }

    /// A problem at `pointer` (text as the server reports it) in this schedule.
    public func problem(at pointer: String, _ message: String) -> ScheduleFileProblem {
        let parsed = (try? JSONPointer(parsing: pointer)) ?? .root
        return ScheduleFileProblem(file: file, position: sourceMap.position(of: parsed), message: message)
    }
}
