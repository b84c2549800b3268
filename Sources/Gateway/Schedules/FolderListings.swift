import AzureML
import Foundation
import Scheduling
import Synchronization

/// A folder's direct children as one listing saw them, with their digest (worked out once per
/// listing, however many schedules share it).
struct FolderListing: Sendable {
    var items: [BlobItem]
    var digest: FolderDigest
    /// The wall-clock start: a blob created after it may be missing from the listing.
    var startedAt: Date

    static func digest(of items: [BlobItem]) -> FolderDigest {
        FolderDigest(items.lazy.map { (name: $0.name, version: BlobVersion(etag: $0.etag, lastModified: $0.lastModified)) })
    }
}

/// One listing per folder per poll, however many change-based schedules watch it: a listing in
/// flight is joined, and one finished within `shareWindow` is reused (polls of equal intervals fall
/// on the same instants, see `PollCalendar`).
final class FolderListings: Sendable {
    private struct Entry {
        var task: Task<Result<(items: [BlobItem], digest: FolderDigest), AzureMLError>, Never>
        var startedAt: ContinuousClock.Instant
        /// The wall-clock start: a blob created after it may be missing from the listing.
        var startedAtDate: Date
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let shareWindow: Duration

    init(shareWindow: Duration = .seconds(2)) {
        self.shareWindow = shareWindow
    }

    /// The folder's direct children, listed by `lister` unless a fresh enough listing is shared.
    func list(_ folder: String, in datastore: Datastore, with lister: BlobLister) async throws(AzureMLError) -> FolderListing {
        let key = datastore.name + "\u{0}" + folder
        let now = ContinuousClock.now
        let (task, startedAtDate) = entries.withLock { entries in
            if let entry = entries[key], now - entry.startedAt < shareWindow { return (entry.task, entry.startedAtDate) }
            let task = Task { () -> Result<(items: [BlobItem], digest: FolderDigest), AzureMLError> in
                do throws(AzureMLError) {
                    let items = try await lister.listFolder(folder, in: datastore)
                    return .success((items, FolderListing.digest(of: items)))
                } catch {
                    return .failure(error)
                }
            }
            let startedAtDate = Date()
            entries[key] = Entry(task: task, startedAt: now, startedAtDate: startedAtDate)
            // Entries past the window are never shared again; drop them (a listing of a large folder
            // is megabytes) so only listings that may still be joined are kept.
            entries = entries.filter { now - $0.value.startedAt < shareWindow }
            return (task, startedAtDate)
        }
        let (items, digest) = try await task.value.get()
        return FolderListing(items: items, digest: digest, startedAt: startedAtDate)
    }

    /// Forgets shared listings, so the next one is fresh (a baseline must see the folder as it is now).
    func forget(_ folder: String, in datastore: Datastore) {
        _ = entries.withLock { $0.removeValue(forKey: datastore.name + "\u{0}" + folder) }
    }
}
