import AzureML
import Foundation
import HTTPServer
import Observability
import Synchronization
import TestSupport
import Testing

/// `BlobLister`: one folder level of a container through List Blobs, every page, over the client's
/// retry machinery with a Storage token.
@Suite("Blob listing")
struct BlobListerTests {
    static let route = "/blob/{account}/{container}"
    static let datastore = Datastore(name: "workspaceblobstore", accountName: "acct1", containerName: "data")

    static func lister(_ port: Int, credential: any TokenCredential = StaticTokenCredential(token: "storage-token"), pageSize: Int? = nil)
        -> BlobLister
    {
        BlobLister(
            endpoint: URL(string: "http://127.0.0.1:\(port)/blob"), credential: credential, configuration: StubAzure.configuration(),
            pageSize: pageSize, logger: Logger(sink: InMemoryLogSink()), clock: TestClock().clock, random: { 0.5 })
    }

    static func xml(_ status: Int = 200, _ body: String, headers: [(String, String)] = []) -> HTTPResponse {
        HTTPResponse(
            status: HTTPStatus(code: status), headers: HTTPHeaders([("Content-Type", "application/xml")] + headers), body: Array(body.utf8))
    }

    static func page(_ entries: String, next: String) -> String {
        #"<?xml version="1.0" encoding="utf-8"?><EnumerationResults ServiceEndpoint="http://x/" ContainerName="data">"#
            + "<Prefix>incoming/</Prefix><Delimiter>/</Delimiter><Blobs>\(entries)</Blobs>"
            + (next.isEmpty ? "<NextMarker />" : "<NextMarker>\(next)</NextMarker>") + "</EnumerationResults>"
    }

    static func blob(_ name: String, etag: String = "0x8D1", modified: String = "Tue, 24 Nov 2026 10:00:00 GMT", length: String = "42") -> String {
        "<Blob><Name>\(name)</Name><Properties><Creation-Time>\(modified)</Creation-Time><Last-Modified>\(modified)</Last-Modified>"
            + "<Etag>\(etag)</Etag><Content-Length>\(length)</Content-Length><BlobType>BlockBlob</BlobType></Properties></Blob>"
    }

    static func list(_ script: [HTTPResponse], lister make: (Int) -> BlobLister = { lister($0) }, folder: String = "incoming")
        async throws -> (Result<[BlobItem], AzureMLError>, [HTTPRequest])
    {
        let stub = ScriptedResponder(script)
        var router = Router()
        router.on(.GET, route) { request in stub.respond(request) }
        let result = try await withTestServer(router: router) { port, _ in
            do throws(AzureMLError) {
                return Result<[BlobItem], AzureMLError>.success(try await make(port).listFolder(folder, in: datastore))
            } catch {
                return .failure(error)
            }
        }
        return (result, stub.recorder.all)
    }

    @Test func pages_areFollowedByMarker_subfoldersExcluded_entitiesDecoded() async throws {
        let credential = ScopeRecordingCredential()
        let (result, requests) = try await Self.list(
            [
                Self.xml(200, Self.page(Self.blob("incoming/a.csv", etag: "0x8DA") + "<BlobPrefix><Name>incoming/sub/</Name></BlobPrefix>"
                    + Self.blob("incoming/b &amp; c &lt;1&gt; &#x41;.csv", etag: "0x8DB", length: "7"), next: "2!64!bWFya2Vy")),
                Self.xml(200, Self.page(Self.blob("incoming/d.csv", etag: "0x8DD", modified: "Wed, 25 Nov 2026 08:30:15 GMT"), next: "")),
            ],
            lister: { Self.lister($0, credential: credential) })
        let items = try result.get()
        #expect(items.map(\.name) == ["incoming/a.csv", "incoming/b & c <1> A.csv", "incoming/d.csv"])
        #expect(items.map(\.etag) == ["0x8DA", "0x8DB", "0x8DD"])
        #expect(items[1].contentLength == 7)
        #expect(items[0].lastModified == Date(timeIntervalSince1970: 1_795_514_400))
        #expect(items[2].lastModified == Date(timeIntervalSince1970: 1_795_595_415))

        #expect(requests.count == 2)
        #expect(requests.map { $0.pathParameters["account"] } == ["acct1", "acct1"])
        #expect(requests.map { $0.pathParameters["container"] } == ["data", "data"])
        let first = requests[0].queryFields
        #expect(first == ["restype": "container", "comp": "list", "prefix": "incoming/", "delimiter": "/"])
        #expect(requests[1].queryFields["marker"] == "2!64!bWFya2Vy")
        for request in requests {
            #expect(request.headers["x-ms-version"] == "2021-08-06")
            #expect(request.headers["Authorization"] == "Bearer storage-token")
            #expect(request.headers["Accept"] == "application/xml")
        }
        #expect(credential.scopes.allSatisfy { $0 == "https://storage.azure.com/.default" })
    }

