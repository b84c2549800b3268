import Foundation
import HTTPServer

/// The path every call on an emulated Azure surface takes: it is recorded in the call log, the
/// fault plan may delay or replace its answer, and service calls must carry a bearer token the
/// emulator issued for its workspace. Route groups only write the operation itself.
///
/// Faults apply before authentication, as a throttling front door or a dropped connection would
/// fail a call before the service looks at it; `after_accept` runs the whole operation first.
struct OperationGate: Sendable {
    let services: EmulatorServices

    /// A service operation: runs after the bearer token and the workspace in the path were checked.
    typealias ServiceBody = @Sendable (_ request: HTTPRequest, _ caller: Caller) throws(AzureError) -> HTTPResponse

    /// An identity operation (token endpoints): no bearer token, answers in its own error shape.
    typealias IdentityBody = @Sendable (_ request: HTTPRequest) -> HTTPResponse

    func service(_ operation: EmulatedOperation, _ request: HTTPRequest, _ body: @escaping ServiceBody) -> HTTPReply {
        let services = services
        return gate(operation, request) {
            do throws(AzureError) {
                let caller = try services.tokens.authenticate(request)
                try WorkspaceScope.check(request)
                return try body(request, caller)
            } catch {
                return error.response
            }
        }
    }

    func identity(_ operation: EmulatedOperation, _ request: HTTPRequest, _ body: @escaping IdentityBody) -> HTTPReply {
        gate(operation, request) { body(request) }
    }

    private func gate(_ operation: EmulatedOperation, _ request: HTTPRequest, _ answer: @escaping @Sendable () -> HTTPResponse) -> HTTPReply {
        services.calls.record(operation, request, at: services.clock())
        guard let fault = services.faults.take(operation) else { return .now(answer()) }
        services.logger.info("emulator fault injected", [
            "operation": .string(operation.rawValue), "fault_id": .int(fault.id),
            "status": .string(fault.status.map(String.init) ?? "-"), "delay_ms": .int(fault.delayMilliseconds),
        ])
        guard fault.delayMilliseconds > 0 else { return .now(apply(fault, operation, answer)) }
        let gate = self
        return .later {
            await gate.services.lifecycle.pause(milliseconds: fault.delayMilliseconds)
            return gate.apply(fault, operation, answer)
        }
    }

    /// The answer under `fault`, once its delay (if any) has passed.
    private func apply(_ fault: InjectedFault, _ operation: EmulatedOperation, _ answer: () -> HTTPResponse) -> HTTPResponse {
        if fault.afterAccept {
            // The ambiguous case: the work is done, but the caller is told it failed.
            let accepted = answer()
            guard (200..<300).contains(accepted.status.code) else { return accepted }
        } else if fault.status == nil && !fault.reset {
            return answer()
        }
        if fault.reset { return reset(operation) }
        return failure(status: fault.status ?? 500, retryAfter: fault.retryAfter, operation)
    }

    /// The injected failure, in the error shape of the operation's service.
    private func failure(status code: Int, retryAfter: String?, _ operation: EmulatedOperation) -> HTTPResponse {
        let status = HTTPStatus(code: code)
        var response: HTTPResponse
        if operation.isIdentity {
            let error = code == 429 || code >= 500 ? "temporarily_unavailable" : (code == 401 ? "invalid_client" : "invalid_request")
            response = AADError(
                status: status, error: error,
                description: "AADSTS90000: Fault injected by the emulator (status \(code)).", codes: [90000]
            ).response(now: services.clock())
        } else {
            response = AzureError(
                status: status, code: AzureError.genericCode(for: code),
                message: "Fault injected by the emulator: \(operation.rawValue) answered \(code)."
            ).response
        }
        if let retryAfter { response.headers.set("Retry-After", retryAfter) }
        return response
    }

    /// Drops the connection without an answer (a TCP reset, through HTTPServer's
    /// `resetsConnection` response flag), as a network failure between client and Azure would.
    private func reset(_ operation: EmulatedOperation) -> HTTPResponse {
        services.logger.info("emulator fault resets the connection", ["operation": .string(operation.rawValue)])
        return .connectionReset
    }
}
