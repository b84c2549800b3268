/// A failed call to Azure ML (or to an identity endpoint on its behalf).
///
/// A struct with a `Code` rather than an enum of cases, so fields can be added without breaking
/// callers and every error carries the same context: which operation, which client request id (for
/// Azure support), Azure's own code and message. It never holds a token or a client secret: messages
/// come from Azure's error body or from this client, and credential errors are scrubbed of the secret.
public struct AzureMLError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, CaseIterable {
        case notFound = "not_found"
        case badRequest = "bad_request"
        case conflict
        case unauthorized
        case forbidden
        case throttled
        case serverError = "server_error"
        /// The request could not be carried (connection refused or reset, DNS, TLS).
        case transport
        /// An attempt or the operation's deadline ran out.
        case timeout
        /// Azure answered, but not with what the operation expects (bad JSON, an unexpected status).
        case malformedResponse = "malformed_response"
        /// The circuit breaker is refusing calls after repeated failures; `retryAfter` says for how long.
        case circuitOpen = "circuit_open"
        /// No token could be obtained.
        case credential
    }

    public var code: Code
    /// The HTTP status Azure answered with, if it answered.
    public var statusCode: Int?
    /// Azure's `Error.Code` (`PipelineNotFound`) or the identity endpoint's `error` (`invalid_client`).
    public var azureCode: String?
    /// Azure's `Error.Message` when it sent one, else a description written by this client.
    public var message: String
    /// How long to wait before trying again, from `Retry-After` or the circuit breaker.
    public var retryAfter: Duration?
    /// The `x-ms-client-request-id` sent with the request(s), for correlating with Azure's logs.
    public var clientRequestID: String
    /// The operation that failed (`get_pipeline`, `submit`, `token`, …), as in metrics and logs.
    public var operation: String
    /// Set on a submit that failed after the request may have reached Azure (timeout, reset, 5xx):
    /// a run may exist, so the caller must reconcile (by tag) before trying again.
    public var mayHaveBeenProcessed: Bool

    public init(
        code: Code, statusCode: Int? = nil, azureCode: String? = nil, message: String,
        retryAfter: Duration? = nil, clientRequestID: String = "", operation: String,
        mayHaveBeenProcessed: Bool = false
    ) {
        self.code = code
        self.statusCode = statusCode
        self.azureCode = azureCode
        self.message = message
        self.retryAfter = retryAfter
        self.clientRequestID = clientRequestID
        self.operation = operation
        self.mayHaveBeenProcessed = mayHaveBeenProcessed
    }

    /// Whether the condition is likely transient, so the same call may succeed later (throttling,
    /// server errors other than 501/505, transport failures, timeouts, an open circuit).
    /// It says nothing about whether a failed submit created a run: see `mayHaveBeenProcessed`.
    public var isRetryable: Bool {
        switch code {
        case .throttled, .transport, .timeout, .circuitOpen: true
        case .serverError: statusCode != 501 && statusCode != 505
        case .notFound, .badRequest, .conflict, .unauthorized, .forbidden, .malformedResponse, .credential: false
        }
    }

    public var description: String {
        var parts = ["\(code.rawValue)", "operation: \(operation)"]
        if let statusCode { parts.append("status: \(statusCode)") }
        if let azureCode { parts.append("azure_code: \(azureCode)") }
        parts.append("message: \(message)")
        if let retryAfter { parts.append("retry_after: \(retryAfter)") }
        if !clientRequestID.isEmpty { parts.append("client_request_id: \(clientRequestID)") }
        if mayHaveBeenProcessed { parts.append("may_have_been_processed: true") }
        return "AzureMLError(" + parts.joined(separator: ", ") + ")"
    }

    /// The code for an HTTP error status.
    static func code(forStatus status: Int) -> Code {
        switch status {
        case 401: .unauthorized
        case 403: .forbidden
        case 404, 410: .notFound
        case 408: .timeout
        case 409: .conflict
        case 429: .throttled
        case 400...499: .badRequest
        case 500...599: .serverError
        default: .malformedResponse
        }
    }
}

extension AzureMLError {
    /// The same error, tagged with the call's request id when it has none (credential failures).
    func with(clientRequestID: String) -> AzureMLError {
        var copy = self
        if copy.clientRequestID.isEmpty { copy.clientRequestID = clientRequestID }
        return copy
    }
}
