import HTTPServer

/// The SDK facade's refusals in Azure's terms. Thrown as `HTTPError`s on `/pipelines/v1.0/…`
/// paths, they are rendered by `AzureErrorBody` as `{"Error":{"Code","Message","Details"}}`, which
/// the SDK shows as `ErrorResponseException: (Code) Message`.
enum FacadeError {
    static func badRequest(_ message: String, code: String = "BadRequest") -> HTTPError {
        HTTPError(.badRequest, detail: message, extensions: [("azure_code", code)])
    }

    static func notFound(_ message: String, code: String = "NotFound") -> HTTPError {
        HTTPError(.notFound, detail: message, extensions: [("azure_code", code)])
    }

    static func unknownOperation(_ method: HTTPMethod, _ path: Substring) -> HTTPError {
        notFound("The gateway serves no Schedules operation \(method) at this path.", code: "UnknownOperation")
    }

    static func noV1Form(_ id: String, _ reason: String) -> HTTPError {
        badRequest(
            "Schedule '\(id)' is a gateway schedule with no SDK v1 form (\(reason)); manage it through the gateway's /v1/schedules API.",
            code: "ScheduleNotSupportedBySDK")
    }

    /// A `/v1` validation problem re-addressed to the Azure fields the caller sent: the pointers
    /// (`/recurrence/time_zone`) become Azure's (`/Recurrence/TimeZone`) and the message names each
    /// field, so `ErrorResponseException` alone tells the user what to fix.
    static func translated(_ error: HTTPError) -> HTTPError {
        var translated = error
        translated.errors = error.errors.map { .init(pointer: azurePointer($0.pointer), detail: $0.detail) }
        if !translated.errors.isEmpty {
            let fields = translated.errors.map { "\(fieldName($0.pointer)): \($0.detail)" }.joined(separator: "; ")
            translated.detail = "\(error.detail) \(fields)"
        }
        if !translated.extensions.contains(where: { $0.0 == "azure_code" }) {
            translated.extensions.append(("azure_code", error.status.code == 422 || error.status.code == 400 ? "ValidationError" : AzureErrorBody.code(for: error.status.code)))
        }
        return translated
    }

    /// Gateway create-body pointers and the Azure entity's, longest first.
    static let pointerMap: [(gateway: String, azure: String)] = [
        ("/recurrence/frequency", "/Recurrence/Frequency"), ("/recurrence/interval", "/Recurrence/Interval"),
        ("/recurrence/start_time", "/Recurrence/StartTime"), ("/recurrence/time_zone", "/Recurrence/TimeZone"),
        ("/recurrence/hours", "/Recurrence/Schedule/Hours"), ("/recurrence/minutes", "/Recurrence/Schedule/Minutes"),
        ("/recurrence/week_days", "/Recurrence/Schedule/WeekDays"), ("/recurrence", "/Recurrence"),
        ("/pipeline_endpoint_id", "/PipelineEndpointId"), ("/pipeline_id", "/PipelineId"), ("/name", "/Name"),
        ("/experiment_name", "/PipelineSubmissionInfo/ExperimentName"), ("/description", "/PipelineSubmissionInfo/Description"),
        ("/pipeline_parameters", "/PipelineSubmissionInfo/ParameterAssignments"),
        ("/data_path_assignments", "/PipelineSubmissionInfo/DataPathAssignments"),
        ("/continue_on_step_failure", "/PipelineSubmissionInfo/ContinueRunOnStepFailure"),
        ("/datastore", "/DataStoreTriggerInfo/DataStoreName"), ("/path_on_datastore", "/DataStoreTriggerInfo/PathOnDataStore"),
        ("/polling_interval", "/DataStoreTriggerInfo/PollingInterval"),
        ("/data_path_parameter_name", "/DataStoreTriggerInfo/DataPathParameterName"),
    ]

    static func azurePointer(_ pointer: String) -> String {
        for (gateway, azure) in pointerMap where pointer == gateway || pointer.hasPrefix(gateway + "/") {
            return azure + pointer.dropFirst(gateway.count)
        }
        return pointer
    }

    /// `/Recurrence/Schedule/Hours/0` → `Recurrence.Schedule.Hours.0`; the whole body is `(body)`.
    static func fieldName(_ pointer: String) -> String {
        let name = pointer.split(separator: "/").joined(separator: ".")
        return name.isEmpty ? "(body)" : name
    }
}
