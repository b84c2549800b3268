import Testing
@testable import Gateway

@Suite struct GatewayCommandTests {
    @Test func parse_knownCommands() throws {
        #expect(try GatewayCommand.parse([]) == .help(topic: nil))
        #expect(try GatewayCommand.parse(["--help"]) == .help(topic: nil))
        #expect(try GatewayCommand.parse(["version"]) == .version)
        #expect(try GatewayCommand.parse(["serve"]) == .serve(flags: [:]))
        #expect(try GatewayCommand.parse(["serve", "--help"]) == .help(topic: "serve"))
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
