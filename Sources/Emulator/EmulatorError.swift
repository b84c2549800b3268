/// Why an emulator could not start.
public enum EmulatorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `start` was called on an emulator that is running or has been shut down.
    case alreadyStarted
    /// The listening socket could not be opened.
    case listenFailed(String)

    public var description: String {
        switch self {
        case .alreadyStarted: "the emulator was already started; create a new one to start again"
        case .listenFailed(let reason): "the emulator could not listen: \(reason)"
        }
    }
}
