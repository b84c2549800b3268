/// The release this binary was built as; reported by `version`, `/healthz` and logs.
public enum GatewayVersion {
    public static let current = "0.1.0"
}
