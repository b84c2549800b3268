import AzureML
import Foundation
import Gateway
import Observability
import SchedulesAsCode

// Entry point: parse the command, run it, exit with a status a supervisor can act on
// (0 done, 1 runtime failure, 2 usage or configuration error).

func runGateway() async -> Int32 {
    // Loopback (the emulator) and IMDS never go through an outbound proxy.
    ProxyBypass.apply(environment: ProcessInfo.processInfo.environment)
    let command: GatewayCommand
    do {
        command = try GatewayCommand.parse(Array(CommandLine.arguments.dropFirst()))
    } catch {
        FileHandle.standardError.write(Data((error.description + "\n").utf8))
        return 2
    }
    switch command {
    case .version:
        print("pipeline-gateway \(GatewayVersion.current)")
        return 0
    case .migrate(let flags):
        return StoreCommands.migrate(flags: flags, environment: ProcessInfo.processInfo.environment)
    case .backup(let flags):
        return await StoreCommands.backup(flags: flags, environment: ProcessInfo.processInfo.environment)
    case .checkConfig(let flags):
        return await CheckConfigCommand.run(flags: flags, environment: ProcessInfo.processInfo.environment)
    case .apply(let arguments):
        return await ApplyCommand.run(
            arguments: arguments, environment: ProcessInfo.processInfo.environment, out: { print($0) }, err: printError)
    case .export(let arguments):
        return await ExportCommand.run(
            arguments: arguments, environment: ProcessInfo.processInfo.environment, out: { print($0, terminator: $0.hasSuffix("\n") ? "" : "\n") },
            err: printError)
    case .emulator(let flags):
        return await EmulatorCommand.run(flags: flags)
    case .importSchedules(let arguments):
        return await ImportSchedulesCommand.run(
            arguments: arguments, environment: ProcessInfo.processInfo.environment, out: { print($0) }, err: printError)
    case .help(let topic):
        switch topic {
        case "apply": print(ApplyCommand.help)
        case "export": print(ExportCommand.help)
        case "import-schedules": print(ImportSchedulesCommand.help)
        default: print(GatewayCommand.helpText(topic: topic))
        }
        return 0
    case .serve(let flags):
        let configuration: GatewayConfiguration
        var environment = ProcessInfo.processInfo.environment
        do {
            if let file = flags["env-file"] { environment.merge(try EnvironmentFile.read(file)) { _, fromFile in fromFile } }
            configuration = try GatewayConfiguration.load(environment: environment, flags: flags)
        } catch {
            let logger = Logger()
            logger.error("refusing to start: \(error.description)")
            logger.flush()
            return 2
        }
        let logger = Logger(minimumLevel: configuration.logLevel)
        let app: GatewayApplication
        do {
            app = try GatewayApplication(configuration: configuration, logger: logger, environment: environment)
        } catch {
            logger.error("refusing to start: \(error.description)")
            logger.flush()
            return 1
        }
        do {
            try await app.run(envFile: flags["env-file"])
            return 0
        } catch {
            logger.error("failed to start", ["error": .string("\(error)")])
            logger.flush()
            return 1
        }
    }
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

exit(await runGateway())
