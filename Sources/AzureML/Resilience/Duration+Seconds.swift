extension Duration {
    /// The duration as fractional seconds, for APIs and arithmetic that take a `Double`.
    var inSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
