import JSON

extension TriggerBody {
    /// The exact bytes Azure's `PipelineSubmit` gets: compact JSON with the SDK's keys and order,
    /// only the fields that were given (msrest leaves out absent ones too), `RunSource` always, and
    /// `tags.gateway_run_id` set, replacing a value of that name in place or appended after the
    /// caller's tags, which are all kept.
    func azureBody(gatewayRunID: String) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 512)
        writer.beginObject()
        var taggedRun = tags
        if let index = taggedRun.firstIndex(where: { $0.name.utf8Equals(Self.runIDTag) }) {
            taggedRun[index].value = gatewayRunID
        } else {
            taggedRun.append(Entry(name: Self.runIDTag, value: gatewayRunID))
        }
        writeFields(to: &writer, canonical: false, tags: taggedRun)
        writer.endObject()
        return writer.bytes
    }

    /// The submit fields in the SDK's order, as Azure gets them or — `canonical` — with every map
    /// sorted and empty maps written too, so that equal requests give equal bytes (the fingerprint).
    func writeFields(to writer: inout JSONWriter, canonical: Bool, tags: [Entry]) {
        func ordered(_ entries: [Entry]) -> [Entry] {
            canonical ? entries.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) } : entries
        }
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
        if canonical || !parameterAssignments.isEmpty {
            writer.writeKey(TriggerField.parameterAssignments.wireName)
            Self.write(ordered(parameterAssignments), to: &writer)
        }
        if canonical || !dataPathAssignments.isEmpty {
            writer.writeKey(TriggerField.dataPathAssignments.wireName)
            let dataPaths = canonical
                ? dataPathAssignments.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) } : dataPathAssignments
            Self.write(dataPaths, to: &writer)
        }
        if let dataSetDefinitionValueAssignments {
            writer.writeKey(TriggerField.dataSetDefinitionValueAssignments.wireName)
            writer.write(dataSetDefinitionValueAssignments, sortingKeys: canonical)
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
        Self.write(ordered(tags), to: &writer)
        if let properties {
            writer.writeKey(TriggerField.properties.wireName)
            Self.write(ordered(properties), to: &writer)
        }
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
