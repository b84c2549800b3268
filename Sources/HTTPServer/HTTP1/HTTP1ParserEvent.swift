/// What the parser hands the connection, in order: one `head`, zero or more `body` pieces, one `end`
/// per request. How bytes were split on the wire never changes the sequence beyond how the body
/// is cut into pieces.
public enum HTTP1ParserEvent: Sendable, Equatable {
    case head(HTTPRequestHead)
    case body([UInt8])
    case end
}
