/// Every way a request can be refused before it reaches a handler. Each case maps to one status, and
/// every case closes the connection after the answer: once framing is in doubt the byte stream
/// cannot be trusted for another request (no request smuggling).
public enum HTTPParseError: Error, Sendable, Equatable {
    case requestLineTooLong
    case headerSectionTooLarge
    case tooManyHeaderFields
    case contentTooLarge
    case unknownMethod
    case unsupportedVersion
    case malformedRequestLine
    case invalidRequestTarget
    case malformedHeader
    case bareLineFeed
    case obsoleteLineFolding
    case missingHost
    case duplicateHost
    case contentLengthWithTransferEncoding
    case invalidContentLength
    case conflictingContentLengths
    case unsupportedTransferCoding
    case transferEncodingInHTTP10
    case invalidChunkSize
    case malformedChunk
    case malformedTrailer

    public var status: HTTPStatus {
        switch self {
        case .requestLineTooLong: .uriTooLong
        case .headerSectionTooLarge, .tooManyHeaderFields: .requestHeaderFieldsTooLarge
        case .contentTooLarge: .contentTooLarge
        case .unknownMethod: .notImplemented
        case .unsupportedVersion: .httpVersionNotSupported
        default: .badRequest
        }
    }

    /// A sentence for the problem `detail`; never echoes request bytes.
    public var detail: String {
        switch self {
        case .requestLineTooLong: "The request line is longer than the server accepts."
        case .headerSectionTooLarge: "The header section is larger than the server accepts."
        case .tooManyHeaderFields: "The request has more header fields than the server accepts."
        case .contentTooLarge: "The request body is larger than the server accepts."
        case .unknownMethod: "The request method is not implemented by this server."
        case .unsupportedVersion: "Only HTTP/1.0 and HTTP/1.1 are supported on this connection."
        case .malformedRequestLine: "The request line is malformed; expected 'METHOD target HTTP/1.1'."
        case .invalidRequestTarget: "The request target must be an absolute path ('/…'), an absolute URI, or '*' for OPTIONS."
        case .malformedHeader: "A header field is malformed."
        case .bareLineFeed: "Lines must end with CRLF; a bare LF or CR was found."
        case .obsoleteLineFolding: "Header line folding (obs-fold) is not accepted."
        case .missingHost: "An HTTP/1.1 request must carry exactly one Host header; it is missing."
        case .duplicateHost: "The request carries more than one Host header."
        case .contentLengthWithTransferEncoding: "Content-Length and Transfer-Encoding must not both be present."
        case .invalidContentLength: "Content-Length must be a non-negative decimal integer."
        case .conflictingContentLengths: "The request carries differing Content-Length values."
        case .unsupportedTransferCoding: "Only the 'chunked' transfer coding is accepted."
        case .transferEncodingInHTTP10: "Transfer-Encoding is not allowed in an HTTP/1.0 request."
        case .invalidChunkSize: "A chunk size line is invalid."
        case .malformedChunk: "A chunk is not followed by CRLF."
        case .malformedTrailer: "A trailer field is malformed."
        }
    }
}
