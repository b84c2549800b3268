import Foundation
import Testing
import TestSupport
@testable import Gateway

/// Webhooks over real HTTP against the built-in emulator: deliveries signed by an independent
/// implementation (`openssl dgst`), never the gateway's own HMAC, start exactly one run with the
/// mapped parameters; every refusal says which check failed and never shows a secret.
@Suite(.serialized, .enabled(if: ExternalCommand.isAvailable("/usr/bin/openssl"), "needs openssl"))
struct WebhookEndToEndTests {
    static let pipeline = TriggerFixture.demoPipelineID
    static let githubSecret = "gh-secret-0123456789abcdef"

    /// HMAC-SHA256 of `body` by `openssl dgst`, lowercase hex; `hexKey` for binary keys.
    static func opensslHMAC(_ body: String, key: String? = nil, hexKey: String? = nil) async throws -> String {
        let file = NSTemporaryDirectory() + "hook-body-\(UUID().uuidString)"
        try Data(body.utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let keyArguments = hexKey.map { ["-mac", "HMAC", "-macopt", "hexkey:\($0)"] } ?? ["-hmac", key ?? ""]
        let result = try await ExternalCommand.run("/usr/bin/openssl", ["dgst", "-sha256"] + keyArguments + [file])
        let hex = result.output.split(separator: "=").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        #expect(result.status == 0 && hex.count == 64, "openssl: \(result.output)")
        return hex
    }

    static func bytes(hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) {
            out.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return out
    }

    static func create(_ gateway: GatewayHarness, _ body: String) async throws -> [String: Any] {
        let created = try await gateway.post("/v1/webhooks", body)
        #expect(created.status == 201, "\(created.bodyText)")
        return try #require(created.json)
    }

    /// The emulator's submissions once there are `count` (or after 10 s, however many there are).
    static func submits(_ gateway: GatewayHarness, reaching count: Int) async throws -> Int {
        for _ in 0..<100 {
            if try await gateway.emulatorCalls("submit").count >= count { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try await gateway.emulatorCalls("submit").count
    }

    static func runs(_ gateway: GatewayHarness) async throws -> [[String: Any]] {
        try await gateway.get("/v1/runs?source=webhook").json?["items"] as? [[String: Any]] ?? []
    }

    @Test func github_signedDelivery_startsOneRun_repeatIgnored_filterAndTamperingRefused() async throws {
        try await GatewayHarness.with { gateway in
            let hook = try await Self.create(gateway, """
                {"name":"releases","pipeline_id":"\(Self.pipeline)","experiment_name":"MyRestPipeline","scheme":"github",
                 "secrets":["\(Self.githubSecret)"],
                 "parameter_assignments":{"input_string":"release {{/release/tag_name}}"},
                 "data_path_assignments":{"input_datapath":{"DataStoreName":"workspaceblobstore","RelativePath":"incoming/{{/release/name}}.csv"}},
                 "filter":{"pointer":"/action","in":["published"]}}
                """)
            let id = try #require(hook["id"] as? String)
            #expect(hook["secrets"] == nil, "a given secret is not echoed")
            #expect((hook["secret_hints"] as? [String])?.count == 1)
            #expect((hook["delivery_url"] as? String)?.hasSuffix("/hooks/\(id)") == true)
            #expect(!(try await gateway.get("/v1/webhooks/\(id)").bodyText.contains(Self.githubSecret)))

            let payload = #"{"action":"published","release":{"tag_name":"v1.2","name":"notes"}}"#
            let signature = try await Self.opensslHMAC(payload, key: Self.githubSecret)
            let headers = ["X-Hub-Signature-256": "sha256=\(signature)", "X-GitHub-Delivery": "d-1", "X-GitHub-Event": "release"]
            let first = try await gateway.post("/hooks/\(id)", payload, headers: headers)
            #expect(first.status == 202, "\(first.bodyText)")
            #expect(first.json?["source"] as? String == "webhook" && first.json?["webhook_id"] as? String == id)
            #expect(first.json?["delivery_id"] as? String == "d-1")
            #expect(try await Self.submits(gateway, reaching: 1) == 1)
            let submitted = try await gateway.emulatorCalls("submit").first?["body"] as? [String: Any]
            #expect((submitted?["ParameterAssignments"] as? [String: Any])?["input_string"] as? String == "release v1.2")
            let dataPath = (submitted?["DataPathAssignments"] as? [String: Any])?["input_datapath"] as? [String: Any]
            #expect(dataPath?["RelativePath"] as? String == "incoming/notes.csv")

            // The sender retries: the first answer again, nothing new.
            let again = try await gateway.post("/hooks/\(id)", payload, headers: headers)
            #expect(again.status == 202 && again.header("Idempotent-Replayed") == "true")
            #expect(again.json?["id"] as? String == first.json?["id"] as? String)
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await gateway.emulatorCalls("submit").count == 1)

            // Re-serialised JSON (same data, other spacing) no longer matches the signature.
            let reserialised = try await gateway.post("/hooks/\(id)", payload.replacingOccurrences(of: ":", with: ": "), headers: headers)
            #expect(reserialised.status == 401)
            #expect(reserialised.json?["check"] as? String == "noMatchingSignature", "\(reserialised.bodyText)")
            #expect(!reserialised.bodyText.contains(signature) && !reserialised.bodyText.contains(Self.githubSecret))

            let unsigned = try await gateway.post("/hooks/\(id)", payload, headers: ["X-GitHub-Delivery": "d-2"])
            #expect(unsigned.status == 401 && unsigned.json?["check"] as? String == "missingHeader")

            let other = #"{"action":"edited","release":{"tag_name":"v1.3","name":"x"}}"#
            let ignored = try await gateway.post("/hooks/\(id)", other, headers: [
                "X-Hub-Signature-256": "sha256=\(try await Self.opensslHMAC(other, key: Self.githubSecret))", "X-GitHub-Delivery": "d-3",
            ])
            #expect(ignored.status == 200 && ignored.json?["ignored"] as? Bool == true)

            let ping = #"{"zen":"Keep it simple."}"#
            let pong = try await gateway.post("/hooks/\(id)", ping, headers: [
                "X-Hub-Signature-256": "sha256=\(try await Self.opensslHMAC(ping, key: Self.githubSecret))", "X-GitHub-Event": "ping",
            ])
            #expect(pong.status == 200)
            #expect(try await gateway.emulatorCalls("submit").count == 1)

            let log = try await gateway.get("/v1/webhooks/\(id)/deliveries").json?["items"] as? [[String: Any]] ?? []
            #expect(log.compactMap { $0["outcome"] as? String } == ["ignored", "ignored", "unauthorized", "unauthorized", "duplicate", "accepted"])
            #expect(log.last?["run_id"] as? String == first.json?["id"] as? String)
            let text = try await gateway.get("/v1/webhooks/\(id)/deliveries").bodyText
            #expect(!text.contains(Self.githubSecret) && !text.contains(signature))
        }
    }

    @Test func standard_generatedSecretShownOnce_signedDeliveryRuns_staleTimestampRefused() async throws {
        try await GatewayHarness.with { gateway in
            let hook = try await Self.create(gateway, """
                {"name":"std","pipeline_id":"\(Self.pipeline)","experiment_name":"MyRestPipeline",
                 "parameter_assignments":{"input_string":"{{/data/name}}"}}
                """)
            let id = try #require(hook["id"] as? String)
            #expect(hook["scheme"] as? String == "standard")
            let secret = try #require((hook["secrets"] as? [String])?.first)
            #expect(secret.hasPrefix("whsec_"))
            #expect(try await gateway.get("/v1/webhooks/\(id)").json?["secrets"] == nil, "shown once, at create")

            let key = try #require(Data(base64Encoded: String(secret.dropFirst("whsec_".count))))
            let hexKey = key.map { String(format: "%02x", $0) }.joined()
            let payload = #"{"type":"file.created","data":{"name":"from-standard"}}"#
            func sign(_ messageID: String, _ timestamp: Int) async throws -> [String: String] {
                let hex = try await Self.opensslHMAC("\(messageID).\(timestamp).\(payload)", hexKey: hexKey)
                let signature = Data(Self.bytes(hex: hex)).base64EncodedString()
                return ["webhook-id": messageID, "webhook-timestamp": String(timestamp), "webhook-signature": "v1,\(Data(count: 32).base64EncodedString()) v1,\(signature)"]
            }
            let now = Int(Date().timeIntervalSince1970)
            let accepted = try await gateway.post("/hooks/\(id)", payload, headers: try await sign("msg_1", now))
            #expect(accepted.status == 202, "\(accepted.bodyText)")
            let stale = try await gateway.post("/hooks/\(id)", payload, headers: try await sign("msg_2", now - 600))
            #expect(stale.status == 401 && stale.json?["check"] as? String == "staleTimestamp", "\(stale.bodyText)")
            #expect(try await Self.submits(gateway, reaching: 1) == 1)
            let submitted = try await gateway.emulatorCalls("submit").first?["body"] as? [String: Any]
            #expect((submitted?["ParameterAssignments"] as? [String: Any])?["input_string"] as? String == "from-standard")
        }
    }

    @Test func token_queryCode_missingPointer422_disabled409_unknownHook404() async throws {
        try await GatewayHarness.with { gateway in
            let token = "logic-app-token-0123456789"
            let hook = try await Self.create(gateway, """
                {"name":"adf","pipeline_id":"\(Self.pipeline)","experiment_name":"MyRestPipeline","scheme":"token","secrets":["\(token)"],
                 "parameter_assignments":{"input_string":"{{/file}}"}}
                """)
            let id = try #require(hook["id"] as? String)
            let ok = try await gateway.post("/hooks/\(id)?code=\(token)", #"{"file":"a.csv"}"#, headers: ["Idempotency-Key": "adf-1"])
            #expect(ok.status == 202, "\(ok.bodyText)")
            let bearer = try await gateway.post("/hooks/\(id)", #"{"file":"b.csv"}"#, headers: ["Authorization": "Bearer \(token)"])
            #expect(bearer.status == 202, "\(bearer.bodyText)")
            let wrong = try await gateway.post("/hooks/\(id)?code=nope-nope-nope-nope", #"{"file":"a.csv"}"#)
            #expect(wrong.status == 401 && wrong.json?["check"] as? String == "wrongToken")
            let missing = try await gateway.post("/hooks/\(id)?code=\(token)", #"{"other":1}"#)
            #expect(missing.status == 422, "\(missing.bodyText)")
            let problem = (missing.json?["errors"] as? [[String: Any]])?.first
            #expect(problem?["pointer"] as? String == "/parameter_assignments/input_string")
            #expect((problem?["detail"] as? String)?.contains("/file") == true)
            let notJSON = try await gateway.post("/hooks/\(id)?code=\(token)", "a=b", headers: ["Content-Type": "application/x-www-form-urlencoded"])
            #expect(notJSON.status == 415)

            let patched = try await gateway.request("PATCH", "/v1/webhooks/\(id)", body: #"{"status":"Disabled"}"#)
            #expect(patched.status == 200 && patched.json?["status"] as? String == "Disabled")
            let disabled = try await gateway.post("/hooks/\(id)?code=\(token)", #"{"file":"c.csv"}"#)
            #expect(disabled.status == 409)
            #expect(try await gateway.post("/hooks/no-such-hook?code=\(token)", "{}").status == 404)
            #expect(try await Self.submits(gateway, reaching: 2) == 2)
        }
    }

    @Test func management_secretsRotate_limits_unknownParameter_ifMatch_delete() async throws {
        try await GatewayHarness.with { gateway in
            let unknown = try await gateway.post("/v1/webhooks", """
                {"name":"x","pipeline_id":"\(Self.pipeline)","experiment_name":"E","parameter_assignments":{"no_such":"{{/a}}"}}
                """)
            #expect(unknown.status == 422)
            #expect((unknown.json?["errors"] as? [[String: Any]])?.first?["pointer"] as? String == "/parameter_assignments/no_such")
            let badTemplate = try await gateway.post("/v1/webhooks", """
                {"name":"x","pipeline_id":"\(Self.pipeline)","experiment_name":"E","scheme":"nope","parameter_assignments":{"input_string":"{{/a"}}
                """)
            #expect(badTemplate.status == 400)
            let pointers = (badTemplate.json?["errors"] as? [[String: Any]])?.compactMap { $0["pointer"] as? String }
            #expect(pointers == ["/scheme", "/parameter_assignments/input_string"])

            let hook = try await Self.create(gateway, #"{"name":"rot","pipeline_id":"\#(Self.pipeline)","experiment_name":"E"}"#)
            let id = try #require(hook["id"] as? String)
            let firstHint = try #require((hook["secret_hints"] as? [String])?.first)
            let added = try await gateway.post("/v1/webhooks/\(id)/secrets", "{}")
            #expect(added.status == 201 && (added.json?["secret"] as? String)?.hasPrefix("whsec_") == true)
            #expect(try await gateway.post("/v1/webhooks/\(id)/secrets").status == 201)
            let fourth = try await gateway.post("/v1/webhooks/\(id)/secrets", "{}")
            #expect(fourth.status == 422)
            #expect(try await gateway.request("DELETE", "/v1/webhooks/\(id)/secrets/\(firstHint)").status == 204)
            let hints = try await gateway.get("/v1/webhooks/\(id)").json?["secret_hints"] as? [String] ?? []
            #expect(hints.count == 2 && !hints.contains(firstHint))
            for hint in hints.dropFirst() { #expect(try await gateway.request("DELETE", "/v1/webhooks/\(id)/secrets/\(hint)").status == 204) }
            #expect(try await gateway.request("DELETE", "/v1/webhooks/\(id)/secrets/\(hints[0])").status == 409, "never the last one")

            let stale = try await gateway.request("PATCH", "/v1/webhooks/\(id)", body: #"{"name":"renamed"}"#, headers: ["If-Match": "\"7\""])
            #expect(stale.status == 412)
            let listed = try await gateway.get("/v1/webhooks").json?["items"] as? [[String: Any]] ?? []
            #expect(listed.map { $0["id"] as? String } == [id])
            #expect(try await gateway.request("DELETE", "/v1/webhooks/\(id)").status == 204)
            #expect(try await gateway.get("/v1/webhooks/\(id)").status == 404)
        }
    }

    @Test func stripe_signedEvent_runs_eventIDIsTheDeliveryID_staleRefused() async throws {
        try await GatewayHarness.with { gateway in
            let secret = "whsec_stripe_test_0123456789"
            let hook = try await Self.create(gateway, """
                {"name":"payments","pipeline_id":"\(Self.pipeline)","experiment_name":"MyRestPipeline","scheme":"stripe","secrets":["\(secret)"],
                 "parameter_assignments":{"input_string":"{{/data/object/id}}"},"filter":{"pointer":"/type","in":["payment_intent.succeeded"]}}
                """)
            let id = try #require(hook["id"] as? String)
            let payload = #"{"id":"evt_1","type":"payment_intent.succeeded","data":{"object":{"id":"pi_42"}}}"#
            let now = Int(Date().timeIntervalSince1970)
            let signature = try await Self.opensslHMAC("\(now).\(payload)", key: secret)
            let accepted = try await gateway.post("/hooks/\(id)", payload, headers: ["Stripe-Signature": "t=\(now),v1=\(signature)"])
            #expect(accepted.status == 202, "\(accepted.bodyText)")
            #expect(accepted.json?["delivery_id"] as? String == "evt_1")
            let old = now - 400
            let staleSignature = try await Self.opensslHMAC("\(old).\(payload)", key: secret)
            let stale = try await gateway.post("/hooks/\(id)", payload, headers: ["Stripe-Signature": "t=\(old),v1=\(staleSignature)"])
            #expect(stale.status == 401 && stale.json?["check"] as? String == "staleTimestamp")
            #expect(try await Self.submits(gateway, reaching: 1) == 1)
            let submitted = try await gateway.emulatorCalls("submit").first?["body"] as? [String: Any]
            #expect((submitted?["ParameterAssignments"] as? [String: Any])?["input_string"] as? String == "pi_42")
        }
    }

    /// A custom Event Grid topic as a webhook (scheme `eventgrid`): both handshakes, then one run per
    /// event of a batch (mapped over the event), duplicates by event id, a bad event skipped.
    @Test func eventgridScheme_handshakes_oneRunPerEvent_duplicatesByEventID() async throws {
        try await GatewayHarness.with { gateway in
            let code = "custom-topic-code-0123456789"
            let hook = try await Self.create(gateway, """
                {"name":"topic","pipeline_id":"\(Self.pipeline)","experiment_name":"MyRestPipeline","scheme":"eventgrid","secrets":["\(code)"],
                 "parameter_assignments":{"input_string":"{{/data/name}}"},"filter":{"pointer":"/eventType","in":["Contoso.Items.Created"]}}
                """)
            let id = try #require(hook["id"] as? String)
            let target = "/hooks/\(id)?code=\(code)"
            let validation = #"[{"id":"v","eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","subject":"","topic":"t","data":{"validationCode":"abc-123"}}]"#
            let validated = try await gateway.post(target, validation)
            #expect(validated.status == 200 && validated.json?["validationResponse"] as? String == "abc-123")
            let options = try await gateway.request("OPTIONS", "/hooks/\(id)", headers: ["WebHook-Request-Origin": "eventgrid.azure.net"])
            #expect(options.status == 200 && options.header("WebHook-Allowed-Origin") == "eventgrid.azure.net")

            func event(_ eventID: String, _ type: String, _ data: String) -> String {
                #"{"id":"\#(eventID)","eventType":"\#(type)","subject":"items","topic":"t","eventTime":"2026-11-25T09:00:00Z","data":\#(data)}"#
            }
            let batch = "[" + [
                event("e1", "Contoso.Items.Created", #"{"name":"first"}"#), event("e2", "Contoso.Items.Deleted", #"{"name":"gone"}"#),
                event("e3", "Contoso.Items.Created", #"{"other":1}"#), event("e4", "Contoso.Items.Created", #"{"name":"second"}"#),
            ].joined(separator: ",") + "]"
            let delivered = try await gateway.post(target, batch)
            #expect(delivered.status == 202, "\(delivered.bodyText)")
            let outcomes = (delivered.json?["events"] as? [[String: Any]] ?? []).compactMap { $0["outcome"] as? String }
            #expect(outcomes == ["accepted", "ignored", "invalid", "accepted"])
            let again = try await gateway.post(target, batch)
            let repeated = (again.json?["events"] as? [[String: Any]] ?? []).compactMap { $0["outcome"] as? String }
            #expect(repeated == ["duplicate", "ignored", "invalid", "duplicate"])
            #expect(try await Self.submits(gateway, reaching: 2) == 2)
            let names = try await gateway.emulatorCalls("submit").compactMap {
                (($0["body"] as? [String: Any])?["ParameterAssignments"] as? [String: Any])?["input_string"] as? String
            }
            #expect(names.sorted() == ["first", "second"])
            let log = try await gateway.get("/v1/webhooks/\(id)/deliveries?limit=20").json?["items"] as? [[String: Any]] ?? []
            #expect(log.filter { $0["delivery_id"] as? String == "e1" }.count == 2, "one log entry per event and delivery")
        }
    }

    /// The mapped body meets the same validator as every trigger: a value the pipeline's declared
    /// type refuses is a 422 naming the parameter, and an unparsable body a 400; neither starts a run.
    @Test func valueRejectedByThePipeline_422_unparsable_400() async throws {
        try await GatewayHarness.with { gateway in
            let pipeline = try await gateway.publish(GatewayPipelinesTests.pipeline("typed-hook"))
            let token = "typed-token-0123456789abcd"
            let hook = try await Self.create(gateway, """
                {"name":"typed","pipeline_id":"\(pipeline)","experiment_name":"typed","scheme":"token","secrets":["\(token)"],
                 "parameter_assignments":{"epochs":"{{/epochs}}"}}
                """)
            let id = try #require(hook["id"] as? String)
            let refused = try await gateway.post("/hooks/\(id)?code=\(token)", #"{"epochs":"many"}"#)
            #expect(refused.status == 422, "\(refused.bodyText)")
            #expect((refused.json?["errors"] as? [[String: Any]])?.first?["pointer"] as? String == "/parameter_assignments/epochs")
            let outOfRange = try await gateway.post("/hooks/\(id)?code=\(token)", #"{"epochs":500}"#)
            #expect(outOfRange.status == 422, "\(outOfRange.bodyText)")
            let unparsable = try await gateway.post("/hooks/\(id)?code=\(token)", #"{"epochs":"#)
            #expect(unparsable.status == 400)
            let accepted = try await gateway.post("/hooks/\(id)?code=\(token)", #"{"epochs":7}"#)
            #expect(accepted.status == 202, "\(accepted.bodyText)")
            #expect(try await Self.submits(gateway, reaching: 1) == 1)
            let log = try await gateway.get("/v1/webhooks/\(id)/deliveries").json?["items"] as? [[String: Any]] ?? []
            #expect(log.compactMap { $0["outcome"] as? String } == ["accepted", "invalid", "invalid", "invalid"])
        }
    }

    /// A delivery's run is claimed for forwarding before the 202: the periodic reconciliation leaves
    /// it to its forward (which is waiting on Azure) instead of looking it up itself.
    @Test func answeredDelivery_isLeftToItsForward_notTakenByReconciliation() async throws {
        try await GatewayHarness.with { gateway in
            let token = "reconcile-token-0123456789"
            let hook = try await Self.create(gateway, """
                {"name":"slow","pipeline_id":"\(Self.pipeline)","experiment_name":"MyRestPipeline","scheme":"token","secrets":["\(token)"]}
                """)
            let id = try #require(hook["id"] as? String)
            try await gateway.injectFault(#"{"operation":"submit","delay_ms":1500}"#)
            let accepted = try await gateway.post("/hooks/\(id)?code=\(token)", "{}")
            #expect(accepted.status == 202)
            let runID = try #require(accepted.json?["id"] as? String)
            #expect(await gateway.app.ledger.reconcile() == 0, "the run is being forwarded; reconciliation leaves it")
            #expect(try await gateway.emulatorCalls("list_pipeline_runs").isEmpty)
            var settled = false
            for _ in 0..<50 where !settled {
                settled = try await gateway.get("/v1/runs/\(runID)").json?["azure_run_id"] is String
                if !settled { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(settled)
            #expect(try await gateway.emulatorCalls("submit").count == 1)
        }
    }
}
