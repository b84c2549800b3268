import AzureML
import Foundation
import HTTPServer
import Observability

/// Every `/pipelines/v1.0/…` request the gateway does not serve itself, passed on to the configured
/// pipelines service (`AzureMLClient`'s base URL; the built-in emulator's when emulated) unchanged:
/// method, path, query, body and end-to-end headers, the caller's own `Authorization` included; the
/// answer's status, headers and body come back. The gateway adds no token and checks none here —
/// Azure does — and the target never comes from the request, so a token reaches only the
/// configured service. Answers are buffered whole (the HTTP server writes complete responses; the
/// transport caps an answer at 64 MiB and a request body is capped by the server's body limit).
///
/// A path under a workspace's `Schedules` (or `PipelineRuns/Schedule`) that the facade does not
/// serve is an unknown Schedules operation: 404 in Azure's shape, never passed on, so no schedule
/// is ever changed in Azure behind the gateway's back.
struct PassThroughRoute: Sendable {
    let backend: AzureMLBackend
    /// A gateway API key presented here is refused, not passed on: it is the gateway's secret, and
    /// Azure would refuse it anyway.
    let keys: KeyRingHolder
    let logger: Logger

    static let prefix = AzureErrorBody.pathPrefix

    /// The route label of passed-through requests in logs and metrics.
    static var route: String { prefix + "**" }

    /// Response fields the gateway's server writes itself.
    static let ownResponseFields: Set<String> = ["date", "x-request-id", "content-length", "transfer-encoding", "connection", "keep-alive"]

    func register(on router: inout Router) {
        let route = self
        router.fallback(prefix: Self.prefix, async: { request in try await route.forward(request) })
    }

    func forward(_ request: HTTPRequest) async throws -> HTTPResponse {
        if Self.isSchedulesPath(request.path) { throw FacadeError.unknownOperation(request.method, request.path) }
        let ring = keys.current
        if !ring.isEmpty, let presented = AuthMiddleware.presentedSecret(request), ring.key(matching: presented) != nil {
            throw AuthMiddleware.unauthorized("Gateway API keys are not passed on to Azure ML; this call needs your Azure AD token.")
        }
        let client = try backend.client()
        let passThrough = PipelinesPassThrough(client: client)
        let answer: TransportResponse
        do {
            answer = try await passThrough.forward(
                method: request.method.rawValue, pathAndQuery: request.target, headers: request.headers.fields.map { ($0.name, $0.value) },
                body: request.body)
        } catch {
            logger.warning("a pass-through call got no answer from Azure ML", ["reason": .string(error.description), "method": .string(request.method.rawValue)])
            let status: HTTPStatus = error.kind == .timedOut ? .gatewayTimeout : .badGateway
            throw HTTPError(status, detail: "Azure ML did not answer the passed-through call (\(error.kind.rawValue)).")
        }
        var headers = HTTPHeaders()
        let names = PipelinesPassThrough.endToEnd(answer.headers.map { ($0.key, $0.value) })
        for (name, value) in names.sorted(by: { $0.name < $1.name }) where !Self.ownResponseFields.contains(name) {
            headers.add(name, value)
        }
        return HTTPResponse(status: HTTPStatus(code: answer.status), headers: headers, body: Array(answer.body))
    }

    /// `{WS}/Schedules…` or `{WS}/PipelineRuns/Schedule…`: the segments after the workspace scope
    /// (`/pipelines/v1.0/subscriptions/s/resourceGroups/g/providers/p/workspaces/w/…`).
    static func isSchedulesPath(_ path: Substring) -> Bool {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map { $0.lowercased() }
        guard segments.count > 10 else { return false }
        let operation = segments[10...]
        if operation.first == "schedules" { return true }
        return operation.first == "pipelineruns" && operation.dropFirst().first == "schedule"
    }
}
