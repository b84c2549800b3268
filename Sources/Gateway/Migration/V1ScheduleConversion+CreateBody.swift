import Foundation

extension V1ScheduleConversion {
    /// A `POST /v1/schedules` body (DESIGN "Resources", Schedule), with only the keys a v1 schedule
    /// can set; absent ones are left out so the gateway's defaults apply.
    struct CreateBody: Encodable, Sendable, Equatable {
        /// The API's own shapes, so a v1 schedule cannot say what a gateway create body cannot.
        typealias DataPath = ScheduleDefinition.DataPath
        typealias Recurrence = ScheduleDefinition.RecurrenceSpec

        var name: String
        var pipelineID: String?
        var pipelineEndpointID: String?
        var description: String?
        var experimentName: String
        var pipelineParameters: [String: String]
        var dataPathAssignments: [String: DataPath]
        var continueOnStepFailure: Bool?
        var recurrence: Recurrence?
        var datastore: String?
        var pathOnDatastore: String?
        var pollingInterval: Int?
        var dataPathParameterName: String?

        enum CodingKeys: String, CodingKey {
            case name, description, recurrence, datastore
            case pipelineID = "pipeline_id"
            case pipelineEndpointID = "pipeline_endpoint_id"
            case experimentName = "experiment_name"
            case pipelineParameters = "pipeline_parameters"
            case dataPathAssignments = "data_path_assignments"
            case continueOnStepFailure = "continue_on_step_failure"
            case pathOnDatastore = "path_on_datastore"
            case pollingInterval = "polling_interval"
            case dataPathParameterName = "data_path_parameter_name"
        }

        /// The body as the schedules API reads it.
        var bytes: [UInt8] {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return (try? encoder.encode(self)).map { Array($0) } ?? Array("{}".utf8)
        }
    }
}
