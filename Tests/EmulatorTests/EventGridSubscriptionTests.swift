import Emulator
import Foundation
import Observability
import Testing
import TestSupport

/// `POST /emulator/eventgrid/subscriptions`: the subscription exists only when the endpoint completes
/// Event Grid's handshake of its schema (reference §9); the answer says what the endpoint did wrong.
@Suite struct EventGridSubscriptionTests {
    struct HandshakeCase: Sendable, CustomTestStringConvertible {
        var name: String
        var schema: String
        var handshake: EventGridSubscriber.Handshake
        /// Nil: accepted (201); else refused (400) with a message containing this.
        var refusal: String?
        var testDescription: String { name }
    }

    static let handshakeCases: [HandshakeCase] = [
        .init(name: "Event Grid schema, code echoed", schema: "EventGridSchema", handshake: .correct, refusal: nil),
        .init(name: "Event Grid schema, wrong code", schema: "EventGridSchema", handshake: .wrongCode, refusal: "not the validationCode"),
        .init(name: "Event Grid schema, 500", schema: "EventGridSchema", handshake: .status(500), refusal: "answered 500"),
        .init(name: "Event Grid schema, 202 is not 200", schema: "EventGridSchema", handshake: .status(202), refusal: "answered 202"),
        .init(name: "Event Grid schema, 200 without a body", schema: "EventGridSchema", handshake: .bareOK, refusal: "without"),
        .init(name: "CloudEvents, eventgrid.azure.net", schema: "CloudEventSchemaV1_0", handshake: .correct, refusal: nil),
        .init(name: "CloudEvents, *", schema: "CloudEventSchemaV1_0", handshake: .allowedOrigin("*"), refusal: nil),
        .init(
            name: "CloudEvents, no WebHook-Allowed-Origin", schema: "CloudEventSchemaV1_0", handshake: .allowedOrigin(nil),
            refusal: "without WebHook-Allowed-Origin"),
        .init(
            name: "CloudEvents, another origin", schema: "CloudEventSchemaV1_0", handshake: .allowedOrigin("example.com"),
            refusal: "'example.com'"),
        .init(name: "CloudEvents, 404", schema: "CloudEventSchemaV1_0", handshake: .status(404), refusal: "answered 404"),
    ]

    @Test(arguments: handshakeCases)
    func handshake_decidesWhetherTheSubscriptionExists(_ c: HandshakeCase) async throws {
        let subscriber = EventGridSubscriber(handshake: c.handshake)
        try await subscriber.serve { port in
            try await withEmulator { h in
                let response = try await h.subscribe("http://127.0.0.1:\(port)/hook", schema: c.schema)
                let listed = try #require(try await h.admin("GET", "/eventgrid/subscriptions").json?["items"] as? [[String: Any]])
                if let refusal = c.refusal {
                    #expect(response.status == 400)
                    #expect(response.errorCode == "WebhookValidationFailed")
                    let message = try #require(response.errorMessage)
                    #expect(message.contains(refusal), "\(message)")
                    #expect(message.contains("http://127.0.0.1:\(port)/hook"), "the message names the endpoint")
                    #expect(listed.isEmpty)
                } else {
                    #expect(response.status == 201, "\(response.bodyText)")
                    let id = try #require(response.json?["id"] as? String)
                    #expect(UUID(uuidString: id) != nil)
                    #expect(response.json?["schema"] as? String == c.schema)
                    #expect(response.json?["endpoint"] as? String == "http://127.0.0.1:\(port)/hook")
                    #expect(listed.compactMap { $0["id"] as? String } == [id])
                }
                let handshakes = subscriber.received
                #expect(handshakes.count == 1, "one handshake request, nothing else")
                let request = try #require(handshakes.first)
                if c.schema == "EventGridSchema" {
                    try Self.expectValidationRequest(request)
                } else {
                    #expect(request.method == "OPTIONS")
                    #expect(request.headers["webhook-request-origin"] == "eventgrid.azure.net")
                    #expect(request.headers["webhook-request-rate"] == "120")
                }
            }
        }
    }

    /// The validation event as the reference describes it, and the headers that go with it.
    static func expectValidationRequest(_ request: EventGridSubscriber.Received) throws {
        #expect(request.method == "POST")
        #expect(request.target == "/hook")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.headers["aeg-event-type"] == "SubscriptionValidation")
        #expect(request.headers["aeg-delivery-count"] == "0")
        #expect(request.headers["aeg-metadata-version"] == "1")
        #expect(request.headers["aeg-data-version"] == "2")
        let name = try #require(request.headers["aeg-subscription-name"])
        #expect(!name.isEmpty && name == name.uppercased())
        let array = try #require(request.json as? [Any])
        #expect(array.count == 1)
        let event = try #require(request.event)
        #expect(event["eventType"] as? String == "Microsoft.EventGrid.SubscriptionValidationEvent")
        #expect(event["subject"] as? String == "")
        #expect(event["metadataVersion"] as? String == "1")
        #expect(event["dataVersion"] as? String == "2")
        #expect((event["topic"] as? String)?.hasPrefix("/subscriptions/") == true)
        #expect(UUID(uuidString: event["id"] as? String ?? "") != nil)
        #expect((event["eventTime"] as? String)?.hasSuffix("Z") == true)
        let data = try #require(event["data"] as? [String: Any])
        #expect(UUID(uuidString: data["validationCode"] as? String ?? "") != nil)
        #expect((data["validationUrl"] as? String)?.hasPrefix("http") == true)
    }

