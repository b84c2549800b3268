import Emulator
import Foundation
import HTTPServer
import Observability

/// `pipeline-gateway emulator`: the built-in Azure ML emulator as its own process, so SDK v1 scripts
/// and other clients can be tested against it offline.
public enum EmulatorCommand {
    /// Parses the flags into an emulator configuration and a listen address, naming every bad flag.
    static func settings(flags: [String: String]) throws(ConfigurationError) -> (SocketAddress, EmulatorConfiguration, LogLevel) {
        var problems: [ConfigurationError.Problem] = []
        var listen = try? SocketAddress(parsing: "127.0.0.1:0")
        if let text = flags["listen"] {
            do { listen = try SocketAddress(parsing: text) } catch { problems.append(.init(setting: "--listen", message: error.description)) }
        }
        var configuration = EmulatorConfiguration(dataDirectory: flags["data"] ?? "./data", publicURL: flags["public-url"])
        if let text = flags["run-seconds"] {
            if let seconds = Double(text), seconds.isFinite, seconds >= 0 {
                configuration.runSeconds = seconds
            } else {
                problems.append(.init(setting: "--run-seconds", message: "'\(text)' must be a non-negative number of seconds"))
            }
        }
        let levelText = flags["log-level"] ?? "info"
        let level = LogLevel(name: levelText)
        if level == nil { problems.append(.init(setting: "--log-level", message: "'\(levelText)' is not a log level")) }
        guard problems.isEmpty, let listen, let level else { throw ConfigurationError(problems: problems) }
        return (listen, configuration, level)
    }

    /// Runs until SIGTERM/SIGINT; returns the process exit status.
    public static func run(flags: [String: String]) async -> Int32 {
        let listen: SocketAddress
        let configuration: EmulatorConfiguration
        let level: LogLevel
        do {
            (listen, configuration, level) = try settings(flags: flags)
        } catch {
            let logger = Logger()
            logger.error("refusing to start: \(error.description)")
            logger.flush()
            return 2
        }
        let logger = Logger(minimumLevel: level, fields: ["component": "emulator"])
        let emulator = AzureMLEmulator(configuration: configuration, logger: logger)
        do {
            let address = try emulator.start(listen: listen)
            logger.info("listening", [
                "address": .string(address.description), "base_url": .string(emulator.baseURL),
                "subscription_id": .string(AzureMLEmulator.subscriptionID), "resource_group": .string(AzureMLEmulator.resourceGroup),
                "workspace": .string(AzureMLEmulator.workspaceName), "tenant_id": .string(AzureMLEmulator.tenantID),
                "demo_pipeline_id": .string(emulator.demoPipelineID),
            ])
        } catch {
            logger.error("failed to start", ["error": .string("\(error)")])
            logger.flush()
            return 1
        }
        let signal = await SignalWatcher.waitForTermination()
        logger.info("signal received", ["signal": .int(Int(signal))])
        await emulator.shutdown()
        logger.info("stopped")
        logger.flush()
        return 0
    }
}
