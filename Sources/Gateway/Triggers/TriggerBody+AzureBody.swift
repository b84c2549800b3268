import JSON

extension TriggerBody {
    /// The exact bytes Azure's `PipelineSubmit` gets: compact JSON with the SDK's keys and order,
    /// only the fields that were given (msrest leaves out absent ones too), `RunSource` always, and
    /// `tags.gateway_run_id` set, replacing a value of that name in place or appended after the
    /// caller's tags, which are all kept.
    func azureBody(gatewayRunID: String) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 512)
        writer.beginObject()
        writer.writeKey(TriggerField.experimentName.wireName)
        writer.writeString(experimentName)
        if let description {
            writer.writeKey(TriggerField.description.wireName)
            writer.writeString(description)
        }
        writer.writeKey(TriggerField.runSource.wireName)
        writer.writeString(runSource)
        if let runType {
            writer.writeKey(TriggerField.runType.wireName)
            writer.writeString(runType)
        }
        if !parameterAssignments.isEmpty {
            writer.writeKey(TriggerField.parameterAssignments.wireName)
            Self.write(parameterAssignments, to: &writer)
        }
        if !dataPathAssignments.isEmpty {
            writer.writeKey(TriggerField.dataPathAssignments.wireName)
            Self.write(dataPathAssignments, to: &writer)
        }
        if let dataSetDefinitionValueAssignments {
            writer.writeKey(TriggerField.dataSetDefinitionValueAssignments.wireName)
            writer.write(dataSetDefinitionValueAssignments)
        }
        if let continueRunOnStepFailure {
            writer.writeKey(TriggerField.continueRunOnStepFailure.wireName)
            writer.writeBool(continueRunOnStepFailure)
        }
        if let enableNotification {
            writer.writeKey(TriggerField.enableNotification.wireName)
            writer.writeBool(enableNotification)
        }
        writer.writeKey(TriggerField.tags.wireName)
        var taggedRun = tags
        if let index = taggedRun.firstIndex(where: { $0.name.utf8Equals(Self.runIDTag) }) {
            taggedRun[index].value = gatewayRunID
        } else {
            taggedRun.append(Entry(name: Self.runIDTag, value: gatewayRunID))
        }
        Self.write(taggedRun, to: &writer)
        if let properties {
            writer.writeKey(TriggerField.properties.wireName)
            Self.write(properties, to: &writer)
        }
        writer.endObject()
        return writer.bytes
    }

    static func write(_ entries: [Entry], to writer: inout JSONWriter) {
        writer.beginObject()
        for entry in entries {
            writer.writeKey(entry.name)
            writer.writeString(entry.value)
        }
        writer.endObject()
    }

    static func write(_ dataPaths: [DataPathEntry], to writer: inout JSONWriter) {
        writer.beginObject()
        for dataPath in dataPaths {
            writer.writeKey(dataPath.name)
            writer.beginObject()
            writer.writeKey(DataPathKey.dataStoreName.wireName)
            writer.writeString(dataPath.dataStoreName)
            writer.writeKey(DataPathKey.relativePath.wireName)
            writer.writeString(dataPath.relativePath)
            writer.endObject()
        }
        writer.endObject()
    }
}
