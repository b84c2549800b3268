public import Observability

/// Writes one JSON line per exchange with DESIGN.md's access-log fields.
public struct AccessLogObserver: HTTPExchangeObserver {
    private let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    public func exchangeCompleted(_ record: HTTPExchangeRecord) {
        logger.log(.info, "request") { line in
            line.add("request_id", record.requestID)
            line.add("method", record.method?.rawValue ?? "-")
            line.add("path", record.path)
            line.add("route", record.route)
            line.add("status", record.status)
            line.add("bytes", record.bytes)
            line.add("duration_ms", millisecondsFromSeconds: record.durationSeconds)
            line.add("remote", record.remoteAddress)
            line.add("protocol", record.version.description)
        }
    }
}
