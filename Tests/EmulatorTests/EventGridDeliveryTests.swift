import Emulator
import Foundation
import HTTPServer
import Observability
import Testing
import TestSupport

/// After every Put Blob each subscriber gets one `Microsoft.Storage.BlobCreated`, in its schema, with
/// Event Grid's headers (reference §9); failed deliveries are retried with the same event id, and
/// every attempt is in the call log.
@Suite struct EventGridDeliveryTests {
    /// Where the two schemas put the same facts.
    struct SchemaCase: Sendable, CustomTestStringConvertible {
        var schema: String
        var contentType: String
        var metadataVersion: String
        var typeKey: String
        var timeKey: String
        var sourceKey: String
        var testDescription: String { schema }
    }

    static let schemaCases: [SchemaCase] = [
        .init(
            schema: "EventGridSchema", contentType: "application/json", metadataVersion: "1", typeKey: "eventType",
            timeKey: "eventTime", sourceKey: "topic"),
        .init(
            schema: "CloudEventSchemaV1_0", contentType: "application/cloudevents+json; charset=utf-8", metadataVersion: "1.0",
            typeKey: "type", timeKey: "time", sourceKey: "source"),
    ]

    static let fast: [Duration] = [.milliseconds(50), .milliseconds(100), .milliseconds(150)]

