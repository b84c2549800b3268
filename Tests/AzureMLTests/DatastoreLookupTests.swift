import AzureML
import Foundation
import HTTPServer
import Observability
import TestSupport
import Testing

/// `datastore(name:)`: the datastore service's camelCase answer, on the pipelines base.
@Suite("Datastore lookup")
struct DatastoreLookupTests {
    static let route =
        "/datastore/v1.0/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.MachineLearningServices/workspaces/ws-1/datastores/{name}"

    static func lookup(_ body: String, status: Int = 200, name: String = "workspaceblobstore", logs: InMemoryLogSink = InMemoryLogSink())
        async throws -> (Result<Datastore, AzureMLError>, [HTTPRequest])
    {
        let stub = ScriptedResponder([StubAzure.json(body, status: status)])
        var router = Router()
        router.on(.GET, route) { request in stub.respond(request) }
        let result = try await withTestServer(router: router) { port, _ in
            do throws(AzureMLError) {
                return Result<Datastore, AzureMLError>.success(try await StubAzure.client(port: port, logSink: logs).datastore(name: name))
            } catch {
                return .failure(error)
            }
        }
        return (result, stub.recorder.all)
    }

    @Test func blobDatastore_isReadFromTheDatastoreService_secretsIgnored() async throws {
        let logs = InMemoryLogSink()
        let (result, requests) = try await Self.lookup(
            """
            {"name":"workspaceblobstore","dataStoreType":"AzureBlob","hasBeenValidated":true,
             "azureStorageSection":{"accountName":"acct1","containerName":"azureml-blobstore-1","endpoint":"core.chinacloudapi.cn",
              "protocol":"https","credentialType":"AccountKey","accountKey":"SECRET-KEY==","sasToken":"sv=SECRET-SAS"}}
            """, logs: logs)
        let datastore = try result.get()
        #expect(
            datastore
                == Datastore(
                    name: "workspaceblobstore", type: "AzureBlob", accountName: "acct1", containerName: "azureml-blobstore-1",
                    endpoint: "core.chinacloudapi.cn", protocol: "https"))
        #expect(requests.count == 1)
        #expect(requests.first?.pathParameters["name"] == "workspaceblobstore")
        #expect(requests.first?.headers["Authorization"] == "Bearer test-token")
        #expect(!"\(datastore)".contains("SECRET"))
        #expect(!logs.lines.joined().contains("SECRET"))
    }

    @Test func endpointAndProtocol_defaultToThePublicCloud() async throws {
        let (result, _) = try await Self.lookup(
            #"{"name":"ds","dataStoreType":"AzureBlob","azureStorageSection":{"accountName":"acct1","containerName":"c"}}"#)
        let datastore = try result.get()
        #expect(datastore.endpoint == "core.windows.net")
        #expect(datastore.protocol == "https")
    }

    @Test(arguments: ["AzureFile", "AzureDataLakeGen2", "AzureSqlDatabase"])
    func otherTypes_areUnsupportedDatastores(_ type: String) async throws {
        let (result, _) = try await Self.lookup(
            #"{"name":"files","dataStoreType":"\#(type)","azureStorageSection":{"accountName":"a","containerName":"c"}}"#, name: "files")
        guard case .failure(let error) = result else {
            Issue.record("a \(type) datastore was accepted")
            return
        }
        #expect(error.isUnsupportedDatastore)
        #expect(error.code == .badRequest)
        #expect(error.operation == "get_datastore")
        #expect(error.message.contains(type))
        #expect(error.mayHaveBeenProcessed == false)
    }

    @Test func unknownDatastore_isNotFound_withTheServicesLowercaseError() async throws {
        let (result, _) = try await Self.lookup(
            #"{"error":{"code":"NotFound","message":"DataStore nope was not found","details":[]}}"#, status: 404, name: "nope")
        guard case .failure(let error) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == .notFound)
        #expect(error.azureCode == "NotFound")
        #expect(error.message == "DataStore nope was not found")
        #expect(!error.isUnsupportedDatastore)
    }

    @Test(arguments: [
        #"{"name":"ds","azureStorageSection":{"accountName":"a","containerName":"c"}}"#,
        #"{"name":"ds","dataStoreType":"AzureBlob","azureStorageSection":{"containerName":"c"}}"#,
        #"{"name":"ds","dataStoreType":"AzureBlob"}"#,
        "not json",
    ])
    func incompleteAnswers_areMalformed(_ body: String) async throws {
        let (result, _) = try await Self.lookup(body)
        guard case .failure(let error) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == .malformedResponse)
        #expect(error.operation == "get_datastore")
    }
}
