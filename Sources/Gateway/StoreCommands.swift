import Foundation
import Observability
import Storage

/// `pipeline-gateway migrate` and `backup`: the database chores an operator runs by hand.
public enum StoreCommands {
    /// Creates or upgrades the database. Exit status: 0 done, 1 the database refused, 2 bad configuration.
    public static func migrate(flags: [String: String], environment: [String: String]) -> Int32 {
        guard let setting = databaseSetting(flags: flags, environment: environment) else { return 2 }
        do {
            guard case .sqlite(let path) = setting else { return 2 }
            let store = try SQLiteStore(path: path)
            let applied = store.appliedMigrations
            store.close()
            if applied.isEmpty {
                print("database \(path) is at schema version \(SQLiteStore.schemaVersion); nothing to do")
            } else {
                print("database \(path) migrated to schema version \(SQLiteStore.schemaVersion) (applied \(applied.map(String.init).joined(separator: ", ")))")
            }
            return 0
        } catch {
            FileHandle.standardError.write(Data("migrate: \(error.description)\n".utf8))
            return 1
        }
    }

    /// Copies the database online to `--to FILE`. Exit status as `migrate`.
    public static func backup(flags: [String: String], environment: [String: String]) async -> Int32 {
        guard let setting = databaseSetting(flags: flags, environment: environment), let target = flags["to"] else { return 2 }
        do {
            guard case .sqlite(let path) = setting else { return 2 }
            guard FileManager.default.fileExists(atPath: path) else {
                FileHandle.standardError.write(Data("backup: there is no database at \(path)\n".utf8))
                return 1
            }
            let store = try SQLiteStore(path: path)
            defer { store.close() }
            try await store.backup(to: target)
            print("backup of \(path) written to \(target)")
            return 0
        } catch {
            FileHandle.standardError.write(Data("backup: \(error.description)\n".utf8))
            return 1
        }
    }

    private static func databaseSetting(flags: [String: String], environment: [String: String]) -> DatabaseSetting? {
        var environment = environment
        if let file = flags["env-file"] {
            do {
                environment.merge(try EnvironmentFile.read(file)) { _, fromFile in fromFile }
            } catch {
                FileHandle.standardError.write(Data("\(error.description)\n".utf8))
                return nil
            }
        }
        let dataDirectory = flags["data"] ?? environment["GATEWAY_DATA_DIR"] ?? "./data"
        let text = flags["database"] ?? environment["GATEWAY_DATABASE"] ?? "sqlite:\(dataDirectory)/gateway.sqlite3"
        switch DatabaseSetting.parse(text, setting: flags["database"] != nil ? "--database" : "GATEWAY_DATABASE") {
        case .success(let setting):
            return setting
        case .failure(let problem):
            FileHandle.standardError.write(Data("\(problem.setting): \(problem.message)\n".utf8))
            return nil
        }
    }
}
