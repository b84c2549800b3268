import Foundation
import Observability

extension AzureMLClient {
    /// Performs `operation` until it succeeds (HTTP 200) or the retry policy, the deadline or the
    /// circuit breaker says stop. One client request id covers all attempts of the call.
    func send(
        _ operation: AzureMLOperation,
        method: String,
        path: [String],
        query: [(String, String)] = [],
        headers: [String: String] = [:],
        body: Data? = nil,
        contentType: String? = nil,
        budget: Duration? = nil,
        successStatuses: Set<Int> = [200]
    ) async throws(AzureMLError) -> AzureMLAnswer {
        let clientRequestID = RandomUUID.make()
        let url: URL
        do {
            url = try workspaceURL(path, query: query, operation: operation.name)
        } catch {
            throw error.with(clientRequestID: clientRequestID)
        }
        return try await send(
            operation, method: method, url: url, headers: headers, body: body, contentType: contentType, budget: budget,
            clientRequestID: clientRequestID, successStatuses: successStatuses
        )
    }

    /// The same for a URL built by the caller (the datastore service, Blob Storage), with `headers`
    /// added to each attempt. `budget`, when given, shortens the operation's deadline: a reconciling
    /// submit shares one submit deadline among all of its calls. `successStatuses` are the answers
    /// that mean success (only 200, as in the SDK, except where a 204 means "none").
    func send(
        _ operation: AzureMLOperation,
        method: String,
        url: URL,
        headers: [String: String] = [:],
        body: Data? = nil,
        contentType: String? = nil,
        budget: Duration? = nil,
        clientRequestID: String = RandomUUID.make(),
        successStatuses: Set<Int> = [200]
    ) async throws(AzureMLError) -> AzureMLAnswer {
        let policy = configuration.retryPolicy
        var deadline = operation.kind == .submit ? configuration.submitDeadline : configuration.readTimeout
        if let budget { deadline = min(deadline, budget) }
        let start = clock.now()
        let log = logger.with(["operation": .string(operation.name), "client_request_id": .string(clientRequestID)])
        var attempt = 0
        var refreshedAfter401 = false
        var lastFailure: AzureMLError?

        while true {
            let remaining = deadline - (clock.now() - start)
            guard remaining > .zero else {
                // A submit is only ever retried after Azure certainly did not act on it, so running out
                // of time between attempts leaves nothing ambiguous behind.
                throw lastFailure ?? AzureMLError(
                    code: .timeout, message: "no answer within the \(deadline) deadline",
                    clientRequestID: clientRequestID, operation: operation.name
                )
            }
            let isProbe = try admit(operation, clientRequestID: clientRequestID)
            let token: AccessToken
            do {
                token = try await tokens.token(for: configuration.scope)
            } catch {
                breaker.record(.neutral, isProbe: isProbe)
                throw error.with(clientRequestID: clientRequestID)
            }

            attempt += 1
            var request = TransportRequest(
                method: method, url: url, headers: headers.merging(["Authorization": "Bearer " + token.token]) { $1 },
                body: body, clientRequestID: clientRequestID
            )
            if let contentType { request.headers["Content-Type"] = contentType }
            let attemptTimeout = min(configuration.attemptTimeout, remaining)
            let attemptStart = ContinuousClock.now

            let result: Result<TransportResponse, TransportFailure>
            do {
                result = .success(try await transport.perform(request, timeout: attemptTimeout))
            } catch {
                result = .failure(error)
            }
            observeDuration(operation, since: attemptStart)

            let outcome: RetryPolicy.Outcome
            let failure: AzureMLError
            switch result {
            case .success(let response) where successStatuses.contains(response.status):
                breaker.record(.success, isProbe: isProbe)
                count(operation, outcome: "success")
                log.debug("azure ml call succeeded", ["attempt": .int(attempt), "status": .int(response.status)])
                return AzureMLAnswer(response: response, clientRequestID: clientRequestID)
            case .success(let response):
                // 4xx proves the service is up; only 5xx counts against the circuit.
                breaker.record(response.status >= 500 ? .failure : .success, isProbe: isProbe)
                if response.status == 401, !refreshedAfter401 {
                    count(operation, outcome: AzureMLError.Code.unauthorized.rawValue)
                    log.info("azure ml rejected the token; refreshing it and retrying once", ["attempt": .int(attempt)])
                    refreshedAfter401 = true
                    attempt -= 1
                    do {
                        _ = try await tokens.refreshedToken(for: configuration.scope, replacing: token)
                    } catch {
                        throw error.with(clientRequestID: clientRequestID)
                    }
                    continue
                }
                let retryAfter = response.header("Retry-After").flatMap { RetryAfter.parse($0, now: clock.wallClock()) }
                outcome = .status(response.status, retryAfter: retryAfter)
                failure = statusError(response, operation, retryAfter: retryAfter, clientRequestID: clientRequestID)
            case .failure(let error):
                breaker.record(error.kind == .cancelled ? .neutral : .failure, isProbe: isProbe)
                outcome = .transport(error.kind)
                failure = transportError(error, operation, url: url, clientRequestID: clientRequestID)
            }
            count(operation, outcome: failure.code.rawValue)
            lastFailure = failure

            let decision = policy.decision(
                after: outcome, kind: operation.kind, attempt: attempt, elapsed: clock.now() - start,
                deadline: deadline, unitRandom: random()
            )
            switch decision {
            case .retry(let delay):
                log.warning(
                    "azure ml call failed; retrying",
                    [
                        "attempt": .int(attempt), "code": .string(failure.code.rawValue),
                        "status": failure.statusCode.map { .int($0) } ?? .string("none"),
                        "delay_ms": .int(Int(delay.inSeconds * 1000)),
                    ]
                )
                do {
                    try await clock.sleep(delay)
                } catch {
                    throw failure
                }
            case .stop(let reason):
                // Azure's verdict on the request (not found, conflict…) is routine; the rest deserves attention.
                let level: LogLevel = [.notFound, .badRequest, .conflict].contains(failure.code) ? .info : .warning
                log.log(
                    level,
                    "azure ml call failed",
                    [
                        "attempt": .int(attempt), "code": .string(failure.code.rawValue),
                        "status": failure.statusCode.map { .int($0) } ?? .string("none"),
                        "stop": .string(String(describing: reason)),
                    ]
                )
                throw failure
            }
        }
    }

