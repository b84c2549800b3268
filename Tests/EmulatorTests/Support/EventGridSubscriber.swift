import Foundation
import HTTPServer
import TestSupport

/// A webhook on 127.0.0.1 that plays an Event Grid subscriber, written from the reference (§9) rather
/// than from the emulator's code: it answers the handshake as a test tells it, answers notifications
/// with the statuses a test queues (200 once they run out), and records every request it gets.
final class EventGridSubscriber: Sendable {
    enum Handshake: Sendable {
        /// Event Grid schema: `{"validationResponse": the code}`; CloudEvents: `WebHook-Allowed-Origin: eventgrid.azure.net`.
        case correct
        /// Event Grid schema: 200 with another code.
        case wrongCode
        /// This status, no body and no headers of note.
        case status(Int)
        /// CloudEvents: 200 with this `WebHook-Allowed-Origin` (nil: without the header).
        case allowedOrigin(String?)
        /// 200 with neither a body nor `WebHook-Allowed-Origin`.
        case bareOK
    }

    struct Received: Sendable {
        var method: String
        var target: String
        /// By lower-cased name.
        var headers: [String: String]
        var body: [UInt8]

        var json: Any? { try? JSONSerialization.jsonObject(with: Data(body)) }

        /// The one event of an Event Grid schema array, or the CloudEvents object.
        var event: [String: Any]? {
            if let array = json as? [Any] { return array.count == 1 ? array.first as? [String: Any] : nil }
            return json as? [String: Any]
        }
    }

    static let path = "/hook"

    let handshake: Handshake
    /// Held before answering each notification, to show Put Blob does not wait for subscribers.
    let notificationDelay: Duration
    private let statuses: LockedBox<[Int]>
    private let log = LockedBox<[Received]>([])

    init(handshake: Handshake = .correct, notificationStatuses: [Int] = [], notificationDelay: Duration = .zero) {
        self.handshake = handshake
        self.notificationDelay = notificationDelay
        statuses = LockedBox(notificationStatuses)
    }

    var received: [Received] { log.value }

    var notifications: [Received] { received.filter { $0.headers["aeg-event-type"] == "Notification" } }

    /// Runs `body` with the subscriber listening; its endpoint is `http://127.0.0.1:{port}/hook`.
    func serve(_ body: (_ port: Int) async throws -> Void) async throws {
        var router = Router()
        router.on(.POST, Self.path) { request in self.post(request) }
        router.on(.OPTIONS, Self.path) { request in .now(self.options(request)) }
        try await withTestServer(router: router) { port, _ in try await body(port) }
    }

    private func record(_ request: HTTPRequest) -> Received {
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.lowercased()] = field.value }
        let received = Received(method: request.method.rawValue, target: request.target, headers: headers, body: request.body)
        log.mutate { $0.append(received) }
        return received
    }

    private func post(_ request: HTTPRequest) -> HTTPReply {
        let received = record(request)
        guard received.headers["aeg-event-type"] == "SubscriptionValidation" else {
            let status = statuses.mutate { $0.isEmpty ? 200 : $0.removeFirst() }
            let delay = notificationDelay
            guard delay > .zero else { return .now(HTTPResponse(status: HTTPStatus(code: status))) }
            return .later {
                try? await Task.sleep(for: delay)
                return HTTPResponse(status: HTTPStatus(code: status))
            }
        }
        let code = ((received.event?["data"] as? [String: Any])?["validationCode"] as? String) ?? ""
        switch handshake {
        case .correct: return .now(HTTPResponse.json(.ok, #"{"validationResponse":"\#(code)"}"#))
        case .wrongCode: return .now(HTTPResponse.json(.ok, #"{"validationResponse":"not-\#(code)"}"#))
        case .status(let status): return .now(HTTPResponse(status: HTTPStatus(code: status)))
        case .allowedOrigin, .bareOK: return .now(HTTPResponse(status: .ok))
        }
    }

    private func options(_ request: HTTPRequest) -> HTTPResponse {
        _ = record(request)
        switch handshake {
        case .correct: return HTTPResponse(status: .ok, headers: ["WebHook-Allowed-Origin": "eventgrid.azure.net"])
        case .allowedOrigin(let origin?): return HTTPResponse(status: .ok, headers: ["WebHook-Allowed-Origin": origin])
        case .allowedOrigin(nil), .wrongCode, .bareOK: return HTTPResponse(status: .ok)
        case .status(let status): return HTTPResponse(status: HTTPStatus(code: status))
        }
    }
}

extension EmulatorHarness {
    /// `POST /emulator/eventgrid/subscriptions`.
    func subscribe(_ endpoint: String, schema: String? = nil) async throws -> RawHTTPResponse {
        let schemaMember = schema.map { #","schema":"\#($0)""# } ?? ""
        return try await admin("POST", "/eventgrid/subscriptions", body: #"{"endpoint":"\#(endpoint)"\#(schemaMember)}"#)
    }

    /// The `eventgrid_delivery` entries of the call log, oldest first.
    func deliveries() async throws -> [[String: Any]] {
        let response = try await admin("GET", "/calls?operation=eventgrid_delivery")
        guard let items = response.json?["items"] as? [[String: Any]] else {
            throw HarnessError.unexpected("the call log answered \(response.status): \(response.bodyText)")
        }
        return items
    }
}
