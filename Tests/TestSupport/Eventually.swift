/// Polls `condition` until it holds or `timeout` passes; for effects that land asynchronously
/// (a connection closing, a log line flushed). Returns whether it held.
public func eventually(timeout: Duration = .seconds(5), _ condition: () throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return try condition()
}
