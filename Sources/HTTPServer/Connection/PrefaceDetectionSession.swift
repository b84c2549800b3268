/// The first session of a cleartext connection: it looks at the first bytes only, to tell HTTP/2
/// by prior knowledge (RFC 9113 §3.3: the connection preface `PRI * HTTP/2.0…`) from HTTP/1.x,
/// then hands the connection and those bytes to the real session and is gone. HTTP/1.1 pays a
/// comparison of a few bytes per connection; nothing is copied unless a read ends inside the preface.
final class PrefaceDetectionSession: ConnectionSession {
    private let connection: Connection
    private let context: ServerContext
    /// A first read that ended inside the preface; rarely more than a few bytes.
    private var buffered: [UInt8] = []
    private let started = MonotonicClock.now()

    static let preface: [UInt8] = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)

    init(connection: Connection, context: ServerContext) {
        self.connection = connection
        self.context = context
    }

    func didRead(_ bytes: UnsafeRawBufferPointer) {
        if buffered.isEmpty {
            let compared = min(bytes.count, Self.preface.count)
            let matches = bytes[0..<compared].elementsEqual(Self.preface[0..<compared])
            if !matches || compared == Self.preface.count {
                hand(to: matches ? .h2 : .http1_1, bytes)
                return
            }
        }
        buffered.append(contentsOf: bytes)
        let compared = min(buffered.count, Self.preface.count)
        let matches = buffered[0..<compared].elementsEqual(Self.preface[0..<compared])
        // Still a prefix of the preface: wait for the rest before deciding.
        if matches && compared < Self.preface.count { return }
        let bytes = buffered
        buffered = []
        bytes.withUnsafeBytes { hand(to: matches ? .h2 : .http1_1, $0) }
    }

    private func hand(to applicationProtocol: ApplicationProtocol, _ bytes: UnsafeRawBufferPointer) {
        let session = context.makeSession(for: applicationProtocol, on: connection)
        connection.session = session
        session.didRead(bytes)
    }

    func peerClosedInput() {
        if buffered.isEmpty {
            connection.closeNow()
        } else {
            // A truncated preface (or an HTTP/1.1 request starting with `P`): let HTTP/1.1 judge it.
            let bytes = buffered
            buffered = []
            bytes.withUnsafeBytes { hand(to: .http1_1, $0) }
            connection.session?.peerClosedInput()
        }
    }

    func didDrainOutput() {}

    func tick(now: UInt64) {
        // Nothing yet is an idle connection; part of a preface is a request being sent too slowly.
        if now &- started > (buffered.isEmpty ? context.idleTimeout : context.headerTimeout) { connection.closeNow() }
    }

    func beginShutdown() {
        connection.closeNow()
    }
}
