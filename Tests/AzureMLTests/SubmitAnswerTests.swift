import Foundation
import Testing
@testable import AzureML

/// The fast reader of submit answers must agree with the Codable entity on every shape it accepts,
/// and decline (so the entity decides) every shape it does not.
@Suite struct SubmitAnswerTests {
    static let full = #"""
        {"Id":"a0ea672d","Description":null,"Status":{"StatusCode":0,"StatusDetail":null,"CreationTime":"2026-11-25T03:17:57.9800696+00:00","EndTime":null},
         "GraphId":"g","IsSubmitted":true,"ParameterAssignments":{},"RunHistoryExperimentName":"x","PipelineId":"p","RunType":0,
         "tags":{"gateway_run_id":"r-1","team":"ml"},"CreatedBy":{"UserName":"x"}}
        """#

    static func viaEntity(_ text: String) throws -> PipelineRun? {
        let entity = try JSONDecoder().decode(PipelineRunEntity.self, from: Data(text.utf8))
        return PipelineRun(entity)
    }

    @Test(arguments: [
        full,
        #"{"Id":"r","Status":{"StatusCode":"Running","StatusDetail":"step 2"}}"#,
        #"{"Id":"r","Status":{"StatusCode":"3"}}"#,
        #"{"Id":"r","Status":{"StatusCode":"Queued"}}"#,
        #"{"Id":"r","Status":{"StatusCode":9}}"#,
        #"{"Id":"r","Status":null,"tags":null,"PipelineId":null}"#,
        #"{"Id":"r"}"#,
        #"{"Id":"r","CreatedDate":"2026-11-25T03:17:57Z","Status":{"StatusCode":3,"CreationTime":"1970-01-01T00:00:00","EndTime":"2026-11-25T04:00:00.1234567+01:00"}}"#,
    ])
    func agreesWithTheEntity(text: String) throws {
        let fast = try #require(SubmitAnswer.run(from: Data(text.utf8)))
        #expect(fast == (try Self.viaEntity(text)))
    }

    @Test(arguments: [
        #"{"Id":"r","tags":{"n":1}}"#,
        #"{"Id":"r","Status":{"StatusCode":1.5}}"#,
        #"{"Id":"","Status":{"StatusCode":0}}"#,
        #"{"Status":{"StatusCode":0}}"#,
        #"[{"Id":"r"}]"#,
        #"{"Id":"r","#,
        #"{"Id":7}"#,
        #"{"Id":"r","Status":{"CreationTime":"yesterday"}}"#,
    ])
    func declinesWhatItDoesNotReadPlainly(text: String) {
        #expect(SubmitAnswer.run(from: Data(text.utf8)) == nil)
    }
}
