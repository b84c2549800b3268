import Observability
import Testing

@Suite struct LogLevelTests {
    @Test(arguments: [
        ("debug", LogLevel.debug), ("DEBUG", .debug), ("info", .info), ("Info", .info),
        ("warning", .warning), ("WARNING", .warning), ("error", .error), ("ErRoR", .error),
    ])
    func parsesNamesCaseInsensitively(name: String, level: LogLevel) {
        #expect(LogLevel(name: name) == level)
    }

    @Test(arguments: ["", "warn", "fatal", "trace", " info", "info "])
    func rejectsUnknownNames(name: String) {
        #expect(LogLevel(name: name) == nil)
    }

    @Test(arguments: LogLevel.allCases)
    func nameRoundTrips(level: LogLevel) {
        #expect(LogLevel(name: level.name) == level)
    }

    @Test func rendersLowercaseNames() {
        #expect(LogLevel.allCases.map(\.name) == ["debug", "info", "warning", "error"])
    }

    @Test func isOrderedBySeverity() {
        #expect(LogLevel.debug < .info)
        #expect(LogLevel.info < .warning)
        #expect(LogLevel.warning < .error)
        #expect(!(LogLevel.error < .error))
        #expect(LogLevel.allCases.sorted() == LogLevel.allCases)
    }
}
