import AzureML
import Emulator
import Foundation
import HTTPServer
import Observability
import Synchronization

/// The gateway's connection to Azure ML: one `AzureMLClient`, pointed at the configured workspace or,
/// with none configured, at the built-in emulator started in-process on a loopback port — reached
/// over real HTTP through the same client, so the emulated path exercises the production code.
public final class AzureMLBackend: Sendable {
    private let configuration: BackendConfiguration
    /// `GATEWAY_CA_BUNDLE`, for the transport.
    private let caBundlePath: String?
    private let logger: Logger
    private let metrics: MetricsRegistry
    private let state = Mutex<State>(State())
    let interfaces: InterfaceCache
    /// Pipelines with their interfaces, for validating triggers without a round trip.
    let definitions = PipelineDefinitions()

    private struct State {
        var client: AzureMLClient?
        var lister: BlobLister?
        var emulator: AzureMLEmulator?
        var workspace: WorkspaceReference?
    }

    init(configuration: BackendConfiguration, caBundlePath: String? = nil, logger: Logger, metrics: MetricsRegistry) {
        self.configuration = configuration
        self.caBundlePath = caBundlePath
        self.logger = logger
        self.metrics = metrics
        interfaces = InterfaceCache(ttl: .seconds(60))
    }

    /// The built-in emulator, when emulated and started (the gateway subscribes its own Event Grid
    /// endpoint to it, so a blob put there starts a run at once).
    var embeddedEmulator: AzureMLEmulator? { state.withLock { $0.emulator } }

    /// The emulator's base URL when emulated and started (tests drive its admin API through it).
    public var emulatorBaseURL: String? { state.withLock { $0.emulator?.baseURL } }

    /// Starts the emulator when emulated, and creates the client.
    func start(environment: [String: String]) throws(BackendError) {
        let workspace: WorkspaceReference
        let base: URL
        let credential: any TokenCredential
        var emulator: AzureMLEmulator?
        // One transport (one curl thread and connection pool) for the token endpoint and Azure ML alike.
        let transport = HTTPTransport(caBundlePath: caBundlePath)
        switch configuration {
        case .emulated(let dataDirectory):
            let started = AzureMLEmulator(
                configuration: EmulatorConfiguration(dataDirectory: dataDirectory), logger: logger.with(["component": "emulator"]))
            let address: SocketAddress
            do {
                address = try started.start(listen: try SocketAddress(parsing: "127.0.0.1:0"))
            } catch {
                throw BackendError(message: "the built-in Azure ML emulator could not start: \(error)")
            }
            guard let url = URL(string: started.baseURL) else { throw BackendError(message: "emulator URL \(started.baseURL) is invalid") }
            workspace = WorkspaceReference(
                subscriptionID: AzureMLEmulator.subscriptionID, resourceGroup: AzureMLEmulator.resourceGroup,
                workspaceName: AzureMLEmulator.workspaceName)
            base = url
            // Any secret works with the emulator; a random one keeps the emulated path honest (a real token request).
            credential = ClientSecretCredential(
                tenantID: AzureMLEmulator.tenantID, clientID: "pipeline-gateway", clientSecret: UUID().uuidString, authorityHost: url,
                transport: transport)
            emulator = started
            logger.warning("no Azure ML workspace configured: using the built-in emulator (runs are simulated)", [
                "emulator_url": .string(started.baseURL), "emulator_address": .string(address.description),
                "demo_pipeline_id": .string(started.demoPipelineID),
            ])
        case .workspace(let settings):
            guard let url = URL(string: settings.endpoint) else { throw BackendError(message: "AZUREML endpoint \(settings.endpoint) is invalid") }
            guard let chain = DefaultCredentialChain.fromEnvironment(environment, transport: transport) else {
                throw BackendError(message: "no usable Azure credential: check AZURE_AUTHORITY_HOST, IDENTITY_ENDPOINT or AZURE_IMDS_ENDPOINT")
            }
            workspace = WorkspaceReference(
                subscriptionID: settings.subscriptionID, resourceGroup: settings.resourceGroup, workspaceName: settings.workspaceName)
            base = url
            credential = chain
            logger.info("Azure ML workspace", [
                "endpoint": .string(settings.endpoint), "workspace": .string(settings.workspaceName),
                "credential": .string(String(describing: DefaultCredentialChain.source(in: environment))),
            ])
        }
        let client = AzureMLClient(
            workspace: workspace, baseURL: base, credential: credential, logger: logger.with(["component": "azureml"]), metrics: metrics,
            transport: transport)
        // Blob Storage for change-based schedules: AZURE_STORAGE_BLOB_ENDPOINT, else beside a configured
        // pipelines base (where the emulator serves it), else each datastore's own account host.
        let explicitBase: URL? = switch configuration {
        case .emulated: base
        case .workspace: environment["AZUREML_ENDPOINT"].flatMap { $0.isEmpty ? nil : base }
        }
        let blobEndpoint = BlobLister.resolveEndpoint(
            configured: environment["AZURE_STORAGE_BLOB_ENDPOINT"].flatMap { $0.isEmpty ? nil : URL(string: $0) }, azureMLEndpoint: explicitBase)
        let lister = BlobLister(endpoint: blobEndpoint, credential: credential, logger: logger, metrics: metrics, transport: transport)
        state.withLock {
            $0.client = client
            $0.lister = lister
            $0.emulator = emulator
            $0.workspace = workspace
        }
    }

    /// The workspace the gateway serves (the emulator's when emulated); nil before `start`.
    var workspace: WorkspaceReference? { state.withLock { $0.workspace } }

    /// The client; 503 until `start` has run (never in practice: the server starts after it).
    func client() throws(HTTPError) -> AzureMLClient {
        guard let client = state.withLock({ $0.client }) else {
            throw HTTPError(.serviceUnavailable, detail: "The Azure ML client is not started yet.", headers: ["Retry-After": "1"])
        }
        return client
    }

    /// Lists datastore folders for change-based schedules; 503 until `start` has run.
    func lister() throws(HTTPError) -> BlobLister {
        guard let lister = state.withLock({ $0.lister }) else {
            throw HTTPError(.serviceUnavailable, detail: "The Azure ML client is not started yet.", headers: ["Retry-After": "1"])
        }
        return lister
    }

    func shutdown() async {
        let emulator = state.withLock { $0.emulator }
        await emulator?.shutdown()
    }
}

/// The backend could not be set up; the message says what to change.
struct BackendError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
