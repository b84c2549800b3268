import Testing
@testable import AzureML

@Suite struct ProxyBypassTests {
    @Test(arguments: [
        (nil as String?, "127.0.0.1,localhost,::1,169.254.169.254"),
        ("corp.example, 10.0.0.0/8", "corp.example,10.0.0.0/8,127.0.0.1,localhost,::1,169.254.169.254"),
        ("LOCALHOST,127.0.0.1", "LOCALHOST,127.0.0.1,::1,169.254.169.254"),
        ("*", "*"),
    ])
    func merged_addsOnlyMissingHosts(existing: String?, expected: String) {
        #expect(ProxyBypass.merged(existing: existing, adding: ProxyBypass.alwaysDirect) == expected)
    }
}
