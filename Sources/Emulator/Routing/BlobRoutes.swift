import Foundation
import HTTPServer

/// The Blob service, path-style like Azurite (`/blob/{account}/{container}…`, DESIGN's
/// `AZURE_STORAGE_BLOB_ENDPOINT` rule): List Blobs and Put Blob over the datastores' folders
/// (`BlobFolderStore`). Storage's rules where a client could get them wrong: a bearer token the
/// emulator issued, `x-ms-version` of at least 2017-11-09 (the first that takes OAuth), XML
/// answers and XML errors with `x-ms-error-code`, `maxresults` from 1 (above 5000 is cut to 5000).
struct BlobRoutes: EmulatorRouteGroup {
    let gate: OperationGate

    static let containerRoute = "/blob/{account}/{container}"
    /// The router has no catch-all segment, so Put Blob is registered once per name depth.
    static let maximumNameDepth = 64
    static let oldestOAuthVersion = "2017-11-09"
    static let maximumResults = 5000

    private var services: EmulatorServices { gate.services }
    private var store: BlobFolderStore { BlobFolderStore(dataDirectory: services.configuration.dataDirectory) }

    func register(on router: inout Router) {
        router.on(.GET, Self.containerRoute) { request in
            storage(.listBlobs, request) { request, datastore throws(StorageError) in try list(request, datastore) }
        }
        var route = Self.containerRoute
        for depth in 1...Self.maximumNameDepth {
            route += "/{blobSegment\(depth)}"
            router.on(.PUT, route) { request in
                storage(.putBlob, request) { request, datastore throws(StorageError) in try put(request, datastore) }
            }
        }
    }

    /// Records the call and applies faults (`OperationGate`), then checks the token, the version
    /// and the container before `body` runs; every error answer is in Storage's XML shape.
    private func storage(
        _ operation: EmulatedOperation, _ request: HTTPRequest,
        _ body: @escaping @Sendable (HTTPRequest, EmulatedDatastore) throws(StorageError) -> HTTPResponse
    ) -> HTTPReply {
        let services = services
        let reply = gate.identity(operation, request) { request in
            do throws(StorageError) {
                try Self.authenticate(request, services)
                try Self.checkVersion(request)
                let account = request.pathParameters["account"] ?? ""
                let container = request.pathParameters["container"] ?? ""
                guard account == EmulatedDatastore.accountName else {
                    throw StorageError(status: .notFound, code: "ResourceNotFound", message: "The specified resource does not exist.")
                }
                guard let datastore = DatastoreCatalog.datastore(account: account, container: container) else {
                    throw StorageError.containerNotFound
                }
                var response = try body(request, datastore)
                if !response.headers.contains("x-ms-request-id") {
                    response.headers.set("x-ms-request-id", UUID().uuidString.lowercased())
                }
                response.headers.set("x-ms-version", request.headers["x-ms-version"] ?? Self.oldestOAuthVersion)
                return response
            } catch {
                return error.response(now: services.clock())
            }
        }
        return StorageError.restyle(reply, now: services.clock)
    }

    /// `GET /blob/{account}/{container}?restype=container&comp=list[&prefix][&delimiter][&marker][&maxresults]`.
    private func list(_ request: HTTPRequest, _ datastore: EmulatedDatastore) throws(StorageError) -> HTTPResponse {
        guard request.query("restype") == "container", request.query("comp") == "list" else {
            throw .badRequest(
                "InvalidQueryParameterValue",
                "The emulator serves only List Blobs on a container (?restype=container&comp=list) and Put Blob.")
        }
        let maxResults = try Self.maxResults(request.query("maxresults"))
        let marker = request.query("marker").flatMap { $0.isEmpty ? nil : $0 }
        var startName: String?
        if let marker {
            guard let name = BlobListing.name(fromMarker: marker) else {
                throw Self.invalidQuery("marker")
            }
            startName = name
        }
        let prefix = request.query("prefix") ?? ""
        let delimiter = request.query("delimiter") ?? ""
        let listing = BlobListing(
            blobs: store.blobs(container: datastore.containerName, prefix: prefix), prefix: prefix, delimiter: delimiter,
            marker: startName, maxResults: min(maxResults ?? Self.maximumResults, Self.maximumResults))
        let xml = EnumerationResultsXML.render(
            EnumerationResultsXML.Request(
                serviceEndpoint: services.baseURL(for: request) + "/blob/" + datastore.accountName + "/",
                container: datastore.containerName, prefix: request.query("prefix"), marker: marker, maxResults: maxResults,
                delimiter: request.query("delimiter")),
            listing)
        return HTTPResponse(status: .ok, headers: ["Content-Type": "application/xml"], body: Array(xml.utf8))
    }

