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
        var task: Task<Result<FolderListing, AzureMLError>, Never>
        var startedAt: ContinuousClock.Instant
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let shareWindow: Duration

    init(shareWindow: Duration = .seconds(2)) {
        self.shareWindow = shareWindow
    }

    /// The folder's direct children, listed by `lister` unless a fresh enough listing is shared.
    func list(_ folder: String, in datastore: Datastore, with lister: BlobLister) async throws(AzureMLError) -> FolderListing {
        let key = Self.key(folder, in: datastore.name)
        let now = ContinuousClock.now
        let task = entries.withLock { entries in
            if let entry = entries[key], now - entry.startedAt < shareWindow { return entry.task }
            // Taken before the listing starts: a blob created after it may be missing from the listing.
            let startedAt = Date()
            let task = Task { () -> Result<FolderListing, AzureMLError> in
                do throws(AzureMLError) {
                    let items = try await lister.listFolder(folder, in: datastore)
                    return .success(FolderListing(items: items, digest: FolderListing.digest(of: items), startedAt: startedAt))
                } catch {
                    return .failure(error)
                }
            }
            entries[key] = Entry(task: task, startedAt: now)
            // Entries past the window are never shared again; drop them (a listing of a large folder
            // is megabytes) so only listings that may still be joined are kept.
            entries = entries.filter { now - $0.value.startedAt < shareWindow }
            return task
        }
        return try await task.value.get()
    }

    /// Forgets shared listings, so the next one is fresh (a baseline must see the folder as it is now).
    func forget(_ folder: String, in datastore: Datastore) {
        _ = entries.withLock { $0.removeValue(forKey: Self.key(folder, in: datastore.name)) }
    }

    /// Which folder of which datastore: listings are shared, and a schedule's settled digest kept, by it.
    static func key(_ folder: String, in datastoreName: String) -> String {
        datastoreName + "\u{0}" + folder
    }
}
