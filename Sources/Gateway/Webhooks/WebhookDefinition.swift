import Foundation

/// A webhook's mapping as stored (the `definition` column): which run a delivery starts, with
/// templates over the delivered JSON for its parameters, and the filter that decides whether it
/// starts one at all. Templates are kept as written and parsed when used.
struct WebhookDefinition: Codable, Sendable, Equatable {
    /// `{"DataStoreName", "RelativePath"}`, here each a template.
    typealias DataPath = ScheduleDefinition.DataPath

    /// `{"pointer": "/action", "in": […]}`; the accepted values are kept as JSON texts (strings,
    /// numbers, booleans), compared as JSON values.
    struct Filter: Codable, Sendable, Equatable {
        var pointer: String
        var values: [String]

        enum CodingKeys: String, CodingKey {
            case pointer
            case values = "in_json"
        }
    }

    var description: String?
    var experimentName: String
    /// The pinned version when the webhook runs a pipeline endpoint; nil = its default.
    var pipelineVersion: String?
    var continueOnStepFailure: Bool?
    var parameterAssignments: [String: String]
    var dataPathAssignments: [String: DataPath]
    var filter: Filter?

    enum CodingKeys: String, CodingKey {
        case description
        case experimentName = "experiment_name"
        case pipelineVersion = "pipeline_version"
        case continueOnStepFailure = "continue_on_step_failure"
        case parameterAssignments = "parameter_assignments"
        case dataPathAssignments = "data_path_assignments"
        case filter
    }

    func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func decode(_ text: String) -> WebhookDefinition? {
        try? JSONDecoder().decode(WebhookDefinition.self, from: Data(text.utf8))
    }
}
