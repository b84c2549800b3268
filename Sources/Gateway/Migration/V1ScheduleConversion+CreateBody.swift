import Foundation

extension V1ScheduleConversion {
    /// A `POST /v1/schedules` body (DESIGN "Resources", Schedule), with only the keys a v1 schedule
    /// can set; absent ones are left out so the gateway's defaults apply.
    struct CreateBody: Encodable, Sendable, Equatable {
        struct DataPath: Encodable, Sendable, Equatable {
            var dataStoreName: String
            var relativePath: String

            enum CodingKeys: String, CodingKey {
                case dataStoreName = "DataStoreName"
                case relativePath = "RelativePath"
            }
        }

        struct Recurrence: Encodable, Sendable, Equatable {
            var frequency: String
            var interval: Int
            var startTime: String?
            var timeZone: String?
            var hours: [Int]?
            var minutes: [Int]?
            var weekDays: [String]?

            enum CodingKeys: String, CodingKey {
                case frequency, interval, hours, minutes
                case startTime = "start_time"
                case timeZone = "time_zone"
                case weekDays = "week_days"
            }
        }

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
