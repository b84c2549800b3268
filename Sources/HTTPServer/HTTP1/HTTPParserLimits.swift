/// Size limits applied while parsing, so that no input can make the server buffer without bound.
/// Defaults are DESIGN.md's: request line 8 KiB, header section 16 KiB or 100 fields, body 1 MiB.
public struct HTTPParserLimits: Sendable, Equatable {
    public var maxRequestLineBytes: Int = 8 * 1024
    public var maxHeaderSectionBytes: Int = 16 * 1024
    public var maxHeaderFields: Int = 100
    public var maxBodyBytes: Int = 1024 * 1024
    /// A chunk-size line with extensions longer than this is refused (extensions are ignored anyway).
    public var maxChunkSizeLineBytes: Int = 1024

    public init() {}

    public init(maxRequestLineBytes: Int = 8 * 1024, maxHeaderSectionBytes: Int = 16 * 1024, maxHeaderFields: Int = 100, maxBodyBytes: Int = 1024 * 1024) {
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderSectionBytes = maxHeaderSectionBytes
        self.maxHeaderFields = maxHeaderFields
        self.maxBodyBytes = maxBodyBytes
    }
}