    @Test(arguments: schemaCases)
    func putBlob_sendsOneBlobCreated_inTheSubscriptionsSchema(_ c: SchemaCase) async throws {
        let subscriber = EventGridSubscriber()
        try await subscriber.serve { port in
            try await withBlobEmulator { h, _ in
                let subscribed = try await h.subscribe("http://127.0.0.1:\(port)/hook?code=s3cret", schema: c.schema)
                let id = try #require(subscribed.json?["id"] as? String)
                let put = try await h.putBlob(
                    "incoming/new%20file.csv", "hello",
                    extraHeaders: [("Content-Type", "text/csv"), ("x-ms-client-request-id", "client-req-1")])
                #expect(put.status == 201)
                let etag = try #require(put.header("ETag"))

                #expect(await eventually { subscriber.notifications.count == 1 })
                try await Task.sleep(for: .milliseconds(200))
                let notifications = subscriber.notifications
                #expect(notifications.count == 1, "exactly one event per put and subscription")
                let request = try #require(notifications.first)
                #expect(request.method == "POST")
                #expect(request.target == "/hook?code=s3cret")
                #expect(request.headers["content-type"] == c.contentType)
                #expect(request.headers["aeg-subscription-name"] == id.uppercased())
                #expect(request.headers["aeg-delivery-count"] == "0")
                #expect(request.headers["aeg-metadata-version"] == c.metadataVersion)
                #expect(request.headers["aeg-data-version"] == "")

                let event = try #require(request.event)
                if c.schema == "EventGridSchema" {
                    #expect((request.json as? [Any])?.count == 1, "an array of one event")
                    #expect(event["dataVersion"] as? String == "")
                    #expect(event["metadataVersion"] as? String == "1")
                } else {
                    #expect(event["specversion"] as? String == "1.0")
                    #expect(event["eventType"] == nil && event["topic"] == nil)
                }
                #expect(event[c.typeKey] as? String == "Microsoft.Storage.BlobCreated")
                #expect(
                    event[c.sourceKey] as? String
                        == "/subscriptions/\(AzureMLEmulator.subscriptionID)/resourceGroups/\(AzureMLEmulator.resourceGroup)"
                        + "/providers/Microsoft.Storage/storageAccounts/emulatedaccount")
                #expect(event["subject"] as? String == "/blobServices/default/containers/workspaceblobstore/blobs/incoming/new file.csv")
                #expect(UUID(uuidString: event["id"] as? String ?? "") != nil)
                let time = try #require(event[c.timeKey] as? String)
                #expect(time.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z/) != nil, "\(time)")

                let data = try #require(event["data"] as? [String: Any])
                #expect(data["api"] as? String == "PutBlob")
                #expect(data["eTag"] as? String == etag.trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
                #expect((data["eTag"] as? String)?.hasPrefix("0x8D") == true)
                #expect(data["contentType"] as? String == "text/csv")
                #expect(data["contentLength"] as? Int == 5)
                #expect(data["blobType"] as? String == "BlockBlob")
                #expect(data["clientRequestId"] as? String == "client-req-1")
                #expect(data["requestId"] as? String == put.header("x-ms-request-id"))
                #expect(data["url"] as? String == "http://127.0.0.1:\(h.port)/blob/emulatedaccount/workspaceblobstore/incoming/new%20file.csv")
                #expect((data["sequencer"] as? String)?.count == 32)

                let deliveries = try await h.deliveries()
                #expect(deliveries.count == 1)
                #expect(deliveries.first?["method"] as? String == "POST")
                #expect(deliveries.first?["path"] as? String == "/hook")
                #expect(deliveries.first?["status"] as? Int == 200)
                #expect(deliveries.first?["query"] is NSNull)
            }
        }
    }

    @Test func failedDeliveries_areRetried_withTheSameEventID_andCountedInTheCallLog() async throws {
        let subscriber = EventGridSubscriber(notificationStatuses: [500, 500])
        try await subscriber.serve { port in
            try await withBlobEmulator { h, _ in
                #expect(try await h.subscribe("http://127.0.0.1:\(port)/hook").status == 201)
                #expect(try await h.putBlob("retry.csv", "x").status == 201)
                #expect(await eventually { subscriber.notifications.count == 3 })
                try await Task.sleep(for: .milliseconds(300))
                let attempts = subscriber.notifications
                #expect(attempts.count == 3, "two failures, then delivered")
                #expect(attempts.map { $0.headers["aeg-delivery-count"] } == ["0", "1", "2"])
                #expect(Set(attempts.compactMap { $0.event?["id"] as? String }).count == 1, "a retry keeps the event id")
                let deliveries = try await h.deliveries()
                #expect(deliveries.compactMap { $0["status"] as? Int } == [500, 500, 200])
                let ids = deliveries.compactMap { ($0["body"] as? [[String: Any]])?.first?["id"] as? String }
                #expect(ids.count == 3 && Set(ids).count == 1)
            }
        }
    }

    @Test func aSubscriberThatNeverAccepts_getsThreeRetries_thenTheEventIsDropped_andItsSecretIsNeverShown() async throws {
        let secret = "SECRET-\(UUID().uuidString)"
        let subscriber = EventGridSubscriber(notificationStatuses: Array(repeating: 503, count: 10))
        try await subscriber.serve { port in
            try await withBlobEmulator(eventGridRetryDelays: Self.fast) { h, _ in
                let subscribed = try await h.subscribe("http://127.0.0.1:\(port)/hook?code=\(secret)")
                #expect(subscribed.status == 201)
                #expect(subscribed.json?["endpoint"] as? String == "http://127.0.0.1:\(port)/hook?code=***")
                let refused = try await h.subscribe("http://127.0.0.1:\(port)/missing?code=\(secret)")
                #expect(refused.status == 400)
                #expect(!refused.bodyText.contains(secret))

                #expect(try await h.putBlob("dropped.csv", "x").status == 201)
                let dropped = await eventually {
                    h.logSink.entries().contains { $0["msg"] == "event grid delivery dropped after its retries" }
                }
                #expect(dropped)
                #expect(subscriber.notifications.count == 4, "the first attempt and three retries")
                #expect(subscriber.notifications.allSatisfy { $0.target == "/hook?code=\(secret)" }, "deliveries carry the query")
                let deliveries = try await h.deliveries()
                #expect(deliveries.compactMap { $0["status"] as? Int } == [503, 503, 503, 503])

                let listed = try await h.admin("GET", "/eventgrid/subscriptions")
                #expect(listed.bodyText.contains("?code=***"))
                #expect(!listed.bodyText.contains(secret))
                #expect(!(try await h.admin("GET", "/calls")).bodyText.contains(secret))
                let lines = h.logSink.lines
                #expect(lines.contains { $0.contains("http://127.0.0.1:\(port)/hook") }, "the endpoint is logged, without its query")
                #expect(!lines.contains { $0.contains(secret) })
            }
        }
    }

    @Test func eventsReachEachSubscriber_inPutOrder_evenAcrossARetry() async throws {
        let subscriber = EventGridSubscriber(notificationStatuses: [500])
        try await subscriber.serve { port in
            try await withBlobEmulator(eventGridRetryDelays: Self.fast) { h, _ in
                let subscribed = try await h.subscribe("http://127.0.0.1:\(port)/hook")
                #expect(subscribed.status == 201)
                for name in ["a.csv", "b.csv", "c.csv"] {
                    #expect(try await h.putBlob(name, name).status == 201)
                }
                #expect(await eventually { subscriber.notifications.count == 4 })
                let subjects = subscriber.notifications.compactMap { ($0.event?["subject"] as? String)?.split(separator: "/").last }
                #expect(subjects == ["a.csv", "a.csv", "b.csv", "c.csv"])
                let sequencers = subscriber.notifications.dropFirst().compactMap { ($0.event?["data"] as? [String: Any])?["sequencer"] as? String }
                #expect(sequencers == sequencers.sorted() && Set(sequencers).count == 3)
            }
        }
    }

    @Test func everySubscriber_getsTheSameEvent() async throws {
        let first = EventGridSubscriber()
        let second = EventGridSubscriber()
        try await first.serve { firstPort in
            try await second.serve { secondPort in
                try await withBlobEmulator { h, _ in
                    let subscribed = try await h.subscribe("http://127.0.0.1:\(firstPort)/hook")
                    #expect(subscribed.status == 201)
                    #expect(try await h.subscribe("http://127.0.0.1:\(secondPort)/hook", schema: "CloudEventSchemaV1_0").status == 201)
                    #expect(try await h.putBlob("both.csv", "x").status == 201)
                    #expect(await eventually { first.notifications.count == 1 && second.notifications.count == 1 })
                    let ids = [first, second].compactMap { $0.notifications.first?.event?["id"] as? String }
                    #expect(ids.count == 2 && ids[0] == ids[1], "one event, delivered to each subscription")
                }
            }
        }
    }

    @Test func aSlowSubscriber_neverDelaysPutBlob() async throws {
        let subscriber = EventGridSubscriber(notificationDelay: .seconds(2))
        try await subscriber.serve { port in
            try await withBlobEmulator { h, _ in
                let subscribed = try await h.subscribe("http://127.0.0.1:\(port)/hook")
                #expect(subscribed.status == 201)
                let start = ContinuousClock.now
                #expect(try await h.putBlob("slow-1.csv", "x").status == 201)
                #expect(try await h.putBlob("slow-2.csv", "x").status == 201)
                #expect(ContinuousClock.now - start < .seconds(1), "Put Blob answers before the subscriber does")
                #expect(await eventually { subscriber.notifications.count == 1 })
            }
        }
    }

    @Test func deliveries_areNotAFaultTarget() async throws {
        try await withEmulator { h in
            let response = try await h.admin("POST", "/faults", body: #"{"operation":"eventgrid_delivery","status":500}"#)
            #expect(response.status == 400, "the fault plan shapes the emulator's answers, not its subscribers'")
            #expect(response.errorCode == "InvalidFault")
            #expect(response.errorMessage?.contains("eventgrid_delivery") == true)
            #expect(try await h.admin("GET", "/calls?operation=eventgrid_delivery").status == 200)
        }
    }

    @Test func shutdown_endsPendingDeliveries() async throws {
        let subscriber = EventGridSubscriber(notificationStatuses: Array(repeating: 500, count: 10))
        try await subscriber.serve { port in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("emulator-eg-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let sink = InMemoryLogSink()
            let emulator = AzureMLEmulator(
                configuration: EmulatorConfiguration(dataDirectory: directory, eventGridRetryDelays: [.seconds(30)]),
                logger: Logger(sink: sink))
            let address = try emulator.start(listen: try SocketAddress(parsing: "127.0.0.1:0"))
            let h = EmulatorHarness(emulator: emulator, port: address.port, clock: TestClock(), logSink: sink)
            #expect(try await h.subscribe("http://127.0.0.1:\(port)/hook").status == 201)
            #expect(try await h.putBlob("pending.csv", "x").status == 201)
            #expect(await eventually { subscriber.notifications.count == 1 })

            let start = ContinuousClock.now
            await emulator.shutdown()
            #expect(ContinuousClock.now - start < .seconds(3), "a 30 s retry wait must not hold shutdown")
            #expect(emulator.eventGridSubscriptions.isEmpty)
            try await Task.sleep(for: .milliseconds(200))
            #expect(subscriber.notifications.count == 1, "nothing is sent after shutdown")
        }
    }
}
