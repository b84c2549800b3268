import HTTPServer
import Observability
import Synchronization

/// The named checks behind `/readyz`. Each subsystem reports its own state as it learns it (checked
/// in the background, never during the request), so readiness answers at once.
public final class Readiness: Sendable {
    public enum Check: Sendable, Equatable {
        case ok
        case failing(String)
    }

    private let checks = Mutex<[String: Check]>([:])

    public init() {}

    public func set(_ name: String, _ check: Check) {
        checks.withLock { $0[name] = check }
    }

    public var snapshot: [String: Check] { checks.withLock { $0 } }

    /// 200 `{"status":"ready","checks":{…}}` when every check is ok, else 503 problem+json naming each failure.
    func response() -> HTTPResponse {
        let current = snapshot
        let names = current.keys.sorted()
        let failures = names.compactMap { name -> String? in
            if case .failing(let reason) = current[name] { return "\(name): \(reason)" }
            return nil
        }
        if current.isEmpty || !failures.isEmpty {
            let detail = current.isEmpty ? "The gateway is still starting." : failures.joined(separator: "; ")
            return ProblemDetails(title: "Not Ready", status: 503, detail: detail).response(headers: ["Retry-After": "1"])
        }
        let body = names.map { "\(JSONText.quote($0)):\"ok\"" }.joined(separator: ",")
        return .json(.ok, "{\"status\":\"ready\",\"checks\":{\(body)}}")
    }
}
