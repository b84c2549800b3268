public import Observability

/// Writes one JSON line per exchange with DESIGN.md's access-log fields.
public struct AccessLogObserver: HTTPExchangeObserver {
    private let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    public func exchangeCompleted(_ record: HTTPExchangeRecord) {
        logger.log(.info, "request", orderedFields: [
            ("request_id", .string(record.requestID)),
            ("method", .string(record.method?.rawValue ?? "-")),
            ("path", .string(record.path)),
            ("route", .string(record.route)),
            ("status", .int(record.status)),
            ("bytes", .int(record.bytes)),
            ("duration_ms", .double((record.durationSeconds * 1_000_000).rounded() / 1000)),
            ("remote", .string(record.remoteAddress)),
            ("protocol", .string(record.version.description)),
        ])
    }
}
