import Foundation
import Emulator
@testable import Gateway
import Observability
import Testing
import TestSupport

/// `/v1/eventgrid/blob-events` over real HTTP with the built-in emulator: both handshakes, the code
/// check, and BlobCreated events turned into one run per (schedule, blob, ETag), shared with the
/// polling watcher whichever of the two sees a version first.
@Suite(.serialized)
struct EventGridEndToEndTests {
    static let secret = "eventgrid-secret-0123456789"
    /// Polling every 60 minutes (1 minute on the 60× clock is 1 s; 60 minutes is a minute): a run
    /// within the test's seconds came from the push.
    static let environment = ["GATEWAY_TESTING": "1", "GATEWAY_CLOCK_SCALE": "60", "GATEWAY_EVENTGRID_SECRET": secret]
    static let route = "/v1/eventgrid/blob-events?code=\(secret)"

    static func schedule(_ gateway: GatewayHarness, polling minutes: Int = 60, _ extra: String = "") async throws -> String {
        let body = DatastoreScheduleTests.body(#","file_pattern":"*.csv""# + extra).replacingOccurrences(of: #""polling_interval":1"#, with: #""polling_interval":\#(minutes)"#)
        let created = try await gateway.post("/v1/schedules", body)
        #expect(created.status == 201, "\(created.bodyText)")
        return try #require(created.json?["id"] as? String)
    }

    /// Puts a blob through the emulator's Blob service; its ETag as Storage answered it (no quotes).
    static func putBlob(_ gateway: GatewayHarness, _ name: String, _ content: String) async throws -> String {
        let token = try await gateway.request(
            "POST", "/\(AzureMLEmulator.tenantID)/oauth2/v2.0/token",
            body: "grant_type=client_credentials&client_id=c&client_secret=s&scope=https%3A%2F%2Fstorage.azure.com%2F.default",
            headers: ["Content-Type": "application/x-www-form-urlencoded"], toEmulator: true
        ).json?["access_token"] as? String
        let put = try await gateway.request(
            "PUT", "/blob/emulatedaccount/workspaceblobstore/\(name)", body: content,
            headers: ["Authorization": "Bearer \(token ?? "")", "x-ms-blob-type": "BlockBlob", "x-ms-version": "2021-08-06", "Content-Type": "text/csv"],
            toEmulator: true)
        #expect(put.status == 201, "\(put.bodyText)")
        let etag = (put.header("ETag") ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        // What a poll will list for it: the same ETag, or push and poll could not agree on a version.
        let listing = try await gateway.request(
            "GET", "/blob/emulatedaccount/workspaceblobstore?restype=container&comp=list&prefix=\(name)",
            headers: ["Authorization": "Bearer \(token ?? "")", "x-ms-version": "2021-08-06"], toEmulator: true)
        #expect(listing.bodyText.contains("<Etag>\(etag)</Etag>"), "\(etag) vs \(listing.bodyText)")
        return etag
    }

    static func blobCreated(_ path: String, etag: String, id: String = UUID().uuidString, container: String = "workspaceblobstore") -> String {
        """
        {"topic":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/emulatedaccount",
         "subject":"/blobServices/default/containers/\(container)/blobs/\(path)","eventType":"Microsoft.Storage.BlobCreated",
         "eventTime":"2026-11-25T09:00:00.1234567Z","id":"\(id)",
         "data":{"api":"PutBlob","eTag":"\\"\(etag)\\"","contentType":"text/csv","contentLength":3,"blobType":"BlockBlob"},
         "dataVersion":"","metadataVersion":"1"}
        """
    }

    static func runs(_ gateway: GatewayHarness, _ id: String) async throws -> [[String: Any]] {
        try await DatastoreScheduleTests.runs(gateway, id)
    }

    /// Against a real workspace the route is off until the user sets a secret; with the built-in
    /// emulator the gateway makes its own (never shown), so a guessed code is refused.
    @Test func offWithoutSecret_againstAWorkspace_404_guessedCodeRefusedWhenEmulated() async throws {
        let directory = NSTemporaryDirectory() + "gw-eg-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let configuration = try GatewayConfiguration.load(environment: [
            "GATEWAY_DATA_DIR": directory, "AZUREML_SUBSCRIPTION_ID": "s", "AZUREML_RESOURCE_GROUP": "g", "AZUREML_WORKSPACE": "w",
            "AZUREML_ENDPOINT": "http://127.0.0.1:9", "AZURE_AUTHORITY_HOST": "http://127.0.0.1:9", "AZURE_TENANT_ID": "t",
            "AZURE_CLIENT_ID": "c", "AZURE_CLIENT_SECRET": "secret",
        ], flags: ["listen": "127.0.0.1:0"])
        let app = try GatewayApplication(configuration: configuration, logger: Logger(sink: InMemoryLogSink()))
        let port = try app.start().port
        let client = try RawHTTPClient(port: port, tls: nil)
        try await client.send("POST /v1/eventgrid/blob-events?code=x HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n[]")
        let answer = try await client.readResponse()
        await app.shutdown()
        #expect(answer.status == 404)

        try await GatewayHarness.with { gateway in
            let guessed = try await gateway.post("/v1/eventgrid/blob-events?code=0123456789abcdef0123", "[]")
            #expect(guessed.status == 401)
        }
    }

