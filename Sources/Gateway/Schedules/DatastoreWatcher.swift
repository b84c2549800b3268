import AzureML
import Foundation
import HTTPServer
import Observability
import Scheduling
import Storage
import Synchronization

/// Change-based schedules: lists a schedule's folder at each poll, compares it with what the schedule
/// saw before, and records one run per new or changed blob — together with the new seen-state, in one
/// transaction — for the caller to send.
///
/// A listing that fails (auth, a missing container, throttling) is logged with its reason and marks
/// nothing seen: the next poll tries again and still finds the file.
final class DatastoreWatcher: Sendable {
    private let store: any Store
    private let backend: AzureMLBackend
    private let logger: Logger
    private let listings = FolderListings()
    /// Schedules with a poll in progress.
    private let polling = Mutex<Set<String>>([])
    /// Per schedule, the listing its seen-state was last found equal to (see `FolderDigest`): a poll
    /// whose listing has this digest finds nothing new and reads no seen-state. Kept for the schedule
    /// version it was taken at (an update or re-enable takes a new baseline) and dropped by a push.
    private let settled = Mutex<[String: SettledFolder]>([:])

    private struct SettledFolder: Equatable {
        var version: Int64
        var folder: String
        var digest: FolderDigest
    }
    /// Polls running at once (the rest wait): bounds concurrent listings and the memory they hold.
    private let pollLimiter = AsyncLimiter(limit: DatastoreWatcher.concurrentPolls)
    static let concurrentPolls = 4
    private let datastores = Mutex<[String: (datastore: Datastore, until: ContinuousClock.Instant)]>([:])
    private let polls: CounterFamily
    private let blobsListed: CounterFamily
    private let runsStarted: CounterFamily
    private let fullComparisons: CounterFamily
    private let pollSeconds: HistogramFamily

    /// Storage's and Event Grid's clocks are not this machine's: a vanished blob stays in the seen-state
    /// until its Last-Modified is this far behind the listing's start (it is only bookkeeping; a blob
    /// written again has a new ETag and triggers anyway).
    static let forgetMargin: TimeInterval = 300

    /// How long a datastore's description (account, container) is trusted before it is read again.
    static let datastoreTTL: Duration = .seconds(300)

