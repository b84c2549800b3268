import Foundation
import Synchronization

/// The workspace's pipeline DataTypes. It starts with the 11 the SDK requires (so the SDK's
/// `ensure_default_datatypes` finds them all and never POSTs), seeded at the first call with the
/// injected clock's time; `create` adds others and refuses an id that exists (ignoring case).
final class DataTypeRegistry: Sendable {
    /// The ids `_AevaDataTypeProvider.ensure_default_datatypes` checks, in the order it would
    /// create them; only `AnyDirectory` is a directory type.
    static let requiredIDs = [
        "AnyFile", "AzureBlobReference", "AzureDataLakeReference", "AzureFilesReference", "AzureSqlDatabaseReference",
        "AzurePostgresDatabaseReference", "AzureDataLakeGen2Reference", "AzureMLDataset", "AzureMySqlDatabaseReference",
        "DBFSReference", "AnyDirectory",
    ]

    private struct State {
        var types: [EmulatedDataType] = []
        var seeded = false
    }

    private let state = Mutex(State())

    /// Every DataType, the required ones first, then in creation order.
    func all(now: Date) -> [EmulatedDataType] {
        state.withLock { state in
            Self.seed(&state, now)
            return state.types
        }
    }

    /// Adds `type`; `.failure` names the existing one when the id is taken, or a parent that does not exist.
    func create(_ type: EmulatedDataType, now: Date) -> Result<EmulatedDataType, CreateError> {
        state.withLock { state in
            Self.seed(&state, now)
            let wanted = type.id.lowercased()
            if let existing = state.types.first(where: { $0.id.lowercased() == wanted }) {
                return .failure(.exists(existing.id))
            }
            for parent in type.parentIDs where !state.types.contains(where: { $0.id.lowercased() == parent.lowercased() }) {
                return .failure(.unknownParent(parent))
            }
            state.types.append(type)
            return .success(type)
        }
    }

    enum CreateError: Error, Equatable {
        case exists(String)
        case unknownParent(String)
    }

    private static func seed(_ state: inout State, _ now: Date) {
        guard !state.seeded else { return }
        state.seeded = true
        state.types = requiredIDs.map { id in
            EmulatedDataType(
                id: id, name: id, description: id, isDirectory: id == "AnyDirectory", parentIDs: [], createdAt: now,
                etag: EmulatedPipeline.newETag())
        } + state.types
    }
}