    @Test func unreachableEndpoint_isRefused() async throws {
        // A port that was just free: a server listened there and has stopped.
        let port = try await withTestServer(router: .init()) { port, _ in port }
        try await withEmulator { h in
            let response = try await h.subscribe("http://127.0.0.1:\(port)/hook")
            #expect(response.status == 400)
            #expect(response.errorCode == "WebhookValidationFailed")
            #expect(response.errorMessage?.contains("got no answer") == true, "\(response.bodyText)")
            #expect((try await h.admin("GET", "/eventgrid/subscriptions").json?["items"] as? [Any])?.isEmpty == true)
        }
    }

    struct BodyCase: Sendable, CustomTestStringConvertible {
        var name: String
        var body: String
        var testDescription: String { name }
    }

    static let bodyCases: [BodyCase] = [
        .init(name: "not JSON", body: "endpoint=http://x"),
        .init(name: "no endpoint", body: #"{"schema":"EventGridSchema"}"#),
        .init(name: "endpoint not a string", body: #"{"endpoint":42}"#),
        .init(name: "relative endpoint", body: #"{"endpoint":"/hook"}"#),
        .init(name: "ftp endpoint", body: #"{"endpoint":"ftp://127.0.0.1/hook"}"#),
        .init(name: "unknown schema", body: #"{"endpoint":"http://127.0.0.1:1/hook","schema":"CustomInputSchema"}"#),
        .init(name: "schema not a string", body: #"{"endpoint":"http://127.0.0.1:1/hook","schema":1}"#),
    ]

    @Test(arguments: bodyCases)
    func invalidBody_isRefusedBeforeAnyHandshake(_ c: BodyCase) async throws {
        try await withEmulator { h in
            let response = try await h.admin("POST", "/eventgrid/subscriptions", body: c.body)
            #expect(response.status == 400)
            #expect(response.errorCode == "InvalidEventSubscription", "\(response.bodyText)")
        }
    }

    @Test func schemaName_ignoresCase_andDefaultsToEventGridSchema() async throws {
        let subscriber = EventGridSubscriber()
        try await subscriber.serve { port in
            try await withEmulator { h in
                let defaulted = try await h.subscribe("http://127.0.0.1:\(port)/hook")
                #expect(defaulted.json?["schema"] as? String == "EventGridSchema")
                let folded = try await h.subscribe("http://127.0.0.1:\(port)/hook", schema: "cloudeventschemav1_0")
                #expect(folded.json?["schema"] as? String == "CloudEventSchemaV1_0")
                #expect(subscriber.received.map(\.method) == ["POST", "OPTIONS"])
            }
        }
    }

    @Test func delete_removesEverySubscription() async throws {
        let subscriber = EventGridSubscriber()
        try await subscriber.serve { port in
            try await withBlobEmulator { h, _ in
                #expect(try await h.subscribe("http://127.0.0.1:\(port)/hook").status == 201)
                #expect(try await h.subscribe("http://127.0.0.1:\(port)/hook", schema: "CloudEventSchemaV1_0").status == 201)
                #expect((try await h.admin("GET", "/eventgrid/subscriptions").json?["items"] as? [Any])?.count == 2)
                #expect(try await h.admin("DELETE", "/eventgrid/subscriptions").status == 204)
                #expect((try await h.admin("GET", "/eventgrid/subscriptions").json?["items"] as? [Any])?.isEmpty == true)
                #expect(try await h.putBlob("after-delete.csv", "x").status == 201)
                try await Task.sleep(for: .milliseconds(300))
                #expect(subscriber.notifications.isEmpty)
                #expect(try await h.deliveries().isEmpty)
            }
        }
    }

    @Test func swiftAPI_subscribesLikeTheAdminCall() async throws {
        let subscriber = EventGridSubscriber()
        try await subscriber.serve { port in
            try await withBlobEmulator { h, _ in
                let endpoint = try #require(URL(string: "http://127.0.0.1:\(port)/hook?code=s3cret"))
                let subscription = try await h.emulator.subscribeEventGrid(endpoint: endpoint, schema: .cloudEvents)
                #expect(subscription.schema == .cloudEvents)
                #expect(subscription.endpoint == endpoint)
                #expect(h.emulator.eventGridSubscriptions == [subscription])
                let listed = try #require(try await h.admin("GET", "/eventgrid/subscriptions").json?["items"] as? [[String: Any]])
                #expect(listed.first?["id"] as? String == subscription.id)
                #expect(subscriber.received.first?.target == "/hook?code=s3cret", "the endpoint gets its query")

                #expect(try await h.putBlob("swift.csv", "x").status == 201)
                #expect(await eventually { subscriber.notifications.count == 1 })

                let refused = try #require(URL(string: "http://127.0.0.1:\(port)/not-a-hook"))
                await #expect(throws: EventGridSubscriptionError.self) {
                    try await h.emulator.subscribeEventGrid(endpoint: refused, schema: .eventGrid)
                }
                await h.emulator.removeEventGridSubscriptions()
                #expect(h.emulator.eventGridSubscriptions.isEmpty)
            }
        }
    }

    @Test func swiftAPI_refusesABadEndpoint_andAnyAfterShutdown() async throws {
        let emulator = AzureMLEmulator(logger: Logger(sink: InMemoryLogSink()))
        let mailto = try #require(URL(string: "mailto:a@b.c"))
        let endpoint = try #require(URL(string: "http://127.0.0.1:1/hook"))
        do throws(EventGridSubscriptionError) {
            try await emulator.subscribeEventGrid(endpoint: mailto)
            Issue.record("a mailto URL was accepted")
        } catch {
            #expect(error.reason == .invalidSubscription)
        }
        await emulator.shutdown()
        do throws(EventGridSubscriptionError) {
            try await emulator.subscribeEventGrid(endpoint: endpoint)
            Issue.record("a subscription was taken after shutdown")
        } catch {
            #expect(error.reason == .stopping)
        }
    }
}
