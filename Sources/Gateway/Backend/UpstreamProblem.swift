import AzureML
import HTTPServer

/// How an Azure failure is told to the gateway's caller (DESIGN "Trigger validation", upstream
/// limits): 502 when Azure refused or answered badly, 503 + Retry-After when throttled or the breaker
/// is open, 504 on a deadline. Azure's own code and message travel as `azure_code`/`azure_message`;
/// tokens never do (the client's messages carry none).
enum UpstreamProblem {
    static let type = "https://pipeline-gateway.dev/problems/upstream"

    static func error(_ error: AzureMLError, notFound: String? = nil) -> HTTPError {
        var extensions: [(String, String)] = [("operation", error.operation), ("client_request_id", error.clientRequestID)]
        if let code = error.azureCode { extensions.append(("azure_code", code)) }
        extensions.append(("azure_message", error.message))
        // Azure's 503 is its "busy, come back later" (it carries Retry-After like a 429); past the
        // retries the caller is told the same, not that Azure is broken.
        let throttled = error.code == .throttled || (error.code == .serverError && error.statusCode == 503)
        switch error.code {
        case _ where throttled:
            let seconds = max(1, Int((error.retryAfter?.components.seconds ?? 1)))
            return HTTPError(
                .serviceUnavailable, detail: "Azure ML is throttling requests; retry after \(seconds) s.", headers: ["Retry-After": String(seconds)],
                type: type, extensions: extensions)
        case .notFound:
            return HTTPError(.notFound, detail: notFound ?? "Azure ML has no such resource.", extensions: extensions)
        case .throttled, .circuitOpen:
            let seconds = max(1, Int((error.retryAfter?.components.seconds ?? 1)))
            let detail = error.code == .throttled
                ? "Azure ML is throttling requests; retry after \(seconds) s."
                : "Azure ML has failed repeatedly; calls are paused for \(seconds) s."
            return HTTPError(.serviceUnavailable, detail: detail, headers: ["Retry-After": String(seconds)], type: type, extensions: extensions)
        case .timeout:
            return HTTPError(.gatewayTimeout, detail: "Azure ML did not answer in time.", type: type, extensions: extensions)
        case .unauthorized, .forbidden, .credential:
            return HTTPError(.badGateway, detail: "Azure ML refused the gateway's credentials: \(error.message)", type: type, extensions: extensions)
        case .badRequest, .conflict:
            return HTTPError(.badGateway, detail: "Azure ML refused the request: \(error.message)", type: type, extensions: extensions)
        case .serverError, .transport, .malformedResponse:
            return HTTPError(.badGateway, detail: "Azure ML could not be reached or answered badly: \(error.message)", type: type, extensions: extensions)
        }
    }
}
