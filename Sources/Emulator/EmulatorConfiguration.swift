/// How an emulator behaves. Defaults are DESIGN.md's ("Running and configuration", "Emulator contract").
public struct EmulatorConfiguration: Sendable {
    /// Root of the emulator's files: the blobs of a datastore are the files under `DIR/blobs/{container}/`
    /// (`workspaceblobstore`'s container has its name), written by Put Blob or copied in by hand.
    public var dataDirectory: String
    /// How long a run takes: NotStarted for the first third, Running until the end, then Finished.
    public var runSeconds: Double
    /// The URL clients reach the emulator at, used for every self-link (`Url` fields, and later
    /// `discoveryUrl` and the discovery document). Nil: `http://` + the bound address.
    public var publicURL: String?
    /// Start with the demo published pipeline (`MyRestPipeline`).
    public var seedDemo: Bool
    /// Write enum fields as integers (as the service historically did) rather than names, so a
    /// client's dual parsing is exercised either way.
    public var enumsAsIntegers: Bool
    /// Seconds an issued token stays valid (`expires_in`); tests shorten it to exercise expiry.
    public var tokenLifetime: Double
    /// Event loop threads of the emulator's own server. One is plenty for a test double and leaves
    /// the cores to the gateway it runs beside.
    public var eventLoops: Int
    /// The waits before each retry of an Event Grid delivery the subscriber did not accept; one retry
    /// per entry, then the event is dropped. Event Grid waits 10 s, 30 s, 1 min… over 24 h; the
    /// emulator keeps it short so a test sees the retries and the drop within seconds.
    public var eventGridRetryDelays: [Duration]

    public init(
        dataDirectory: String = "./data", runSeconds: Double = 10, publicURL: String? = nil, seedDemo: Bool = true,
        enumsAsIntegers: Bool = true, tokenLifetime: Double = 3599, eventLoops: Int = 1,
        eventGridRetryDelays: [Duration] = [.milliseconds(200), .seconds(1), .seconds(2)]
    ) {
        self.dataDirectory = dataDirectory
        self.runSeconds = runSeconds
        self.publicURL = publicURL
        self.seedDemo = seedDemo
        self.enumsAsIntegers = enumsAsIntegers
        self.tokenLifetime = tokenLifetime
        self.eventLoops = eventLoops
        self.eventGridRetryDelays = eventGridRetryDelays
    }
}
