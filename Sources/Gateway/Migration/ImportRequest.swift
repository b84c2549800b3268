import HTTPServer
import JSON

/// The body of `POST /v1/imports`: `{"mode":"import"|"take_over"|"give_back","azure_schedule_ids":[…]}`.
/// Every problem is collected with its pointer, like the other create bodies of the API.
struct ImportRequest: Sendable, Equatable {
    enum Mode: String, Sendable, CaseIterable {
        /// Create or update a Disabled gateway copy of each v1 schedule.
        case `import`
        /// Import, then move each schedule from Azure to its gateway copy.
        case takeOver = "take_over"
        /// Move each taken-over schedule back to Azure.
        case giveBack = "give_back"
    }

    var mode: Mode
    /// The Azure schedules to work on; nil = every v1 schedule of the workspace.
    var azureScheduleIDs: [String]?

    static let problemType = "https://pipeline-gateway.dev/problems/invalid-import"
    static let acceptedKeys = ["mode", "azure_schedule_ids"]

    static func parse(_ bytes: [UInt8]) -> Result<ImportRequest, HTTPError> {
        var body: ResourceBody
        switch ResourceBody.read(bytes, describing: "import", acceptedKeys: acceptedKeys) {
        case .success(let read): body = read
        case .failure(let failure): return .failure(failure.error("import request", type: problemType))
        }
        let modes = Mode.allCases.map(\.rawValue).joined(separator: ", ")
        var mode: Mode?
        if let text = body.string("mode", required: true) {
            mode = Mode(rawValue: text)
            if mode == nil { body.add("/mode", "'\(text)' is not a mode; use one of \(modes).") }
        }
        var ids: [String]?
        switch body.root["azure_schedule_ids"] {
        case .none, .some(.null): break
        case .some(.array(let elements)):
            ids = []
            for (index, element) in elements.enumerated() {
                if let id = element.stringValue, !id.isEmpty {
                    if !(ids ?? []).contains(id) { ids?.append(id) }
                } else {
                    body.add("/azure_schedule_ids/\(index)", "Each Azure schedule id must be a non-empty string.")
                }
            }
        case .some:
            body.add("/azure_schedule_ids", "'azure_schedule_ids' must be an array of Azure schedule ids.")
        }
        guard body.problems.isEmpty, let mode else {
            return .failure(ScheduleRequestProblems(problems: body.problems).error("import request", type: problemType))
        }
        return .success(ImportRequest(mode: mode, azureScheduleIDs: ids))
    }
}
