import Emulator
import Foundation
import Testing

/// Pipeline endpoints on Azure's paths (observed sheet §6): the seeded demo, create, lookups by id
/// and name, list with `activeOnly` and `BatchSize`, the SDK's whole-entity `PUT`, and submits
/// through an endpoint to its default or a pinned version.
@Suite struct PipelineEndpointTests {
    static let demo = AzureMLEmulator.demoPipelineID
    static let demoEndpoint = AzureMLEmulator.demoPipelineEndpointID

    /// Publishes a second pipeline and an endpoint over [demo, it]; returns (endpoint id, second pipeline id).
    static func twoVersions(_ h: EmulatorHarness, defaultVersion: String = "0") async throws -> (String, String) {
        let second = try await h.admin("POST", "/pipelines", body: #"{"id":"second-pipeline","name":"second","parameters":{"epochs":{"type":"Int","default":3}}}"#)
        #expect(second.status == 201)
        let created = try await h.admin(
            "POST", "/pipeline-endpoints",
            body: #"{"id":"ep-two","name":"two-versions","pipelines":["\#(demo)","second-pipeline"],"default_version":"\#(defaultVersion)"}"#)
        #expect(created.status == 201, "\(created.bodyText)")
        return ("ep-two", "second-pipeline")
    }

    @Test func demoEndpoint_isSeeded_inAzureShape() async throws {
        try await withEmulator { h in
            let response = try await h.azure("GET", "/PipelineEndpoints/Id/\(Self.demoEndpoint)")
            #expect(response.status == 200, "\(response.bodyText)")
            let json = try #require(response.json)
            #expect(json["Id"] as? String == Self.demoEndpoint)
            #expect(json["Name"] as? String == "MyRestPipelineEndpoint")
            #expect(json["DefaultVersion"] as? String == "0")
            #expect(json["EntityStatus"] as? Int == 0, "enums as integers, like the other entities")
            let versions = try #require(json["PipelineVersionList"] as? [[String: Any]])
            #expect(versions.count == 1)
            #expect(versions.first?["Version"] as? String == "0")
            #expect(versions.first?["PipelineId"] as? String == Self.demo)
            #expect((json["Url"] as? String)?.hasSuffix("/PipelineRuns/PipelineEndpointSubmit/Id/\(Self.demoEndpoint)") == true)
            #expect(json["tags"] is [String: Any])
        }
    }

    @Test func create_asPublishSends_thenFoundByName() async throws {
        try await withEmulator { h in
            let created = try await h.azure(
                "POST", "/PipelineEndpoints/Create", body: #"{"Name":"nightly","Description":"d","PipelineId":"\#(Self.demo)","Properties":{}}"#,
                contentType: "application/json-patch+json; charset=utf-8")
            #expect(created.status == 200, "\(created.bodyText)")
            let id = try #require(created.json?["Id"] as? String)
            #expect(created.json?["DefaultVersion"] as? String == "0")
            let byName = try await h.azure("GET", "/PipelineEndpoints/Name?Name=nightly")
            #expect(byName.status == 200)
            #expect(byName.json?["Id"] as? String == id)
            #expect(try await h.azure("GET", "/PipelineEndpoints/Name?Name=absent").errorCode == "PipelineEndpointNotFound")
            let duplicate = try await h.azure("POST", "/PipelineEndpoints/Create", body: #"{"Name":"NIGHTLY","PipelineId":"\#(Self.demo)"}"#)
            #expect(duplicate.status == 409)
            let unknownPipeline = try await h.azure("POST", "/PipelineEndpoints/Create", body: #"{"Name":"x","PipelineId":"missing"}"#)
            #expect(unknownPipeline.status == 404)
            #expect(unknownPipeline.errorCode == "PipelineNotFound")
            #expect(try await h.azure("GET", "/PipelineEndpoints/Id/missing").status == 404)
        }
    }

    @Test func list_filtersActiveOnly_andHonoursBatchSize() async throws {
        try await withEmulator { h in
            _ = try await Self.twoVersions(h)
            let off = try await h.admin("POST", "/pipeline-endpoints", body: #"{"id":"ep-off","name":"off","pipelines":["\#(Self.demo)"],"status":"Disabled"}"#)
            #expect(off.status == 201)
            #expect(try await h.azure("GET", "/PipelineEndpoints?activeOnly=true").jsonArray?.count == 2)
            #expect(try await h.azure("GET", "/PipelineEndpoints?activeOnly=false").jsonArray?.count == 3)
            let token = try await h.token()
            let batch = try await h.send("GET", h.ws + "/PipelineEndpoints?activeOnly=false", headers: [("Authorization", "Bearer \(token)"), ("BatchSize", "2")])
            #expect(batch.status == 200)
            let ids = (batch.jsonArray as? [[String: Any]])?.compactMap { $0["Id"] as? String }
            #expect(ids == [Self.demoEndpoint, "ep-two"], "oldest first, at most BatchSize")
            let bad = try await h.send("GET", h.ws + "/PipelineEndpoints", headers: [("Authorization", "Bearer \(token)"), ("BatchSize", "zero")])
            #expect(bad.status == 400)
            #expect(try await h.azure("GET", "/PipelineEndpoints?activeOnly=yes").status == 400)
        }
    }

    @Test func pipelines_ofAnEndpoint_inVersionOrder() async throws {
        try await withEmulator { h in
            let (endpoint, second) = try await Self.twoVersions(h)
            let response = try await h.azure("GET", "/PipelineEndpoints/\(endpoint)/pipelines?activeOnly=true")
            #expect(response.status == 200)
            #expect((response.jsonArray as? [[String: Any]])?.compactMap { $0["Id"] as? String } == [Self.demo, second])
        }
    }

    @Test func put_wholeEntity_disables_andAnActiveEndpointIsRequiredToSubmit() async throws {
        try await withEmulator { h in
            var entity = try #require(try await h.azure("GET", "/PipelineEndpoints/Id/\(Self.demoEndpoint)").json)
            entity["EntityStatus"] = "Disabled"
            let body = String(decoding: try JSONSerialization.data(withJSONObject: entity), as: UTF8.self)
            let put = try await h.azure("PUT", "/PipelineEndpoints/\(Self.demoEndpoint)", body: body, contentType: "application/json-patch+json; charset=utf-8")
            #expect(put.status == 200, "\(put.bodyText)")
            #expect(put.json?["EntityStatus"] as? Int == 2)
            #expect(put.json?["Etag"] as? String != entity["Etag"] as? String)
            let submit = try await h.azure("POST", "/PipelineRuns/PipelineEndpointSubmit/Id/\(Self.demoEndpoint)", body: #"{"ExperimentName":"e"}"#)
            #expect(submit.status == 400)
            #expect(submit.errorCode == "PipelineEndpointNotActive")
            let badDefault = try await h.azure("PUT", "/PipelineEndpoints/\(Self.demoEndpoint)", body: #"{"DefaultVersion":"7"}"#)
            #expect(badDefault.status == 400)
            #expect(try await h.azure("PUT", "/PipelineEndpoints/missing", body: "{}").status == 404)
        }
    }

    @Test func submit_runsTheDefaultVersion_orThePinnedOne() async throws {
        try await withEmulator { h in
            let (endpoint, second) = try await Self.twoVersions(h)
            let byDefault = try await h.azure("POST", "/PipelineRuns/PipelineEndpointSubmit/Id/\(endpoint)", body: #"{"ExperimentName":"e"}"#)
            #expect(byDefault.status == 200, "\(byDefault.bodyText)")
            #expect(byDefault.json?["PipelineId"] as? String == Self.demo)
            let pinned = try await h.azure(
                "POST", "/PipelineRuns/PipelineEndpointSubmit/Id/\(endpoint)/1?pipelineVersion=1",
                body: #"{"ExperimentName":"e","ParameterAssignments":{"epochs":5}}"#)
            #expect(pinned.status == 200, "\(pinned.bodyText)")
            #expect(pinned.json?["PipelineId"] as? String == second)
            let queryOnly = try await h.azure("POST", "/PipelineRuns/PipelineEndpointSubmit/Id/\(endpoint)?pipelineVersion=1", body: #"{"ExperimentName":"e"}"#)
            #expect(queryOnly.json?["PipelineId"] as? String == second)
            let runID = try #require(pinned.json?["Id"] as? String)
            #expect(try await h.azure("GET", "/PipelineRuns/\(runID)").status == 200, "an endpoint's run is a run like any other")
            let runsOfSecond = try await h.azure("GET", "/PipelineRuns/Pipeline/\(second)")
            #expect(runsOfSecond.jsonArray?.count == 2, "runs are listed under the version's pipeline, for reconciling")

            let mismatch = try await h.azure("POST", "/PipelineRuns/PipelineEndpointSubmit/Id/\(endpoint)/1?pipelineVersion=0", body: #"{"ExperimentName":"e"}"#)
            #expect(mismatch.status == 400)
            let unknownVersion = try await h.azure("POST", "/PipelineRuns/PipelineEndpointSubmit/Id/\(endpoint)/9", body: #"{"ExperimentName":"e"}"#)
            #expect(unknownVersion.status == 404)
            #expect(unknownVersion.errorCode == "PipelineVersionNotFound")
            let invalid = try await h.azure("POST", "/PipelineRuns/PipelineEndpointSubmit/Id/\(endpoint)/1", body: #"{"ExperimentName":"e","ParameterAssignments":{"epochs":"many"}}"#)
            #expect(invalid.status == 400)
            #expect(invalid.errorCode == "InvalidParameterValue", "validated against the chosen version's pipeline")
            #expect(try await h.azure("POST", "/PipelineRuns/PipelineEndpointSubmit/Id/missing", body: #"{"ExperimentName":"e"}"#).errorCode == "PipelineEndpointNotFound")
        }
    }

    @Test func adminPatch_changesTheDefault_seenByTheNextSubmit() async throws {
        try await withEmulator { h in
            let (endpoint, second) = try await Self.twoVersions(h)
            let patched = try await h.admin("PATCH", "/pipeline-endpoints/\(endpoint)", body: #"{"default_version":"1"}"#)
            #expect(patched.status == 200)
            #expect(patched.json?["DefaultVersion"] as? String == "1")
            let run = try await h.azure("POST", "/PipelineRuns/PipelineEndpointSubmit/Id/\(endpoint)", body: #"{"ExperimentName":"e"}"#)
            #expect(run.json?["PipelineId"] as? String == second)
            #expect(try await h.admin("PATCH", "/pipeline-endpoints/\(endpoint)", body: #"{"default_version":"5"}"#).status == 400)
            #expect(try await h.admin("PATCH", "/pipeline-endpoints/missing", body: "{}").status == 404)
            let unknownPipeline = try await h.admin("POST", "/pipeline-endpoints", body: #"{"name":"x","pipelines":["missing"]}"#)
            #expect(unknownPipeline.status == 404)
        }
    }

    @Test func faults_byTheEndpointOperationNames() async throws {
        try await withEmulator { h in
            _ = try await h.admin("POST", "/faults", body: #"{"operation":"get_pipeline_endpoint","status":503}"#)
            _ = try await h.admin("POST", "/faults", body: #"{"operation":"list_pipeline_endpoints","status":429,"retry_after":1}"#)
            #expect(try await h.azure("GET", "/PipelineEndpoints/Id/\(Self.demoEndpoint)").status == 503)
            #expect(try await h.azure("GET", "/PipelineEndpoints/Id/\(Self.demoEndpoint)").status == 200)
            #expect(try await h.azure("GET", "/PipelineEndpoints").status == 429)
            let ambiguous = try await h.admin("POST", "/faults", body: #"{"operation":"submit_endpoint","status":500,"after_accept":true}"#)
            #expect(ambiguous.status == 201, "\(ambiguous.bodyText)")
            let failed = try await h.azure("POST", "/PipelineRuns/PipelineEndpointSubmit/Id/\(Self.demoEndpoint)", body: #"{"ExperimentName":"e"}"#)
            #expect(failed.status == 500)
            let runs = try await h.azure("GET", "/PipelineRuns/Pipeline/\(Self.demo)")
            #expect(runs.jsonArray?.count == 1, "after_accept records the run and still fails the answer")
            let calls = try await h.admin("GET", "/calls?operation=submit_endpoint")
            #expect((calls.json?["items"] as? [Any])?.count == 1)
        }
    }
}
