import Testing
@testable import Gateway

@Suite struct GatewayCommandTests {
    @Test func parse_knownCommands() throws {
        #expect(try GatewayCommand.parse([]) == .help(topic: nil))
        #expect(try GatewayCommand.parse(["--help"]) == .help(topic: nil))
        #expect(try GatewayCommand.parse(["version"]) == .version)
        #expect(try GatewayCommand.parse(["serve"]) == .serve(flags: [:]))
        #expect(try GatewayCommand.parse(["serve", "--help"]) == .help(topic: "serve"))
        #expect(try GatewayCommand.parse(["import-schedules", "--take-over"]) == .importSchedules(arguments: ["--take-over"]))
        #expect(try GatewayCommand.parse(["emulator", "--listen", "127.0.0.1:0", "--run-seconds=2"])
            == .emulator(flags: ["listen": "127.0.0.1:0", "run-seconds": "2"]))
        #expect(try GatewayCommand.parse(["emulator", "--help"]) == .help(topic: "emulator"))
        // apply and export parse their own arguments (-f, --dry-run) in SchedulesAsCode.
        #expect(try GatewayCommand.parse(["apply", "-f", "s.yaml", "--dry-run"]) == .apply(arguments: ["-f", "s.yaml", "--dry-run"]))
        #expect(try GatewayCommand.parse(["export", "--format", "json"]) == .export(arguments: ["--format", "json"]))
        #expect(try GatewayCommand.parse(["serve", "--listen", "127.0.0.1:0", "--log-level=debug"])
            == .serve(flags: ["listen": "127.0.0.1:0", "log-level": "debug"]))
    }

    @Test(arguments: [
        (["launch"], "unknown command 'launch'"),
        (["serve", "--port", "1"], "unknown option --port"),
        (["serve", "--listen"], "--listen needs a value"),
        (["serve", "--listen", "a", "--listen", "b"], "given more than once"),
        (["serve", "stray"], "unexpected argument 'stray'"),
        (["version", "x"], "takes no arguments"),
        (["emulator", "--database", "x"], "unknown option --database for 'emulator'"),
    ])
    func parse_usageErrors(arguments: [String], message: String) {
        #expect {
            _ = try GatewayCommand.parse(arguments)
        } throws: { error in
            (error as? GatewayCommand.UsageError)?.message.contains(message) == true
        }
    }

    @Test func help_listsServeFlags() {
        let text = GatewayCommand.helpText(topic: "serve")
        for flag in ["--listen", "--public-url", "--log-level", "GATEWAY_API_KEYS"] {
            #expect(text.contains(flag))
        }
    }
}

@Suite struct EmulatorCommandTests {
    @Test func settings_defaultsAndFlags() throws {
        let (listen, configuration, level) = try EmulatorCommand.settings(flags: ["run-seconds": "2.5", "data": "/tmp/x"])
        #expect(listen.port == 0 && listen.isLoopback)
        #expect(configuration.runSeconds == 2.5)
        #expect(configuration.dataDirectory == "/tmp/x")
        #expect(level == .info)
    }

    @Test func settings_badFlagsAllNamed() {
        #expect {
            _ = try EmulatorCommand.settings(flags: ["listen": "nowhere", "run-seconds": "-1", "log-level": "loud"])
        } throws: { error in
            Set((error as? ConfigurationError)?.problems.map(\.setting) ?? []) == ["--listen", "--run-seconds", "--log-level"]
        }
    }
}