    @Test func pageSize_isSentAsMaxResults_andTheRootFolderHasNoPrefix() async throws {
        let (result, requests) = try await Self.list(
            [Self.xml(200, Self.page(Self.blob("top.csv"), next: ""))], lister: { Self.lister($0, pageSize: 2) }, folder: "/")
        #expect(try result.get().map(\.name) == ["top.csv"])
        #expect(requests.first?.queryFields["maxresults"] == "2")
        #expect(requests.first?.queryFields["prefix"] == nil)
    }

    @Test func blobsBeyondTheFolder_areExcluded_evenIfTheServerIgnoresTheDelimiter() async throws {
        let (result, _) = try await Self.list([
            Self.xml(200, Self.page(Self.blob("incoming/a.csv") + Self.blob("incoming/sub/deep.csv") + Self.blob("other/x.csv"), next: ""))
        ])
        #expect(try result.get().map(\.name) == ["incoming/a.csv"])
    }

    struct Malformed: Sendable, CustomTestStringConvertible {
        var name: String
        var body: String
        var testDescription: String { name }
    }

    static let malformed: [Malformed] = [
        .init(name: "not XML", body: "not xml at all"),
        .init(name: "truncated", body: #"<?xml version="1.0"?><EnumerationResults><Blobs><Blob><Name>x</Name>"#),
        .init(name: "mismatched tags", body: "<EnumerationResults><Blobs></Blob></EnumerationResults>"),
        .init(name: "another document", body: "<Other><Blobs/></Other>"),
        .init(name: "JSON", body: #"{"blobs":[]}"#),
        .init(name: "blob without Etag", body: page("<Blob><Name>incoming/a</Name><Properties><Last-Modified>Tue, 24 Nov 2026 10:00:00 GMT</Last-Modified><Content-Length>1</Content-Length></Properties></Blob>", next: "")),
        .init(name: "bad Last-Modified", body: page(blob("incoming/a", modified: "yesterday"), next: "")),
        .init(name: "bad Content-Length", body: page(blob("incoming/a", length: "-1"), next: "")),
        .init(name: "blob without Name", body: page("<Blob><Properties/></Blob>", next: "")),
    ]

    @Test(arguments: malformed)
    func malformedListings_areMalformedResponses(_ c: Malformed) async throws {
        let (result, requests) = try await Self.list([Self.xml(200, c.body)])
        guard case .failure(let error) = result else {
            Issue.record("a malformed listing was accepted")
            return
        }
        #expect(error.code == .malformedResponse)
        #expect(error.operation == "list_blobs")
        #expect(error.statusCode == 200)
        #expect(requests.count == 1, "a malformed answer is not retried")
    }

    @Test func repeatedMarker_stopsAsMalformed() async throws {
        let (result, requests) = try await Self.list([Self.xml(200, Self.page(Self.blob("incoming/a"), next: "same"))])
        guard case .failure(let error) = result else {
            Issue.record("an endless listing was accepted")
            return
        }
        #expect(error.code == .malformedResponse)
        #expect(error.message.contains("NextMarker"))
        #expect(requests.count == 2)
    }

    @Test func storageXMLError_carriesItsCodeAndFirstMessageLine() async throws {
        let body = #"<?xml version="1.0" encoding="utf-8"?><Error><Code>ContainerNotFound</Code>"#
            + "<Message>The specified container does not exist.\nRequestId:abc\nTime:2026-11-24T10:00:00Z</Message></Error>"
        let (result, _) = try await Self.list([Self.xml(404, body, headers: [("x-ms-error-code", "ContainerNotFound")])])
        guard case .failure(let error) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == .notFound)
        #expect(error.azureCode == "ContainerNotFound")
        #expect(error.message == "The specified container does not exist.")
    }

    @Test func errorCodeOnlyInTheHeader_isStillReported() async throws {
        let (result, _) = try await Self.list([Self.xml(403, "", headers: [("x-ms-error-code", "AuthorizationPermissionMismatch")])])
        guard case .failure(let error) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == .forbidden)
        #expect(error.azureCode == "AuthorizationPermissionMismatch")
    }

