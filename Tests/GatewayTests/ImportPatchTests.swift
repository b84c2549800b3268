@testable import Gateway
import JSON
import Testing

/// The patch a re-import applies: what Azure dropped is removed (not kept, as a plain merge would),
/// nested objects are replaced member by member, and what only the gateway has is left alone.
@Suite struct ImportPatchTests {
    func node(_ text: String) throws -> JSONNode { try JSONParser().parse(Array(text.utf8)) }

    @Test func droppedFieldsAndMembersBecomeNull_gatewayOnlyFieldsStay() throws {
        let current = try node("""
            {"name":"weekly","pipeline_id":"p","description":"old","experiment_name":"e","pipeline_parameters":{"a":"1","b":"2"},
             "recurrence":{"frequency":"Week","interval":1,"hours":[2,14],"week_days":["Monday"]},"catchup":"all","overlap_policy":"skip"}
            """)
        let converted = try node("""
            {"name":"weekly","pipeline_id":"p","experiment_name":"e","pipeline_parameters":{"a":"3"},
             "recurrence":{"frequency":"Week","interval":1,"week_days":["Friday"]}}
            """)
        let patched = MergePatch.apply(ImportPatch.replacing(current, with: converted), to: current)
        #expect(patched["description"] == nil)
        #expect(patched["pipeline_parameters"] == (try node(#"{"a":"3"}"#)))
        #expect(patched["recurrence"]?["hours"] == nil)
        #expect(patched["recurrence"]?["week_days"] == (try node(#"["Friday"]"#)))
        #expect(patched["catchup"]?.stringValue == "all", "a gateway-only setting survives")
        #expect(patched["overlap_policy"]?.stringValue == "skip")
    }

    @Test func switchingTarget_clearsTheOther() throws {
        let current = try node(#"{"name":"n","pipeline_endpoint_id":"e","pipeline_version":"2","experiment_name":"x"}"#)
        let converted = try node(#"{"name":"n","pipeline_id":"p","experiment_name":"x"}"#)
        let patched = MergePatch.apply(ImportPatch.replacing(current, with: converted), to: current)
        #expect(patched["pipeline_id"]?.stringValue == "p")
        #expect(patched["pipeline_endpoint_id"] == nil)
        #expect(patched["pipeline_version"] == nil)
    }

    @Test func sameBody_patchesNothingAway() throws {
        let body = try node(#"{"name":"n","pipeline_id":"p","experiment_name":"x","recurrence":{"frequency":"Minute","interval":15}}"#)
        #expect(MergePatch.apply(ImportPatch.replacing(body, with: body), to: body) == body)
    }
}