    /// Decodes a successful answer's JSON body as `T`.
    func decode<T: Decodable>(
        _ type: T.Type, from answer: AzureMLAnswer, _ operation: AzureMLOperation
    ) throws(AzureMLError) -> T {
        do {
            return try JSONDecoder().decode(type, from: answer.response.body)
        } catch {
            throw AzureMLError(
                code: .malformedResponse,
                statusCode: answer.response.status,
                message: "the answer was not the expected JSON: \(Self.summary(of: error))",
                clientRequestID: answer.clientRequestID,
                operation: operation.name,
                mayHaveBeenProcessed: operation.kind == .submit
            )
        }
    }

    /// Asks the circuit breaker for a slot; throws `.circuitOpen` when it refuses.
    private func admit(_ operation: AzureMLOperation, clientRequestID: String) throws(AzureMLError) -> Bool {
        switch breaker.acquire() {
        case .allowed(let isProbe):
            return isProbe
        case .refused(let retryAfter):
            count(operation, outcome: AzureMLError.Code.circuitOpen.rawValue)
            throw AzureMLError(
                code: .circuitOpen,
                message: "Azure ML calls are suspended after repeated failures",
                retryAfter: retryAfter,
                clientRequestID: clientRequestID,
                operation: operation.name
            )
        }
    }

    private func statusError(
        _ response: TransportResponse, _ operation: AzureMLOperation, retryAfter: Duration?, clientRequestID: String
    ) -> AzureMLError {
        let status = response.status
        // Azure ML answers JSON; Blob Storage answers XML with the code also in `x-ms-error-code`.
        let envelope = (try? JSONDecoder().decode(AzureErrorResponse.self, from: response.body))?.error
            ?? StorageErrorBody.parse(response.body, headerCode: response.header("x-ms-error-code"))
        let code: AzureMLError.Code = (200...399).contains(status) ? .malformedResponse : AzureMLError.code(forStatus: status)
        let message = envelope?.message.map { TokenEndpoint.truncate($0, limit: 1000) }
            ?? ((200...399).contains(status)
                ? "Azure ML answered HTTP \(status) where 200 was expected"
                : "Azure ML answered HTTP \(status) without an error body")
        // Azure refused outright (4xx other than 408, or 429/503); anything else may have been acted on.
        let ambiguous = operation.kind == .submit && (status == 408 || (status >= 500 && status != 503))
        return AzureMLError(
            code: code, statusCode: status, azureCode: envelope?.code, message: message, retryAfter: retryAfter,
            clientRequestID: clientRequestID, operation: operation.name, mayHaveBeenProcessed: ambiguous
        )
    }

    private func transportError(
        _ failure: TransportFailure, _ operation: AzureMLOperation, url: URL, clientRequestID: String
    ) -> AzureMLError {
        let host = TokenEndpoint.hostDescription(url)
        return AzureMLError(
            code: failure.kind == .timedOut ? .timeout : .transport,
            message: "\(host): \(failure.message)",
            clientRequestID: clientRequestID,
            operation: operation.name,
            mayHaveBeenProcessed: operation.kind == .submit && failure.kind != .notSent
        )
    }

    private func count(_ operation: AzureMLOperation, outcome: String) {
        metrics?.requests.increment([operation.name, outcome])
    }

    private func observeDuration(_ operation: AzureMLOperation, since start: ContinuousClock.Instant) {
        metrics?.durations.observe((ContinuousClock.now - start).inSeconds, [operation.name])
    }

    /// A decoding error in one line, naming the JSON path, without quoting the body.
    static func summary(of error: any Error) -> String {
        guard let decodingError = error as? DecodingError else { return "\(type(of: error))" }
        let (context, what): (DecodingError.Context?, String) =
            switch decodingError {
            case .typeMismatch(let type, let context): (context, "expected \(type)")
            case .valueNotFound(let type, let context): (context, "missing \(type)")
            case .keyNotFound(let key, let context): (context, "missing key \(key.stringValue)")
            case .dataCorrupted(let context): (context, context.debugDescription)
            @unknown default: (nil, "undecodable")
            }
        let path = context?.codingPath.map(\.stringValue).joined(separator: ".") ?? ""
        return path.isEmpty ? what : "\(what) at \(path)"
    }
}