    @Test func serverBusy_isRetriedLikeARead() async throws {
        let busy = Self.xml(503, "<Error><Code>ServerBusy</Code><Message>busy</Message></Error>", headers: [("Retry-After", "1")])
        let (result, requests) = try await Self.list([busy, Self.xml(200, Self.page(Self.blob("incoming/a"), next: ""))])
        #expect(try result.get().count == 1)
        #expect(requests.count == 2)
    }

    struct URLCase: Sendable, CustomTestStringConvertible {
        var name: String
        var endpoint: String?
        var datastore: Datastore
        var expected: String?
        var testDescription: String { name }
    }

    static let urlCases: [URLCase] = [
        .init(
            name: "path-style", endpoint: "http://127.0.0.1:9000/blob/", datastore: datastore,
            expected: "http://127.0.0.1:9000/blob/acct1/data"),
        .init(name: "account host", endpoint: nil, datastore: datastore, expected: "https://acct1.blob.core.windows.net/data"),
        .init(
            name: "sovereign cloud", endpoint: nil,
            datastore: Datastore(name: "d", accountName: "Acct2", containerName: "c", endpoint: "core.chinacloudapi.cn"),
            expected: "https://acct2.blob.core.chinacloudapi.cn/c"),
        .init(
            name: "account that is a host", endpoint: nil, datastore: Datastore(name: "d", accountName: "evil.com/x", containerName: "c"),
            expected: nil),
        .init(
            name: "suffix with a path", endpoint: nil,
            datastore: Datastore(name: "d", accountName: "acct", containerName: "c", endpoint: "evil.com/x"), expected: nil),
        .init(
            name: "protocol ftp", endpoint: nil, datastore: Datastore(name: "d", accountName: "acct", containerName: "c", protocol: "ftp"),
            expected: nil),
        .init(
            name: "container ..", endpoint: "http://h/blob", datastore: Datastore(name: "d", accountName: "acct", containerName: ".."),
            expected: nil),
    ]

    @Test(arguments: urlCases)
    func containerURL_followsDESIGNsRule(_ c: URLCase) throws {
        let lister = BlobLister(
            endpoint: c.endpoint.flatMap(URL.init(string:)), credential: StaticTokenCredential(token: "t"),
            logger: Logger(sink: InMemoryLogSink()))
        if let expected = c.expected {
            #expect(try lister.containerURL(for: c.datastore).absoluteString == expected)
        } else {
            #expect(throws: AzureMLError.self) { try lister.containerURL(for: c.datastore) }
        }
    }

    @Test(arguments: [
        ("http://storage:10000/devstoreaccount1", "http://emu:8081", "http://storage:10000/devstoreaccount1"),
        (nil, "http://127.0.0.1:8081/", "http://127.0.0.1:8081/blob"),
        (nil, nil, nil),
    ] as [(String?, String?, String?)])
    func resolveEndpoint_prefersTheStorageSetting(_ configured: String?, _ azureML: String?, _ expected: String?) {
        let resolved = BlobLister.resolveEndpoint(
            configured: configured.flatMap(URL.init(string:)), azureMLEndpoint: azureML.flatMap(URL.init(string:)))
        #expect(resolved?.absoluteString == expected)
    }
}

/// A credential that remembers which scopes it was asked for.
final class ScopeRecordingCredential: TokenCredential {
    private let recorded = Mutex<[String]>([])

    var scopes: [String] { recorded.withLock { $0 } }

    func token(for scope: String) async throws(AzureMLError) -> AccessToken {
        recorded.withLock { $0.append(scope) }
        return AccessToken(token: "storage-token", expiresOn: .distantFuture)
    }
}
