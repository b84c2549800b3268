public import Foundation
public import Observability

/// Lists one folder of a blob datastore through Blob Storage's List Blobs REST call (reference §8),
/// for change-based schedules: the folder's direct children only, as the SDK's datastore schedules
/// watched them (`prefix=<folder>/`, `delimiter=/`; subfolders are skipped), every page followed
/// through `NextMarker`.
///
/// Calls go through the same machinery as the client's reads — a bearer token from a `TokenCache`
/// (for the Storage scope, `https://storage.azure.com/.default`), the read deadline and retries,
/// a 401 refresh, a circuit breaker — by way of a private `AzureMLClient` aimed at Storage. That
/// breaker is the lister's own: Storage failing must not stop pipeline submissions. Each request
/// carries `x-ms-version: 2021-08-06` (Storage needs ≥ 2017-11-09 for OAuth). No SAS or account
/// key is ever used, so none can reach a log or an error.
public final class BlobLister: Sendable {
    /// The token scope of Blob Storage in the public cloud.
    public static let storageScope = "https://storage.azure.com/.default"
    /// The Storage REST version sent with every request.
    public static let apiVersion = "2021-08-06"

    /// The path-style Blob base (`{base}/{account}/{container}`), or nil to address each datastore's
    /// account by name (`{protocol}://{account}.blob.{endpoint}/{container}`).
    public let endpoint: URL?
    /// `maxresults` per page; nil leaves Storage's default (5000).
    public let pageSize: Int?

    private let engine: AzureMLClient
    private let logger: Logger

