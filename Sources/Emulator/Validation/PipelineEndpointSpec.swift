import Foundation

/// The bodies that make or change a pipeline endpoint: Azure's `PipelineEndpointCreationInfo`
/// (`PipelineEndpoint.publish`), the whole entity the SDK `PUT`s back (`disable()`, `set_default`),
/// and the emulator's own admin body. Azure's bodies bind keys ignoring case and enums in every
/// form; every version must name a published pipeline, and the default must be one of the versions.
enum PipelineEndpointSpec {
    /// `{"Name","Description","PipelineId","tags","Properties"}`: a new endpoint whose version "0" is
    /// the pipeline, and the default.
    static func created(from body: [UInt8], pipelines: PipelineRegistry, now: Date) throws(AzureError) -> EmulatedPipelineEndpoint {
        guard let object = JSONValue.parse(body)?.objectValue else {
            throw invalid("The body must be a JSON object (PipelineEndpointCreationInfo: Name, Description, PipelineId).")
        }
        guard let name = object.value(ignoringCase: "Name")?.stringValue, !name.isEmpty else { throw invalid("Name is required.") }
        guard let pipelineID = object.value(ignoringCase: "PipelineId")?.stringValue, !pipelineID.isEmpty else {
            throw invalid("PipelineId is required: the published pipeline that becomes version 0.")
        }
        try requirePipeline(pipelineID, pipelines)
        return EmulatedPipelineEndpoint(
            id: UUID().uuidString.lowercased(), name: name, description: try optionalString(object, "Description"), defaultVersion: "0",
            versions: [.init(version: "0", pipelineID: pipelineID)], status: .active, tags: try stringMap(object, "tags"),
            properties: try stringMap(object, "Properties"), createdAt: now, modifiedAt: now, etag: EmulatedPipeline.newETag())
    }

    /// Applies a `PUT` of the whole entity: the writable fields replace the stored ones when present;
    /// read-only ones (`Id`, `Etag`, dates, `Url`) are ignored, as the SDK sends back what it read.
    static func apply(entity body: [UInt8], to endpoint: inout EmulatedPipelineEndpoint, pipelines: PipelineRegistry, now: Date) throws(AzureError) {
        guard let object = JSONValue.parse(body)?.objectValue else {
            throw invalid("The body must be a JSON object (PipelineEndpointEntity).")
        }
        if let raw = object.value(ignoringCase: "Name"), !raw.isNull {
            guard let name = raw.stringValue, !name.isEmpty else { throw invalid("Name must be a non-empty string.") }
            endpoint.name = name
        }
        if object.value(ignoringCase: "Description") != nil { endpoint.description = try optionalString(object, "Description") }
        if let raw = object.value(ignoringCase: "PipelineVersionList"), !raw.isNull {
            guard case .array(let items) = raw else { throw invalid("PipelineVersionList must be an array of {Version, PipelineId}.") }
            var versions: [EmulatedPipelineEndpoint.Version] = []
            for item in items {
                guard let entry = item.objectValue, let version = entry.value(ignoringCase: "Version")?.scalarText, !version.isEmpty,
                    let pipelineID = entry.value(ignoringCase: "PipelineId")?.stringValue, !pipelineID.isEmpty
                else { throw invalid("Each PipelineVersionList entry needs a Version and a PipelineId.") }
                guard !versions.contains(where: { $0.version == version }) else { throw invalid("Version '\(version)' is listed twice.") }
                try requirePipeline(pipelineID, pipelines)
                versions.append(.init(version: version, pipelineID: pipelineID))
            }
            guard !versions.isEmpty else { throw invalid("PipelineVersionList must keep at least one version.") }
            endpoint.versions = versions
        }
        if let raw = object.value(ignoringCase: "DefaultVersion"), !raw.isNull {
            guard let version = raw.scalarText else { throw invalid("DefaultVersion must be a version string.") }
            endpoint.defaultVersion = version
        }
        guard endpoint.pipelineID(forVersion: nil) != nil else {
            throw invalid("DefaultVersion '\(endpoint.defaultVersion)' is not in PipelineVersionList.")
        }
        if let raw = object.value(ignoringCase: "EntityStatus"), !raw.isNull {
            guard let status = EntityStatus(wire: raw) else { throw invalid("EntityStatus must be one of \(EntityStatus.wireNames) (or 0–2).") }
            endpoint.status = status
        }
        if object.value(ignoringCase: "tags") != nil { endpoint.tags = try stringMap(object, "tags") }
        if object.value(ignoringCase: "Properties") != nil { endpoint.properties = try stringMap(object, "Properties") }
        endpoint.modifiedAt = now
        endpoint.etag = EmulatedPipeline.newETag()
    }