    @Test func handshakes_bothSchemas_andTheCodeCheck() async throws {
        try await GatewayHarness.with(environment: Self.environment) { gateway in
            let validation = """
                [{"id":"2d1781af-3a4c-4d7c-bd0c-e34b19da4e66","topic":"/subscriptions/s","subject":"","data":{"validationCode":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6","validationUrl":"https://rp-eastus2.eventgrid.azure.net/x"},"eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","eventTime":"2026-11-25T09:00:00Z","metadataVersion":"1","dataVersion":"1"}]
                """
            let answered = try await gateway.post(Self.route, validation, headers: ["aeg-event-type": "SubscriptionValidation"])
            #expect(answered.status == 200)
            #expect(answered.json?["validationResponse"] as? String == "512d38b6-c7b8-40c8-89fe-f46f9e9622b6")

            let options = try await gateway.request("OPTIONS", Self.route, headers: ["WebHook-Request-Origin": "eventgrid.azure.net", "WebHook-Request-Rate": "120"])
            #expect(options.status == 200)
            #expect(options.header("WebHook-Allowed-Origin") == "eventgrid.azure.net" && options.header("WebHook-Allowed-Rate") == "*")

            let wrong = try await gateway.post("/v1/eventgrid/blob-events?code=not-the-secret-at-all", validation)
            #expect(wrong.status == 401 && !wrong.bodyText.contains(Self.secret))
            #expect(try await gateway.post("/v1/eventgrid/blob-events", validation).status == 401)
            #expect(try await gateway.post(Self.route, #"{"no":"event"}"#).status == 400)
            #expect(try await gateway.post(Self.route, "[1,", headers: [:]).status == 400)
        }
    }

    @Test func blobCreated_startsOneRun_repeatsSubfoldersOtherContainersAndPatternsDoNot() async throws {
        try await GatewayHarness.with(environment: Self.environment) { gateway in
            let id = try await Self.schedule(gateway)
            let etag = try await Self.putBlob(gateway, "input/pushed.csv", "a,b")
            let event = Self.blobCreated("input/pushed.csv", etag: etag)
            let first = try await gateway.post(Self.route, "[\(event)]", headers: ["aeg-event-type": "Notification"])
            #expect(first.status == 200 && first.json?["runs"] as? Int == 1, "\(first.bodyText)")
            // Event Grid delivers at least once: the same event (and the same version in a new event) start nothing.
            #expect(try await gateway.post(Self.route, "[\(event)]").json?["runs"] as? Int == 0)
            #expect(try await gateway.post(Self.route, "[\(Self.blobCreated("input/pushed.csv", etag: etag))]").json?["runs"] as? Int == 0)
            // Not a direct child, another container, not *.csv, another event type: nothing.
            let ignored = [
                Self.blobCreated("input/sub/deep.csv", etag: "0x1"), Self.blobCreated("input/x.csv", etag: "0x2", container: "other"),
                Self.blobCreated("input/notes.txt", etag: "0x3"),
                #"{"topic":"/t/storageAccounts/emulatedaccount","subject":"/blobServices/default/containers/workspaceblobstore/blobs/input/gone.csv","eventType":"Microsoft.Storage.BlobDeleted","id":"d","eventTime":"2026-11-25T09:00:00Z","data":{}}"#,
            ]
            #expect(try await gateway.post(Self.route, "[\(ignored.joined(separator: ","))]").json?["runs"] as? Int == 0)
            let runs = try await DatastoreScheduleTests.settle(gateway, id, count: 1)
            #expect(runs.count == 1 && runs.first?["trigger_file"] as? String == "input/pushed.csv", "\(runs)")
            #expect(try await gateway.emulatorCalls("submit").count == 1)
            let metrics = try await gateway.get("/metrics").bodyText
            #expect(metrics.contains(#"gateway_eventgrid_events_total{type="Microsoft.Storage.BlobCreated",outcome="matched"}"#))
        }
    }

