public import Foundation

/// What `apply` and `export` share: where the gateway is and the key to show it. DESIGN: `--server`
/// (default `GATEWAY_PUBLIC_URL`, else `http://127.0.0.1:8080`) and `--api-key` (or `GATEWAY_API_KEY`).
public struct ClientOptions: Sendable {
    public var server: URL
    public var apiKey: String?

    public static let defaultServer = "http://127.0.0.1:8080"

    static func resolve(server flag: String?, apiKey keyFlag: String?, environment: [String: String]) throws(CommandUsageError) -> ClientOptions {
        let text = flag ?? environment["GATEWAY_PUBLIC_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultServer
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil else {
            throw CommandUsageError(message: "--server must be an http(s) URL such as \(defaultServer); got '\(text)'")
        }
        let key = keyFlag ?? environment["GATEWAY_API_KEY"]
        return ClientOptions(server: url, apiKey: key.flatMap { $0.isEmpty ? nil : $0 })
    }
}

/// A client command's command line read: run with these options, or stop (help printed, or a usage
/// error printed) with this exit status. `apply` and `export` share it so both answer `--help`,
/// unknown flags and a bad `--server` the same way.
enum ClientInvocation {
    case run(ClientOptions, ArgumentScanner)
    case stop(Int32)

    /// `validate` checks the command's own flags (throwing a usage error); `--server` and `--api-key`
    /// are always accepted.
    static func parse(
        _ arguments: [String], command: String, help: String, valued: Set<String>, switches: Set<String> = [], short: [String: String] = [:],
        environment: [String: String], validate: (ArgumentScanner) throws(CommandUsageError) -> Void, out: (String) -> Void, err: (String) -> Void
    ) -> ClientInvocation {
        if arguments.contains("--help") || arguments.contains("-h") {
            out(help)
            return .stop(ClientExit.ok)
        }
        do throws(CommandUsageError) {
            let scanner = try ArgumentScanner(arguments, valued: valued.union(["server", "api-key"]), switches: switches, short: short, command: command)
            try validate(scanner)
            let options = try ClientOptions.resolve(server: scanner.values["server"], apiKey: scanner.values["api-key"], environment: environment)
            return .run(options, scanner)
        } catch {
            err("\(command): \(error.message)\nRun 'pipeline-gateway \(command) --help' for usage.")
            return .stop(ClientExit.usage)
        }
    }
}

/// A command line `apply` or `export` cannot run with (exit status 2).
public struct CommandUsageError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Exit statuses of `apply` and `export`.
public enum ClientExit {
    public static let ok: Int32 = 0
    /// The file is invalid, or the gateway refused one of its schedules: nothing was changed.
    public static let invalid: Int32 = 1
    public static let usage: Int32 = 2
    /// The gateway could not be reached, refused the key, or failed.
    public static let server: Int32 = 3
}

/// Splits `--name value`, `--name=value` and bare switches; `short` maps one-letter flags (`-f`).
struct ArgumentScanner {
    var values: [String: String] = [:]
    var switches: Set<String> = []

    init(_ arguments: [String], valued: Set<String>, switches allowed: Set<String>, short: [String: String], command: String) throws(CommandUsageError) {
        var index = 0
        while index < arguments.count {
            var argument = arguments[index]
            if let long = short[argument] { argument = "--" + long }
            guard argument.hasPrefix("--"), argument.count > 2 else {
                throw CommandUsageError(message: "unexpected argument '\(argument)' for '\(command)'")
            }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if allowed.contains(name), inlineValue == nil {
                switches.insert(name)
            } else if valued.contains(name) {
                guard values[name] == nil else { throw CommandUsageError(message: "--\(name) given more than once") }
                if let inlineValue {
                    values[name] = inlineValue
                } else {
                    guard index + 1 < arguments.count else { throw CommandUsageError(message: "--\(name) needs a value") }
                    index += 1
                    values[name] = arguments[index]
                }
            } else {
                throw CommandUsageError(message: "unknown option --\(name) for '\(command)'")
            }
            index += 1
        }
    }
}