    /// `POST /emulator/pipeline-endpoints` `{"id","name","description","pipelines":[id…],"default_version","status"}`:
    /// the pipelines become versions "0", "1", … in order; the default is the last one unless given.
    static func admin(from body: [UInt8], pipelines: PipelineRegistry, now: Date) throws(AzureError) -> EmulatedPipelineEndpoint {
        guard let object = JSONValue.parse(body)?.objectValue else {
            throw adminInvalid("The body must be a JSON object {\"id\",\"name\",\"description\",\"pipelines\",\"default_version\",\"status\"}.")
        }
        guard let name = object["name"]?.stringValue, !name.isEmpty else { throw adminInvalid("'name' is required (a non-empty string).") }
        var id = UUID().uuidString.lowercased()
        if let raw = object["id"], !raw.isNull {
            guard let text = raw.stringValue, !text.isEmpty, !text.contains("/"), !text.contains("?") else {
                throw adminInvalid("'id' must be a non-empty path segment.")
            }
            id = text
        }
        guard case .array(let items)? = object["pipelines"], !items.isEmpty else {
            throw adminInvalid("'pipelines' must be a non-empty array of published pipeline ids (versions \"0\", \"1\", … in order).")
        }
        var versions: [EmulatedPipelineEndpoint.Version] = []
        for (index, item) in items.enumerated() {
            guard let pipelineID = item.stringValue, !pipelineID.isEmpty else { throw adminInvalid("'pipelines'[\(index)] must be a pipeline id.") }
            try requirePipeline(pipelineID, pipelines)
            versions.append(.init(version: String(index), pipelineID: pipelineID))
        }
        var endpoint = EmulatedPipelineEndpoint(
            id: id, name: name, description: object["description"]?.stringValue, defaultVersion: versions[versions.count - 1].version,
            versions: versions, status: .active, tags: [:], properties: [:], createdAt: now, modifiedAt: now, etag: EmulatedPipeline.newETag())
        try applyAdmin(object, to: &endpoint)
        return endpoint
    }

    /// `PATCH /emulator/pipeline-endpoints/{id}` `{"default_version","status"}`: what tests change
    /// between calls (a new default picked up by the next versionless submit, a disabled endpoint).
    static func adminPatch(_ body: [UInt8], to endpoint: inout EmulatedPipelineEndpoint, now: Date) throws(AzureError) {
        guard let object = JSONValue.parse(body)?.objectValue else { throw adminInvalid("The body must be a JSON object {\"default_version\",\"status\"}.") }
        try applyAdmin(object, to: &endpoint)
        endpoint.modifiedAt = now
        endpoint.etag = EmulatedPipeline.newETag()
    }

    private static func applyAdmin(_ object: JSONObject, to endpoint: inout EmulatedPipelineEndpoint) throws(AzureError) {
        if let raw = object["default_version"], !raw.isNull {
            guard let version = raw.scalarText, endpoint.pipelineID(forVersion: version) != nil else {
                throw adminInvalid("'default_version' must be one of the versions: \(endpoint.versions.map(\.version).joined(separator: ", ")).")
            }
            endpoint.defaultVersion = version
        }
        if let raw = object["status"], !raw.isNull {
            guard let status = EntityStatus(wire: raw) else { throw adminInvalid("'status' must be one of \(EntityStatus.wireNames).") }
            endpoint.status = status
        }
    }

    private static func requirePipeline(_ id: String, _ pipelines: PipelineRegistry) throws(AzureError) {
        guard pipelines.pipeline(id: id) != nil else { throw PipelineRoutes.notFound(id) }
    }

    private static func optionalString(_ object: JSONObject, _ key: String) throws(AzureError) -> String? {
        guard let raw = object.value(ignoringCase: key), !raw.isNull else { return nil }
        guard let text = raw.stringValue else { throw invalid("\(key) must be a string.") }
        return text
    }

    private static func stringMap(_ object: JSONObject, _ key: String) throws(AzureError) -> [String: String] {
        guard let raw = object.value(ignoringCase: key), !raw.isNull else { return [:] }
        guard let map = raw.objectValue else { throw invalid("\(key) must be an object of name → value.") }
        var result: [String: String] = [:]
        for member in map.members {
            guard let text = member.value.scalarText else { throw invalid("\(key)['\(member.key)'] must be a string.") }
            result[member.key] = text
        }
        return result
    }

    private static func invalid(_ message: String) -> AzureError {
        .badRequest("InvalidPipelineEndpoint", message)
    }

    private static func adminInvalid(_ message: String) -> AzureError {
        .badRequest("InvalidPipelineEndpointSpec", message)
    }
}
