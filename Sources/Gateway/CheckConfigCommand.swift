import AzureML
import Foundation
import HTTPServer
import Observability

/// `pipeline-gateway check-config`: validates the configuration the way `serve` would, then proves
/// the credentials by getting a token and reading the workspace, and says in plain words what is wrong.
public enum CheckConfigCommand {
    /// Returns the exit status: 0 all good, 1 Azure ML unusable, 2 invalid configuration.
    public static func run(flags: [String: String], environment: [String: String]) async -> Int32 {
        let configuration: GatewayConfiguration
        do {
            configuration = try GatewayConfiguration.load(environment: environment, flags: flags)
        } catch {
            print(error.description)
            return 2
        }
        print("configuration: ok (listen \(configuration.listen), \(configuration.apiKeys.keys.count) API key(s))")
        if let tls = configuration.tls, let certificate = try? TLSContext(configuration: tls).certificate {
            print("tls: serving \(certificate.subject), valid until \(certificate.notAfter.formatted(.iso8601))"
                + (tls.clientCAPath == nil ? "" : ", client certificates required"))
        }
        let backend = AzureMLBackend(
            configuration: configuration.backend, caBundlePath: configuration.caBundlePath, logger: Logger(minimumLevel: .error),
            metrics: MetricsRegistry())
        do {
            try backend.start(environment: environment)
        } catch {
            print("azure ml: \(error)")
            return 1
        }
        switch configuration.backend {
        case .emulated:
            print("azure ml: no workspace configured; the built-in emulator will be used")
        case .workspace(let settings):
            print("azure ml: workspace \(settings.workspaceName) at \(settings.endpoint), credential: \(DefaultCredentialChain.source(in: environment))")
        }
        do {
            let pipelines = try await backend.client().listPipelines(activeOnly: true)
            print("azure ml: token obtained, workspace read: \(pipelines.count) active published pipeline(s)")
            await backend.shutdown()
            return 0
        } catch let error as AzureMLError {
            print("azure ml: \(explain(error))")
            await backend.shutdown()
            return 1
        } catch {
            print("azure ml: \(error)")
            await backend.shutdown()
            return 1
        }
    }

    /// What to check for each kind of failure, in words an operator can act on.
    static func explain(_ error: AzureMLError) -> String {
        switch error.code {
        case .credential:
            "no token could be obtained (\(error.message)); check AZURE_TENANT_ID/AZURE_CLIENT_ID and the secret, federated token file or managed identity"
        case .unauthorized:
            "Azure rejected the token (\(error.message)); check that the tenant is the workspace's"
        case .forbidden:
            "the identity has no role on the workspace (\(error.message)); grant e.g. 'AzureML Data Scientist'"
        case .notFound:
            "the workspace was not found (\(error.message)); check AZUREML_SUBSCRIPTION_ID, AZUREML_RESOURCE_GROUP, AZUREML_WORKSPACE and the region"
        case .transport, .timeout:
            "the pipelines service could not be reached (\(error.message)); check AZUREML_REGION/AZUREML_ENDPOINT and the network or proxy"
        default:
            "\(error.code.rawValue): \(error.message)"
        }
    }
}
