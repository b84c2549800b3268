import HTTPServer

/// Who makes a schedule change, for its `created_by`/`updated_by` and the audit line: the API key's
/// name and the request that carried it, whichever path (the API, the SDK facade, an import) it came by.
struct ScheduleActor: Sendable {
    var principal: String?
    var requestID: String

    init(principal: String?, requestID: String) {
        self.principal = principal
        self.requestID = requestID
    }

    init(_ request: HTTPRequest) {
        self.init(principal: request.principal, requestID: request.requestID)
    }
}