    /// - Parameters:
    ///   - endpoint: See `resolveEndpoint(configured:azureMLEndpoint:)` for DESIGN's rule.
    ///   - credential: Shared with the pipelines client when it is the same `TokenCache` (tokens are
    ///     cached per scope).
    ///   - configuration: Deadlines, retries and breaker limits; its `scope` is replaced by `scope`.
    ///   - scope: The Storage token scope (sovereign clouds have their own).
    public init(
        endpoint: URL?,
        credential: any TokenCredential,
        configuration: AzureMLClientConfiguration = AzureMLClientConfiguration(),
        scope: String = BlobLister.storageScope,
        pageSize: Int? = nil,
        logger: Logger = Logger(),
        metrics: MetricsRegistry? = nil,
        transport: HTTPTransport = HTTPTransport(),
        clock: AzureMLClock = .system,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) }
    ) {
        self.endpoint = endpoint
        self.pageSize = pageSize.map { max(1, $0) }
        var storageConfiguration = configuration
        storageConfiguration.scope = scope
        self.logger = logger.with(["component": "blob_lister"])
        // The engine only ever sends to URLs built here, so its workspace and base are never used.
        engine = AzureMLClient(
            workspace: WorkspaceReference(subscriptionID: "", resourceGroup: "", workspaceName: ""),
            baseURL: endpoint ?? URL(fileURLWithPath: "/"),
            credential: credential,
            configuration: storageConfiguration,
            logger: self.logger,
            metrics: metrics,
            transport: transport,
            clock: clock,
            random: random
        )
    }

    /// DESIGN's rule for the Blob base: `AZURE_STORAGE_BLOB_ENDPOINT` when configured, else
    /// `{AZUREML_ENDPOINT}/blob` when a full pipelines base is configured (where the emulator serves
    /// Blob), else nil: each datastore's own account host.
    public static func resolveEndpoint(configured: URL?, azureMLEndpoint: URL?) -> URL? {
        if let configured { return configured }
        guard let azureMLEndpoint else { return nil }
        var text = azureMLEndpoint.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return URL(string: text + "/blob")
    }

    /// The blobs directly inside `folder` (no leading or trailing `/` needed; empty = the
    /// container's top level), in Storage's order (lexicographic), across all pages.
    ///
    /// - Throws: `AzureMLError` (operation `list_blobs`): Storage's code and message for a refusal
    ///   (`ContainerNotFound`, `AuthorizationPermissionMismatch`…), `.malformedResponse` for an
    ///   answer that is not a listing or pages that loop, `.badRequest` for a datastore whose
    ///   account or endpoint cannot form a URL.
    public func listFolder(_ folder: String, in datastore: Datastore) async throws(AzureMLError) -> [BlobItem] {
        let operation = AzureMLOperation.listBlobs
        let container = try containerURL(for: datastore)
        let trimmed = folder.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let prefix = trimmed.isEmpty ? "" : trimmed + "/"
        var blobs: [BlobItem] = []
        var marker: String?
        var seenMarkers: Set<String> = []
        var pages = 0
        repeat {
            let answer = try await engine.send(
                operation, method: "GET", url: try listURL(container, prefix: prefix, marker: marker),
                headers: ["x-ms-version": Self.apiVersion, "Accept": "application/xml"]
            )
            pages += 1
            let page: BlobListPage
            do {
                page = try BlobListPage.parse(answer.response.body)
            } catch {
                throw engine.malformed(Self.describe(error), answer, operation)
            }
            // Direct children only, even from a server that ignored the delimiter.
            blobs += page.blobs.filter { blob in
                guard blob.name.hasPrefix(prefix) else { return false }
                let rest = blob.name.dropFirst(prefix.count)
                return !rest.isEmpty && !rest.contains("/")
            }
            marker = page.nextMarker
            if let next = marker, !seenMarkers.insert(next).inserted {
                throw engine.malformed("the listing repeated a NextMarker; paging would never end", answer, operation)
            }
        } while marker != nil
        logger.debug(
            "listed blob folder",
            ["datastore": .string(datastore.name), "blobs": .int(blobs.count), "pages": .int(pages)]
        )
        return blobs
    }

    /// `{endpoint}/{account}/{container}` (path-style) or `{protocol}://{account}.blob.{suffix}/{container}`.
    public func containerURL(for datastore: Datastore) throws(AzureMLError) -> URL {
        let operation = AzureMLOperation.listBlobs.name
        if let endpoint {
            return try RequestPath.url(
                base: endpoint, segments: [datastore.accountName, datastore.containerName], query: [], operation: operation
            )
        }
        // The account and suffix become a host name: anything but a storage account name and a DNS
        // suffix could send the bearer token somewhere else.
        let scheme = datastore.protocol.lowercased()
        let account = datastore.accountName.lowercased()
        let suffix = datastore.endpoint.lowercased()
        guard scheme == "https" || scheme == "http" else {
            throw Self.invalid(datastore, "has unsupported protocol '\(TokenEndpoint.truncate(scheme, limit: 16))'")
        }
        guard (3...24).contains(account.count), account.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw Self.invalid(datastore, "has an invalid storage account name")
        }
        let labels = suffix.split(separator: ".", omittingEmptySubsequences: false)
        let isHostName = labels.count >= 2 && labels.allSatisfy { label in
            !label.isEmpty && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
        guard isHostName, let base = URL(string: "\(scheme)://\(account).blob.\(suffix)") else {
            throw Self.invalid(datastore, "has an invalid storage endpoint suffix")
        }
        return try RequestPath.url(base: base, segments: [datastore.containerName], query: [], operation: operation)
    }

    /// One page's request: `?restype=container&comp=list&prefix=…&delimiter=/&marker=…&maxresults=…`.
    private func listURL(_ container: URL, prefix: String, marker: String?) throws(AzureMLError) -> URL {
        var query: [(String, String)] = [("restype", "container"), ("comp", "list")]
        if !prefix.isEmpty { query.append(("prefix", prefix)) }
        query.append(("delimiter", "/"))
        if let marker { query.append(("marker", marker)) }
        if let pageSize { query.append(("maxresults", String(pageSize))) }
        guard let url = URL(string: container.absoluteString + "?" + FormEncoding.query(query)) else {
            throw AzureMLError(
                code: .badRequest, message: "the List Blobs URL could not be formed", operation: AzureMLOperation.listBlobs.name
            )
        }
        return url
    }

    private static func invalid(_ datastore: Datastore, _ problem: String) -> AzureMLError {
        AzureMLError(code: .badRequest, message: "datastore '\(datastore.name)' \(problem)", operation: AzureMLOperation.listBlobs.name)
    }

    private static func describe(_ error: BlobListPage.ParseError) -> String {
        switch error {
        case .notAListing:
            "the answer was not a List Blobs XML document (EnumerationResults)"
        case .badBlob(let index, let field):
            "blob \(index) of the listing has no valid \(field)"
        }
    }
}