    /// `PUT /blob/{account}/{container}/{name…}` with `x-ms-blob-type: BlockBlob`: 201 and the new ETag.
    /// Event Grid subscribers get a `BlobCreated` with that ETag; it is only queued here, so they
    /// never delay the answer.
    private func put(_ request: HTTPRequest, _ datastore: EmulatedDatastore) throws(StorageError) -> HTTPResponse {
        guard let type = request.headers["x-ms-blob-type"] else {
            throw .badRequest("MissingRequiredHeader", "An HTTP header that's mandatory for this request is not specified: x-ms-blob-type.")
        }
        guard type == "BlockBlob" else {
            throw .badRequest("InvalidHeaderValue", "The emulator stores block blobs only (x-ms-blob-type: BlockBlob), not '\(type)'.")
        }
        let blob = try store.put(container: datastore.containerName, name: try Self.blobName(request), bytes: request.body)
        let requestID = UUID().uuidString.lowercased()
        services.eventGrid.publish(
            BlobCreation(
                account: datastore.accountName, container: datastore.containerName, blob: blob,
                contentType: request.headers["x-ms-blob-content-type"] ?? request.headers["Content-Type"] ?? "application/octet-stream",
                clientRequestID: request.headers["x-ms-client-request-id"] ?? UUID().uuidString.lowercased(), requestID: requestID,
                blobEndpoint: services.baseURL(for: request) + "/blob"),
            at: services.clock())
        return HTTPResponse(
            status: .created,
            headers: [
                "ETag": "\"\(blob.etag)\"", "Last-Modified": blob.lastModified, "x-ms-request-server-encrypted": "true",
                "x-ms-request-id": requestID,
            ])
    }

    /// The blob name from the raw path after `/blob/{account}/{container}/`, decoded as a whole so
    /// an encoded `/` (`%2F`) separates folders as it does in Storage, then checked (`BlobName`).
    private static func blobName(_ request: HTTPRequest) throws(StorageError) -> BlobName {
        let parts = request.path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count > 4, let name = PercentDecoding.decode(parts[4...].joined(separator: "/")) else {
            throw .badRequest("InvalidUri", "The requested URI does not represent any resource on the server.")
        }
        return try BlobName(name)
    }

    private static func invalidQuery(_ name: String) -> StorageError {
        .badRequest("InvalidQueryParameterValue", "Value for one of the query parameters specified in the request URI is invalid: \(name).")
    }

    private static func maxResults(_ text: String?) throws(StorageError) -> Int? {
        guard let text else { return nil }
        guard let value = Int(text) else {
            throw Self.invalidQuery("maxresults")
        }
        guard value >= 1 else {
            throw .badRequest(
                "OutOfRangeQueryParameterValue",
                "One of the query parameters specified in the request URI is outside the permissible range: maxresults.")
        }
        return value
    }

    /// Any unexpired token the emulator issued, as Storage would take any token of the tenant
    /// whose identity has a data role. Storage's own codes: no header, or a token it rejects.
    private static func authenticate(_ request: HTTPRequest, _ services: EmulatorServices) throws(StorageError) {
        guard let header = request.headers["Authorization"], !header.isEmpty else {
            throw .unauthorized(
                "NoAuthenticationInformation",
                "Server failed to authenticate the request. Please refer to the information in the www-authenticate header.")
        }
        do {
            _ = try services.tokens.authenticate(request)
        } catch {
            throw .unauthorized("InvalidAuthenticationInfo", "Server failed to authenticate the request. \(error.message)")
        }
    }

    /// Bearer tokens need `x-ms-version` 2017-11-09 or later; dates compare as text.
    private static func checkVersion(_ request: HTTPRequest) throws(StorageError) {
        guard let version = request.headers["x-ms-version"], !version.isEmpty else {
            throw .badRequest("MissingRequiredHeader", "An HTTP header that's mandatory for this request is not specified: x-ms-version.")
        }
        guard version.count == 10, version >= oldestOAuthVersion else {
            throw .badRequest(
                "InvalidHeaderValue",
                "The value for one of the HTTP headers is not in the correct format: x-ms-version '\(version)'"
                    + " (bearer tokens need 2017-11-09 or later).")
        }
    }
}
