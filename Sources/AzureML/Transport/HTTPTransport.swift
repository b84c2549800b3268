import Foundation
import Synchronization
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Performs single HTTP requests for the Azure client and the credentials, over URLSession.
///
/// URLSession was chosen over libcurl directly because it needs no C shims and keeps connections
/// alive. Measured on loopback against this repo's HTTPServer (release build, 2 cores, keep-alive):
/// about 0.45 ms per GET (p90 0.58 ms), far below Azure's own latency; libcurl used directly is
/// several times cheaper per request, should forwarding throughput ever need it. Each call has its own deadline (`timeout`) covering connect, send and the whole answer,
/// enforced by racing the request against a timer rather than trusting URLSession's idle timeout.
/// Redirects are not followed: a redirect would carry the bearer token to another host.
public final class HTTPTransport: Sendable {
    public static let userAgent = "pipeline-gateway/0.1.0"

    private let session: URLSession

    /// - Parameter maximumConnectionsPerHost: Upper bound of kept-alive connections to one host.
    public init(maximumConnectionsPerHost: Int = 16) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = maximumConnectionsPerHost
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration, delegate: RedirectRefusingDelegate(), delegateQueue: nil)
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    /// Sends `request` once and returns whatever status the server answered with; fails only when
    /// there is no answer within `timeout`.
    ///
    /// The deadline is a timer that resumes the caller and cancels the URLSession task. It must not
    /// wait for the task to wind down: on Linux a cancelled `data(for:)` may still run until the server
    /// answers, which would stretch a 100 ms deadline to however long the server takes.
    public func perform(_ request: TransportRequest, timeout: Duration) async throws(TransportFailure) -> TransportResponse {
        let urlRequest = makeURLRequest(request, timeout: timeout)
        let outcome = OneShot<Result<TransportResponse, TransportFailure>>()
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<TransportResponse, TransportFailure>, Never>) in
                outcome.arm(continuation)
                let task = session.dataTask(with: urlRequest) { data, response, error in
                    if let error {
                        outcome.deliver(.failure(Self.failure(from: error)))
                        return
                    }
                    guard let response else {
                        outcome.deliver(.failure(TransportFailure(kind: .other, message: "no response")))
                        return
                    }
                    do {
                        outcome.deliver(.success(try Self.transportResponse(response, body: data ?? Data())))
                    } catch let failure as TransportFailure {
                        outcome.deliver(.failure(failure))
                    } catch {
                        outcome.deliver(.failure(Self.failure(from: error)))
                    }
                }
                let handle = TaskHandle(task)
                outcome.onCancel { handle.cancel() }
                task.resume()
                DispatchQueue.global().asyncAfter(deadline: .now() + max(timeout.inSeconds, 0.001)) {
                    outcome.deliver(.failure(TransportFailure(kind: .timedOut, message: "no answer within \(timeout)")))
                }
            }
        } onCancel: {
            outcome.deliver(.failure(TransportFailure(kind: .cancelled, message: "the call was cancelled")))
        }
        return try result.get()
    }

    private func makeURLRequest(_ request: TransportRequest, timeout: Duration) -> URLRequest {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        // swift-corelibs-foundation truncates `timeoutInterval` to whole seconds (0.9 s becomes an
        // immediate timeout), so URLSession gets the deadline rounded up to at least 1 s; the timer
        // in `perform` enforces the exact one.
        urlRequest.timeoutInterval = max(timeout.inSeconds.rounded(.up), 1)
        urlRequest.httpShouldHandleCookies = false
        for (name, value) in request.headers {
            urlRequest.setValue(value, forHTTPHeaderField: name)
        }
        if urlRequest.value(forHTTPHeaderField: "Accept") == nil {
            urlRequest.setValue("application/json", forHTTPHeaderField: "Accept")
        }
        if urlRequest.value(forHTTPHeaderField: "User-Agent") == nil {
            urlRequest.setValue(Self.userAgent, forHTTPHeaderField: "User-Agent")
        }
        urlRequest.setValue(request.clientRequestID, forHTTPHeaderField: "x-ms-client-request-id")
        urlRequest.httpBody = request.body
        return urlRequest
    }

    private static func transportResponse(_ response: URLResponse, body: Data) throws -> TransportResponse {
        guard let http = response as? HTTPURLResponse else {
            throw TransportFailure(kind: .other, message: "the answer was not HTTP")
        }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            guard let name = name as? String else { continue }
            headers[name.lowercased()] = value as? String ?? String(describing: value)
        }
        return TransportResponse(status: http.statusCode, headers: headers, body: body)
    }

    /// Sorts URLSession's errors by what they prove about the request having been sent.
    static func failure(from error: any Error) -> TransportFailure {
        if error is CancellationError {
            return TransportFailure(kind: .cancelled, message: "the call was cancelled")
        }
        guard let urlError = error as? URLError else {
            return TransportFailure(kind: .other, message: "request failed (\(type(of: error)))")
        }
        let code = urlError.code
        let detail = "URLError \(code.rawValue)"
        switch code {
        case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet,
            .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected,
            .clientCertificateRequired, .unsupportedURL, .badURL:
            return TransportFailure(kind: .notSent, message: "could not connect (\(detail))")
        case .timedOut:
            return TransportFailure(kind: .timedOut, message: "timed out (\(detail))")
        case .networkConnectionLost:
            return TransportFailure(kind: .connectionLost, message: "the connection was lost (\(detail))")
        case .cancelled:
            return TransportFailure(kind: .cancelled, message: "the call was cancelled")
        default:
            return TransportFailure(kind: .other, message: "request failed (\(detail))")
        }
    }
}

/// Resumes a continuation with the first outcome delivered (answer, deadline or cancellation) and
/// cancels the URLSession task when something other than the answer came first.
private final class OneShot<Value: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Value, Never>?
        var pending: Value?
        var cancel: (@Sendable () -> Void)?
        var done = false
    }

    private let state = Mutex(State())

    func arm(_ continuation: CheckedContinuation<Value, Never>) {
        let early = state.withLock { state -> Value? in
            if let pending = state.pending { return pending }
            state.continuation = continuation
            return nil
        }
        if let early { continuation.resume(returning: early) }
    }

    func onCancel(_ cancel: @escaping @Sendable () -> Void) {
        let alreadyDone = state.withLock { state -> Bool in
            state.cancel = cancel
            return state.done
        }
        if alreadyDone { cancel() }
    }

    func deliver(_ value: Value) {
        let (continuation, cancel) = state.withLock { state -> (CheckedContinuation<Value, Never>?, (@Sendable () -> Void)?) in
            guard !state.done else { return (nil, nil) }
            state.done = true
            guard let continuation = state.continuation else {
                state.pending = value
                return (nil, state.cancel)
            }
            state.continuation = nil
            return (continuation, state.cancel)
        }
        continuation?.resume(returning: value)
        cancel?()
    }
}

/// URLSessionTask is not Sendable; cancelling it from the timer thread is safe by its contract.
private final class TaskHandle: @unchecked Sendable {
    private let task: URLSessionTask
    init(_ task: URLSessionTask) { self.task = task }
    func cancel() { task.cancel() }
}

/// Answers every redirect with "do not follow", so the 3xx itself comes back to the caller.
private final class RedirectRefusingDelegate: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
