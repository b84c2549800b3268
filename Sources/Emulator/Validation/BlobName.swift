/// A blob name the emulator can store as a file path under its container folder.
///
/// Storage itself allows almost any name; the emulator keeps blobs as files, so it refuses what a
/// file system would interpret or cannot hold: `.` and `..` segments (which would leave the
/// container's folder), empty segments (`a//b`), a trailing `/`, NUL, segments over 255 bytes, and
/// names over Storage's 1024 characters. Each refusal is Storage's 400 `InvalidResourceName`.
struct BlobName: Sendable, Equatable {
    let segments: [String]

    var text: String { segments.joined(separator: "/") }

    init(_ name: String) throws(StorageError) {
        guard !name.isEmpty, name.count <= 1024 else {
            throw Self.invalid("A blob name must be 1 to 1024 characters long.")
        }
        let parts = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for part in parts {
            guard !part.isEmpty else {
                throw Self.invalid("The blob name '\(name)' has an empty path segment or ends with '/'.")
            }
            guard part != ".", part != ".." else {
                throw Self.invalid("The blob name may not contain '.' or '..' path segments.")
            }
            guard !part.utf8.contains(0), part.utf8.count <= 255 else {
                throw Self.invalid("A blob name segment must be 1 to 255 bytes without NUL.")
            }
        }
        segments = parts
    }

    private static func invalid(_ message: String) -> StorageError {
        .badRequest("InvalidResourceName", "The specified resource name contains invalid characters. \(message)")
    }
}
