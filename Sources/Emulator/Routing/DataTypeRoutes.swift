import HTTPServer

/// Pipeline DataTypes on the pipelines service: `GET {WS}/DataTypes`, which the SDK sends before
/// almost every action, and `POST {WS}/DataTypes`, which it sends for each required type the GET
/// lacked. The GET is a plain array (the SDK fails on a wrapper) holding the 11 required types, so
/// the SDK never POSTs; a POST of an existing id is refused with a PascalCase message containing
/// "already exist", the one refusal the SDK's `try_create_datatype` tolerates.
struct DataTypeRoutes: EmulatorRouteGroup {
    let gate: OperationGate

    private var services: EmulatorServices { gate.services }

    func register(on router: inout Router) {
        let ws = WorkspaceScope.pipelinesRoute
        router.on(.GET, ws + "/DataTypes") { request in
            gate.service(.listDataTypes, request) { request, _ throws(AzureError) in list(request) }
        }
        router.on(.POST, ws + "/DataTypes") { request in
            gate.service(.createDataType, request) { request, _ throws(AzureError) in try create(request) }
        }
    }

    private func list(_ request: HTTPRequest) -> HTTPResponse {
        let style = services.style(for: request)
        let types = services.dataTypes.all(now: services.clock())
        return HTTPResponse.json(.ok, JSONValue.array(types.map { $0.wire(style) }).serialized)
    }

    /// `DataTypeCreationInfo` `{"Id","Name","Description","IsDirectory","ParentDataTypeIds"}`, bound
    /// ignoring case; 200 with the `DataTypeEntity` (the SDK treats 201 as a failure).
    private func create(_ request: HTTPRequest) throws(AzureError) -> HTTPResponse {
        guard let object = JSONValue.parse(request.body)?.objectValue else {
            throw .badRequest("InvalidRequestBody", "The request body must be a JSON object (DataTypeCreationInfo).")
        }
        guard let id = object.value(ignoringCase: "Id")?.stringValue, !id.isEmpty else {
            throw .badRequest("InvalidDataTypeId", "Id is required: a non-empty string naming the DataType.")
        }
        let name = try optionalString(object, "Name") ?? id
        let description = try optionalString(object, "Description")
        var isDirectory = false
        if let raw = object.value(ignoringCase: "IsDirectory"), !raw.isNull {
            guard case .bool(let flag) = raw else { throw .badRequest("InvalidRequestBody", "IsDirectory must be true or false.") }
            isDirectory = flag
        }
        var parents: [String] = []
        if let raw = object.value(ignoringCase: "ParentDataTypeIds"), !raw.isNull {
            guard case .array(let items) = raw else {
                throw .badRequest("InvalidRequestBody", "ParentDataTypeIds must be an array of DataType ids.")
            }
            for item in items {
                guard let parent = item.stringValue else {
                    throw .badRequest("InvalidRequestBody", "ParentDataTypeIds must be an array of DataType ids.")
                }
                parents.append(parent)
            }
        }
        let now = services.clock()
        let type = EmulatedDataType(
            id: id, name: name, description: description, isDirectory: isDirectory, parentIDs: parents, createdAt: now,
            etag: EmulatedPipeline.newETag())
        switch services.dataTypes.create(type, now: now) {
        case .success(let created):
            return HTTPResponse.json(.ok, created.wire(services.style(for: request)).serialized)
        case .failure(.exists(let existing)):
            throw AzureError(status: .conflict, code: "DataTypeAlreadyExists", message: "DataType \(existing) already exists.")
        case .failure(.unknownParent(let parent)):
            throw .badRequest("DataTypeNotFound", "Parent DataType \(parent) does not exist.")
        }
    }

    private func optionalString(_ object: JSONObject, _ key: String) throws(AzureError) -> String? {
        guard let raw = object.value(ignoringCase: key), !raw.isNull else { return nil }
        guard let text = raw.stringValue else { throw .badRequest("InvalidRequestBody", "\(key) must be a string.") }
        return text
    }
}
