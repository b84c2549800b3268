import JSON

extension TriggerBody {
    /// `parameter_assignments` of the ledger's run: the values as forwarded, as a JSON object.
    var parameterAssignmentsJSON: String {
        var writer = JSONWriter(reservingCapacity: 128)
        Self.write(parameterAssignments, to: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// `data_path_assignments` of the ledger's run, in Azure's `{DataStoreName, RelativePath}` shape.
    var dataPathAssignmentsJSON: String {
        var writer = JSONWriter(reservingCapacity: 128)
        Self.write(dataPathAssignments, to: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
