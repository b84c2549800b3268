import Foundation
import HTTPServer
import JSON
import Testing
@testable import Gateway

/// The facade's pure parts: the whole-replacement patch, the error translation and the token claims.
@Suite struct SDKFacadePartsTests {
    static func node(_ text: String) throws -> JSONNode { try JSONParser().parse(Array(text.utf8)) }

    @Test func wholeReplacement_nullsWhatTheNewValueLacks_atEveryDepth_andLeavesOtherFieldsAlone() throws {
        let current = try Self.node(#"{"name":"a","catchup":"all","recurrence":{"frequency":"Week","interval":1,"week_days":["Monday"],"hours":[2]},"pipeline_parameters":{"x":"1","y":"2"},"description":"d"}"#)
        let new = try Self.node(#"{"name":"a","recurrence":{"frequency":"Hour","interval":2},"pipeline_parameters":{"y":"3"}}"#)
        let patch = WholeReplacementPatch.make(from: current, to: new, fields: ["name", "recurrence", "pipeline_parameters", "description", "datastore"])
        let applied = MergePatch.apply(patch, to: current)
        #expect(applied == (try Self.node(#"{"name":"a","catchup":"all","recurrence":{"frequency":"Hour","interval":2},"pipeline_parameters":{"y":"3"}}"#)))
        #expect(patch["datastore"] == nil, "a field neither side has is not sent")
    }

    @Test func translated_namesTheAzureFields() {
        let error = HTTPError(
            .unprocessableContent, detail: "The schedule is invalid.",
            errors: [.init(pointer: "/recurrence/interval", detail: "must be at least 1"), .init(pointer: "/pipeline_parameters/lr", detail: "unknown")])
        let translated = FacadeError.translated(error)
        #expect(translated.errors.map(\.pointer) == ["/Recurrence/Interval", "/PipelineSubmissionInfo/ParameterAssignments/lr"])
        #expect(translated.detail.contains("Recurrence.Interval: must be at least 1"))
        #expect(translated.detail.contains("PipelineSubmissionInfo.ParameterAssignments.lr: unknown"))
        #expect(translated.extensions.contains { $0.0 == "azure_code" && $0.1 == "ValidationError" })
    }

    @Test func claims_readExpAndOid_fromAJWT_andNothingFromOtherTokens() {
        // {"alg":"none"} . {"exp":2000000000,"oid":"o-1"} . sig
        let jwt = "eyJhbGciOiJub25lIn0.eyJleHAiOjIwMDAwMDAwMDAsIm9pZCI6Im8tMSJ9.c2ln"
        let claims = BearerTokenClaims(token: jwt)
        #expect(claims.expiresAt == Date(timeIntervalSince1970: 2_000_000_000))
        #expect(claims.objectID == "o-1")
        #expect(BearerTokenClaims(token: "an-api-key") == BearerTokenClaims(token: ""))
        #expect(BearerTokenClaims(token: "a.b.c").expiresAt == nil)
    }
}