    @Test func cloudEventsBatchOfOneHundred_oneRunEach() async throws {
        try await GatewayHarness.with(environment: Self.environment) { gateway in
            let id = try await Self.schedule(gateway)
            var events: [String] = []
            for index in 0..<100 {
                let etag = try await Self.putBlob(gateway, "input/batch-\(index).csv", "\(index)")
                events.append("""
                    {"specversion":"1.0","type":"Microsoft.Storage.BlobCreated","source":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/emulatedaccount",
                     "subject":"/blobServices/default/containers/workspaceblobstore/blobs/input/batch-\(index).csv","id":"e-\(index)","time":"2026-11-25T09:00:00Z",
                     "data":{"api":"PutBlob","eTag":"\(etag)"}}
                    """)
            }
            let answer = try await gateway.post(Self.route, "[\(events.joined(separator: ","))]", headers: ["Content-Type": "application/cloudevents-batch+json; charset=utf-8"])
            #expect(answer.status == 200 && answer.json?["runs"] as? Int == 100, "\(answer.bodyText)")
            let runs = try await DatastoreScheduleTests.settle(gateway, id, count: 100)
            #expect(Set(runs.compactMap { $0["trigger_file"] as? String }).count == 100 && runs.count == 100)
        }
    }

    /// Push first, then the poll lists the same version: one run. Poll first, then the push: one run.
    @Test func pushAndPoll_shareTheSeenState_oneRunEitherWay() async throws {
        try await GatewayHarness.with(environment: Self.environment) { gateway in
            // Polls every minute of the 60x clock: every second.
            let id = try await Self.schedule(gateway, polling: 1)
            let pushedFirst = try await Self.putBlob(gateway, "input/push-first.csv", "p")
            #expect(try await gateway.post(Self.route, "[\(Self.blobCreated("input/push-first.csv", etag: pushedFirst))]").json?["runs"] as? Int == 1)
            let polledFirst = try await Self.putBlob(gateway, "input/poll-first.csv", "q")
            var runs = try await DatastoreScheduleTests.settle(gateway, id, count: 2)
            #expect(try await gateway.post(Self.route, "[\(Self.blobCreated("input/poll-first.csv", etag: polledFirst))]").json?["runs"] as? Int == 0)
            runs = try await DatastoreScheduleTests.settle(gateway, id, count: 2)
            #expect(runs.compactMap { $0["trigger_file"] as? String }.sorted() == ["input/poll-first.csv", "input/push-first.csv"],
                "\(runs.map { [$0["trigger_file"], $0["scheduled_time"], $0["created_at"]] })")
            #expect(try await gateway.emulatorCalls("submit").count == 2)
        }
    }

    /// `make run` with no configuration: the gateway subscribed itself to the built-in emulator, so a
    /// Put Blob starts a run within seconds although the schedule polls only every 60 (scaled) minutes.
    @Test func embeddedEmulator_putBlob_startsARunWithoutAPoll() async throws {
        try await GatewayHarness.with(environment: ["GATEWAY_TESTING": "1", "GATEWAY_CLOCK_SCALE": "60"]) { gateway in
            let id = try await Self.schedule(gateway)
            var subscribed = false
            for _ in 0..<50 where !subscribed {
                let listed = try await gateway.request("GET", "/emulator/eventgrid/subscriptions", toEmulator: true)
                subscribed = listed.bodyText.contains("/v1/eventgrid/blob-events")
                if !subscribed { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(subscribed, "the gateway subscribed its endpoint to the emulator")
            let started = ContinuousClock.now
            _ = try await Self.putBlob(gateway, "input/landed.csv", "x")
            var runs: [[String: Any]] = []
            for _ in 0..<50 where runs.isEmpty {
                runs = try await Self.runs(gateway, id)
                if runs.isEmpty { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(runs.first?["trigger_file"] as? String == "input/landed.csv", "\(runs)")
            #expect(ContinuousClock.now - started < .seconds(5), "pushed, not polled (the next poll is a minute away)")
            let metrics = try await gateway.get("/metrics").bodyText
            #expect(metrics.contains(#"gateway_eventgrid_events_total{type="Microsoft.Storage.BlobCreated",outcome="matched"} 1"#))
        }
    }

    /// The emulator's own push and the every-second poll see the same versions: one run per upload.
    @Test func embeddedEmulator_pushAndPoll_oneRunPerUpload() async throws {
        try await GatewayHarness.with(environment: ["GATEWAY_TESTING": "1", "GATEWAY_CLOCK_SCALE": "60"]) { gateway in
            let id = try await Self.schedule(gateway, polling: 1)
            try await Task.sleep(for: .milliseconds(500))
            let first = try await Self.putBlob(gateway, "input/twice.csv", "1")
            try await Task.sleep(for: .milliseconds(1500))
            let second = try await Self.putBlob(gateway, "input/twice.csv", "22")
            #expect(first != second)
            let runs = try await DatastoreScheduleTests.settle(gateway, id, count: 2)
            #expect(runs.count == 2, "\(runs.map { [$0["trigger_file"], $0["scheduled_time"], $0["created_at"]] })")
        }
    }
}
