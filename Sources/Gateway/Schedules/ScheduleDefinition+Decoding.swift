import JSON

/// Reading a stored definition with the gateway's own JSON parser rather than `JSONDecoder`: at start
/// every active schedule is decoded (100,000 of them within the scheduler's 2 s load budget), and
/// Foundation's decoder spent most of that time. The stored text is what `encoded()` wrote, so a
/// field of the wrong type means a damaged row: the whole definition is refused (nil), never guessed.
extension ScheduleDefinition {
    static func decode(_ text: String) -> ScheduleDefinition? {
        guard let root = try? JSONParser().parse(Array(text.utf8)), root.objectMembers != nil else { return nil }
        return ScheduleDefinition(json: root)
    }

    private init?(json root: JSONNode) {
        guard let experimentName = root["experiment_name"]?.stringValue,
            let catchup = root["catchup"]?.stringValue,
            let overlapPolicy = root["overlap_policy"]?.stringValue
        else { return nil }
        var parameters: [String: String] = [:]
        if let node = root["pipeline_parameters"], !node.isNull {
            guard let members = node.objectMembers else { return nil }
            for member in members {
                guard let value = member.value.stringValue else { return nil }
                parameters[member.key] = value
            }
        }
        var dataPaths: [String: DataPath] = [:]
        if let node = root["data_path_assignments"], !node.isNull {
            guard let members = node.objectMembers else { return nil }
            for member in members {
                guard let store = member.value["DataStoreName"]?.stringValue, let path = member.value["RelativePath"]?.stringValue else { return nil }
                dataPaths[member.key] = DataPath(dataStoreName: store, relativePath: path)
            }
        }
        self.init(
            description: root["description"]?.stringValue, experimentName: experimentName, pipelineParameters: parameters,
            dataPathAssignments: dataPaths, continueOnStepFailure: root["continue_on_step_failure"]?.boolValue,
            catchup: catchup, overlapPolicy: overlapPolicy)
        pipelineVersion = root["pipeline_version"]?.stringValue
        maxConcurrentRuns = root["max_concurrent_runs"]?.numberLiteral.flatMap { Int($0) }
        datastore = root["datastore"]?.stringValue
        pathOnDatastore = root["path_on_datastore"]?.stringValue
        pollingInterval = root["polling_interval"]?.numberLiteral.flatMap { Int($0) }
        dataPathParameterName = root["data_path_parameter_name"]?.stringValue
        filePattern = root["file_pattern"]?.stringValue
        importedFrom = root["imported_from"]?.stringValue
        handover = root["handover"]?.stringValue.flatMap(Handover.init(rawValue:))
        managedBy = root["managed_by"]?.stringValue
        if let node = root["recurrence"], !node.isNull {
            guard let frequency = node["frequency"]?.stringValue, let interval = node["interval"]?.numberLiteral.flatMap({ Int($0) }) else {
                return nil
            }
            func integers(_ key: String) -> [Int]? {
                node[key]?.arrayElements.map { $0.compactMap { $0.numberLiteral.flatMap { Int($0) } } }
            }
            recurrence = RecurrenceSpec(
                frequency: frequency, interval: interval, startTime: node["start_time"]?.stringValue, timeZone: node["time_zone"]?.stringValue,
                hours: integers("hours"), minutes: integers("minutes"), weekDays: node["week_days"]?.arrayElements.map { $0.compactMap(\.stringValue) },
                timeOfDay: node["time_of_day"]?.stringValue, endTime: node["end_time"]?.stringValue)
        }
        if let node = root["cron"], !node.isNull {
            guard let expression = node["expression"]?.stringValue else { return nil }
            cron = CronSpec(
                expression: expression, timeZone: node["time_zone"]?.stringValue, startTime: node["start_time"]?.stringValue,
                endTime: node["end_time"]?.stringValue)
        }
    }
}