    init(store: any Store, backend: AzureMLBackend, logger: Logger, metrics: MetricsRegistry) {
        self.store = store
        self.backend = backend
        self.logger = logger
        polls = metrics.counter("gateway_datastore_polls_total", help: "Folder polls of change-based schedules, by outcome.", labelNames: ["outcome"])
        blobsListed = metrics.counter("gateway_datastore_blobs_listed_total", help: "Blobs seen in polled folders.", labelNames: [])
        runsStarted = metrics.counter("gateway_datastore_runs_total", help: "Runs recorded for new or changed blobs.", labelNames: [])
        fullComparisons = metrics.counter(
            "gateway_datastore_full_comparisons_total", help: "Polls that read the seen-state and compared blob by blob (the folder changed, or first poll).",
            labelNames: [])
        pollSeconds = metrics.histogram(
            "gateway_datastore_poll_seconds", help: "How long one poll took: listing, comparing and recording.",
            buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30])
    }

    /// The datastore of the workspace, checked to be a blob datastore (cached a few minutes).
    func datastore(named name: String) async throws(AzureMLError) -> Datastore {
        let now = ContinuousClock.now
        if let cached = datastores.withLock({ $0[name] }), cached.until > now { return cached.datastore }
        let client: AzureMLClient
        do {
            client = try backend.client()
        } catch {
            throw AzureMLError(code: .transport, message: "the Azure ML client is not started", operation: "get_datastore")
        }
        let datastore = try await client.datastore(name: name)
        datastores.withLock { $0[name] = (datastore, now + Self.datastoreTTL) }
        return datastore
    }

    /// The folder as it is now: what a new or re-enabled schedule takes as its baseline (never triggers).
    func baseline(_ definition: ScheduleDefinition) async throws(AzureMLError) -> [SeenBlob] {
        guard let name = definition.datastore else { return [] }
        let datastore = try await datastore(named: name)
        listings.forget(definition.folder, in: datastore)
        return try await list(definition, datastore).items.map(Self.seen)
    }

    /// One poll of `schedule`: the runs it recorded (status `initialStatus`), oldest blob name first;
    /// empty when nothing changed, the listing failed or the schedule stopped meanwhile.
    func poll(_ schedule: ScheduleRecord, _ definition: ScheduleDefinition, at polledAt: Date, initialStatus: String) async -> [RunRecord] {
        guard let name = definition.datastore else { return [] }
        // A poll slowed by retries may outlast the interval: the next one is skipped rather than run
        // alongside it (the store would refuse its doubles anyway; this saves the listing).
        guard polling.withLock({ $0.insert(schedule.id).inserted }) else {
            polls.increment(["overlapping"])
            return []
        }
        defer { _ = polling.withLock { $0.remove(schedule.id) } }
        return await pollLimiter.run { await self.pollNow(schedule, definition, name: name, at: polledAt, initialStatus: initialStatus) }
    }

    private func pollNow(
        _ schedule: ScheduleRecord, _ definition: ScheduleDefinition, name: String, at polledAt: Date, initialStatus: String
    ) async -> [RunRecord] {
        let started = ContinuousClock.now
        defer { pollSeconds.observe(Self.seconds(ContinuousClock.now - started)) }
        let folderListing: FolderListing
        do {
            folderListing = try await list(definition, try await datastore(named: name))
        } catch {
            polls.increment(["failed"])
            logger.warning("a datastore folder could not be listed; retrying at the next poll", [
                "schedule_id": .string(schedule.id), "datastore": .string(name), "folder": .string(definition.folder),
                "code": .string(error.code.rawValue), "reason": .string(error.message),
            ])
            return []
        }
        let (blobs, listedAt) = (folderListing.items, folderListing.startedAt)
        blobsListed.increment([], by: Double(blobs.count))
        let settledNow = SettledFolder(
            version: schedule.version, folder: FolderListings.key(definition.folder, in: name), digest: folderListing.digest)
        let matched = settled.withLock { settled in
            if settled[schedule.id] == settledNow { return true }
            settled[schedule.id] = nil
            return false
        }
        if matched {
            polls.increment(["unchanged"])
            return []
        }
        fullComparisons.increment([])
        let seen: [SeenBlob]
        do {
            seen = try await store.seenBlobs(scheduleID: schedule.id)
        } catch {
            polls.increment(["failed"])
            logger.error("could not read a schedule's seen-state; retrying at the next poll", ["schedule_id": .string(schedule.id), "error": .string("\(error)")])
            return []
        }
        let before = Dictionary(seen.map { ($0.name, BlobVersion(etag: $0.etag, lastModified: $0.lastModified)) }, uniquingKeysWith: { first, _ in first })
        // A version an Event Grid push recorded after this (possibly shared, seconds-old) listing
        // began is newer than anything the listing can show for that blob: it is left as seen, or the
        // poll would take the older listed version for a change (and the next poll the newer again).
        // A pushed version is seen as of its arrival; a polled one as of its Last-Modified, which is
        // always before the listing that found it.
        let newerThanListing = Set(seen.filter { $0.lastModified >= listedAt }.map(\.name))
        let listed = blobs.filter { !newerThanListing.contains($0.name) }
        var listing = Dictionary(listed.map { ($0.name, BlobVersion(etag: $0.etag, lastModified: $0.lastModified)) }, uniquingKeysWith: { first, _ in first })
        for name in newerThanListing { listing[name] = before[name] }
        let pattern = definition.filePattern.flatMap { try? GlobPattern($0) }
        let prefix = definition.folder.isEmpty ? "" : definition.folder + "/"
        let changes = FolderChanges.between(listing: listing, seen: before, pattern: pattern, folderPrefix: prefix)
        // Every changed blob is now seen, matching the pattern or not; only matching ones start runs.
        let nowSeen = listed.filter { before[$0.name] != listing[$0.name] }.map(Self.seen)
        // Likewise a blob missing from the listing is forgotten only if it was seen well before the
        // listing began (Storage's clock is not this machine's): one pushed meanwhile must stay seen.
        let forgetBefore = listedAt.addingTimeInterval(-Self.forgetMargin)
        let forgotten = changes.forgotten.filter { name in (before[name]?.lastModified).map { $0 < forgetBefore } ?? true }
        // Once this poll's changes are recorded the seen-state is exactly the listing, unless a pushed
        // version or a recently vanished blob was left alone.
        let seenEqualsListing = newerThanListing.isEmpty && forgotten.count == changes.forgotten.count
        guard !nowSeen.isEmpty || !forgotten.isEmpty else {
            polls.increment(["unchanged"])
            if seenEqualsListing { settled.withLock { $0[schedule.id] = settledNow } }
            return []
        }
        let runs = await record(schedule, definition, changed: changes.changed, seen: nowSeen, forgotten: forgotten, at: polledAt,
            initialStatus: initialStatus, via: "poll")
        if runs != nil, seenEqualsListing { settled.withLock { $0[schedule.id] = settledNow } }
        return runs ?? []
    }

    /// A blob that Event Grid reports as created (`BlobCreated`) in the schedule's folder: recorded
    /// exactly as a poll would, against the same seen-state, so whichever of the two sees a version
    /// first starts its one run and the other finds it seen. Polling stays on as the safety net.
    func push(_ schedule: ScheduleRecord, _ definition: ScheduleDefinition, blob: SeenBlob, at receivedAt: Date, initialStatus: String) async
        -> [RunRecord]
    {
        let prefix = definition.folder.isEmpty ? "" : definition.folder + "/"
        guard blob.name.hasPrefix(prefix) else { return [] }
        let inFolder = blob.name.dropFirst(prefix.count)
        // Direct children only, as the SDK's watcher (and the poll) see the folder.
        guard !inFolder.isEmpty, !inFolder.contains("/") else { return [] }
        if let pattern = definition.filePattern.flatMap({ try? GlobPattern($0) }), !pattern.matches(String(inFolder)) { return [] }
        // The seen-state gains a version no listing has shown yet: the next poll compares in full.
        settled.withLock { _ = $0.removeValue(forKey: schedule.id) }
        return await record(schedule, definition, changed: [blob.name], seen: [blob], forgotten: [], at: receivedAt, initialStatus: initialStatus, via: "push")
            ?? []
    }

    /// One run per changed blob, recorded with the new seen-state in one transaction; the runs the
    /// store kept (a version another poll or push recorded first is left out). Nil when nothing was
    /// recorded (the schedule stopped meanwhile, or the store failed).
    private func record(
        _ schedule: ScheduleRecord, _ definition: ScheduleDefinition, changed: [String], seen: [SeenBlob], forgotten: [String], at polledAt: Date,
        initialStatus: String, via source: String
    ) async -> [RunRecord]? {
        let runs = changed.map { blobName in
            let runID = RandomUUID.makeTimeOrdered()
            let body = definition.triggerBody(forBlob: blobName)
            return RunRecord(
                id: runID, pipelineID: schedule.pipelineID, experimentName: definition.experimentName, source: "datastore",
                scheduleID: schedule.id, scheduledTime: polledAt, triggerFile: blobName, status: initialStatus,
                parameterAssignments: body.parameterAssignmentsJSON, dataPathAssignments: body.dataPathAssignmentsJSON,
                continueOnStepFailure: definition.continueOnStepFailure, submission: body.azureBody(gatewayRunID: runID), createdAt: Date()
            ).aimed(at: schedule, definition)
        }
        let stored: [RunRecord]
        do {
            guard let recorded = try await store.recordFolderChanges(
                scheduleID: schedule.id, runs: runs, seen: seen, forgotten: forgotten, polledAt: polledAt)
            else { return nil }
            stored = recorded
        } catch {
            if source == "poll" { polls.increment(["failed"]) }
            logger.error("could not record a folder's changes; nothing was started", [
                "schedule_id": .string(schedule.id), "via": .string(source), "error": .string("\(error)"),
            ])
            return nil
        }
        if source == "poll" { polls.increment([stored.isEmpty ? "unchanged" : "changed"]) }
        runsStarted.increment([], by: Double(stored.count))
        if !stored.isEmpty {
            logger.info("new or changed files in a watched folder", [
                "schedule_id": .string(schedule.id), "datastore": .string(definition.datastore ?? ""), "folder": .string(definition.folder),
                "runs": .int(stored.count), "via": .string(source),
            ])
        }
        return stored
    }

    private func list(_ definition: ScheduleDefinition, _ datastore: Datastore) async throws(AzureMLError) -> FolderListing {
        let lister: BlobLister
        do {
            lister = try backend.lister()
        } catch {
            throw AzureMLError(code: .transport, message: "the Blob client is not started", operation: "list_blobs")
        }
        return try await listings.list(definition.folder, in: datastore, with: lister)
    }

    private static func seen(_ blob: BlobItem) -> SeenBlob {
        SeenBlob(name: blob.name, etag: blob.etag, lastModified: blob.lastModified)
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
