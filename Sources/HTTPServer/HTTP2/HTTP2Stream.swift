/// One request stream: its pseudo-headers, fields and body as they arrive, then the response body
/// nghttp2 pulls through the data provider. Lives in `HTTP2Session.streams` from the first HEADERS
/// frame until nghttp2 reports the stream closed.
final class HTTP2Stream {
    let id: Int32
    let started: UInt64
    var method: String?
    var path: String?
    var authority: String?
    var headers = HTTPHeaders()
    /// Header list size as SETTINGS_MAX_HEADER_LIST_SIZE counts it (name + value + 32 per field).
    var headerListBytes = 0
    var body: [UInt8] = []
    var requestID = ""
    /// Set when the request broke a limit; the stream is answered with it instead of being routed.
    var refusal: (status: HTTPStatus, detail: String)?
    /// A handler is running for this stream (a `.later` reply).
    var awaitingHandler = false
    /// The response is submitted; anything the client still sends is dropped.
    var responded = false
    /// The response went out before the request ended (413): the stream is reset once it is sent.
    var answeredEarly = false
    var responseBody: [UInt8] = []
    var responseOffset = 0

    init(id: Int32, started: UInt64) {
        self.id = id
        self.started = started
    }
}
