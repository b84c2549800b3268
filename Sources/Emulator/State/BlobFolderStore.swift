import Foundation
import Glibc

/// The emulated Blob service's storage: the files under `{dataDirectory}/blobs/{container}/`.
///
/// There is no index: a listing reads the directory tree, so a file copied into the folder by hand
/// is a blob at once, and a changed file shows a new ETag (see `StoredBlob.etag`). Put Blob writes
/// to `{dataDirectory}/blobs/.staging/` first and renames into place, so a listing never sees a
/// half-written blob. Only regular files (or symbolic links to them) are blobs; directories are
/// the `/` in their names, and empty ones are invisible, as virtual folders are in Storage.
struct BlobFolderStore: Sendable {
    /// `{dataDirectory}/blobs`.
    let root: String

    init(dataDirectory: String) {
        var directory = dataDirectory.isEmpty ? "." : dataDirectory
        while directory.count > 1 && directory.hasSuffix("/") { directory.removeLast() }
        root = directory + "/blobs"
    }

    func folder(_ container: String) -> String {
        root + "/" + container
    }

    /// The container's blobs whose names start with `prefix`. Only the folder the prefix points
    /// into is read (`a/b/c` reads `a/b/`); a prefix naming a path no blob could have (`../`)
    /// matches nothing.
    func blobs(container: String, prefix: String) -> [StoredBlob] {
        var directories = prefix.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        directories.removeLast()
        guard directories.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else { return [] }
        let relative = directories.joined(separator: "/")
        var found: [StoredBlob] = []
        walk(relative.isEmpty ? folder(container) : folder(container) + "/" + relative, name: relative, into: &found)
        return found.filter { $0.name.utf8.starts(with: prefix.utf8) }
    }

    /// Writes `bytes` as blob `name`, replacing any earlier blob of that name.
    ///
    /// - Throws: 409 when the name needs a folder where a blob is, or names a folder; 500 when the
    ///   file system refuses.
    func put(container: String, name: BlobName, bytes: [UInt8]) throws(StorageError) -> StoredBlob {
        let containerFolder = folder(container)
        try makeDirectory(containerFolder, orConflictWith: nil)
        var directory = containerFolder
        for (index, segment) in name.segments.dropLast().enumerated() {
            directory += "/" + segment
            try makeDirectory(directory, orConflictWith: name.segments[0...index].joined(separator: "/"))
        }
        let target = directory + "/" + (name.segments.last ?? "")
        if kind(atPath: target, following: true) == S_IFDIR {
            throw StorageError(
                status: .conflict, code: "BlobConflict",
                message: "The emulator keeps blobs as files, and '\(name.text)' is a folder of other blobs.")
        }
        let staging = root + "/.staging"
        try makeDirectory(staging, orConflictWith: nil)
        let temporary = staging + "/" + UUID().uuidString
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
            throw Self.ioFailure("could not write the blob's content")
        }
        guard rename(temporary, target) == 0 else {
            let code = errno
            unlink(temporary)
            throw Self.ioFailure("could not store the blob (errno \(code))")
        }
        guard let stored = Self.blob(atPath: target, name: name.text) else {
            throw Self.ioFailure("the stored blob could not be read back")
        }
        return stored
    }

    /// Depth-first through `directory`, whose blobs are named `name/…`.
    private func walk(_ directory: String, name: String, into found: inout [StoredBlob]) {
        guard let children = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for child in children {
            let path = directory + "/" + child
            let childName = name.isEmpty ? child : name + "/" + child
            switch kind(atPath: path, following: false) {
            case S_IFDIR:
                walk(path, name: childName, into: &found)
            case S_IFREG, S_IFLNK:
                // A link counts when it leads to a file; linked folders are not followed (no cycles).
                if let blob = Self.blob(atPath: path, name: childName) { found.append(blob) }
            default:
                continue
            }
        }
    }

    /// `S_IFDIR`, `S_IFREG`, `S_IFLNK`… of `path`, or nil when it does not exist.
    private func kind(atPath path: String, following: Bool) -> mode_t? {
        var info = stat()
        let result = following ? stat(path, &info) : lstat(path, &info)
        return result == 0 ? info.st_mode & S_IFMT : nil
    }

    /// A directory that exists or was just made; anything else at `path` is a conflict with blob `blob`.
    private func makeDirectory(_ path: String, orConflictWith blob: String?) throws(StorageError) {
        switch kind(atPath: path, following: true) {
        case S_IFDIR?:
            return
        case nil:
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                // Another request may have made it meanwhile.
                if kind(atPath: path, following: true) == S_IFDIR { return }
                throw Self.ioFailure("could not create a folder for the blob")
            }
        default:
            guard let blob else { throw Self.ioFailure("a file is in the way of the emulator's blob folders") }
            throw StorageError(
                status: .conflict, code: "BlobConflict",
                message: "The emulator keeps blobs as files, and blob '\(blob)' is where this name needs a folder.")
        }
    }

    /// The blob at `path` when it is (or links to) a regular file.
    private static func blob(atPath path: String, name: String) -> StoredBlob? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return StoredBlob(
            name: name, size: Int64(info.st_size), modifiedSeconds: Int(info.st_mtim.tv_sec),
            modifiedNanoseconds: Int(info.st_mtim.tv_nsec), inode: UInt64(info.st_ino))
    }

    /// The file system failed; the answer never names the emulator's paths.
    private static func ioFailure(_ what: String) -> StorageError {
        StorageError(status: .internalServerError, code: "InternalError", message: "The emulator \(what).")
    }
}
