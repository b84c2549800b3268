import CCurl
import Foundation
import Synchronization

/// The curl thread of one `HTTPTransport`: a multi handle, the transfers on it, and a small pool of
/// easy handles. Requests arrive through `submit`, cancellations through `abandon`; both only queue
/// work under a lock and wake the thread with `curl_multi_wakeup`.
///
/// `@unchecked Sendable`: the multi handle and every easy handle are used only on the engine thread
/// (inside `run`, whose state is local to it), with two exceptions libcurl allows — `curl_multi_wakeup`,
/// documented as callable from any thread, and the cleanup in `deinit`, when no thread can hold the
/// engine any more. Everything else shared is behind `inbox`, a Mutex.
final class CurlEngine: @unchecked Sendable {
    private let multi: UnsafeMutableRawPointer
    private let caBundlePath: String?
    private let idleHandleLimit: Int
    /// Transfers on the multi handle at once; later jobs wait in the engine's queue, where a job costs
    /// a few bytes instead of an easy handle and its buffers (a burst of a thousand fires would
    /// otherwise hold a thousand handles, all but a few waiting inside libcurl for a connection).
    private let activeTransferLimit: Int
    private let inbox = Mutex(Inbox())

    private struct Inbox {
        var added: [CurlJob] = []
        /// Held (not just their ids) so that an id cannot be reused by a new job before it is handled.
        var abandoned: [CurlJob] = []
        var stopping = false
        var threadStarted = false
    }

    /// How long after a call's deadline the engine ends a transfer libcurl has not timed out itself.
    static let deadlineGrace: Duration = .milliseconds(5)

    /// How often jobs waiting for a transfer slot are checked against their deadlines.
    static let waitingCheckInterval: Duration = .milliseconds(50)

    /// Larger answers are refused (`.other`): nothing the client reads comes near it.
    static let maximumResponseBytes = 64 << 20

    init(maximumConnectionsPerHost: Int, caBundlePath: String?) {
        _ = CurlGlobal.initialized
        guard let multi = curl_multi_init() else {
            fatalError("libcurl could not allocate a multi handle (out of memory)")
        }
        self.multi = multi
        self.caBundlePath = caBundlePath
        idleHandleLimit = maximumConnectionsPerHost
        activeTransferLimit = maximumConnectionsPerHost * 4
        _ = gateway_curl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, maximumConnectionsPerHost)
        // Idle connections kept for reuse, over all hosts (pipelines service, token endpoint, storage).
        _ = gateway_curl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, maximumConnectionsPerHost * 4)
    }

    deinit {
        curl_multi_cleanup(multi)
    }

    /// Hands `job` to the curl thread, starting the thread on first use.
    func submit(_ job: CurlJob) {
        enum Next { case wake, start, refuse }
        let next = inbox.withLock { inbox -> Next in
            guard !inbox.stopping else { return .refuse }
            inbox.added.append(job)
            guard inbox.threadStarted else {
                inbox.threadStarted = true
                return .start
            }
            return .wake
        }
        switch next {
        case .wake:
            _ = curl_multi_wakeup(multi)
        case .start:
            Thread { [self] in run() }.start()
        case .refuse:
            job.finish(.failure(TransportFailure(kind: .notSent, message: "the transport is shut down")))
        }
    }

    /// Drops `job`'s transfer (its caller has already been answered).
    func abandon(_ job: CurlJob) {
        let wake = inbox.withLock { inbox -> Bool in
            inbox.abandoned.append(job)
            return inbox.threadStarted && !inbox.stopping
        }
        if wake { _ = curl_multi_wakeup(multi) }
    }

    /// Ends the thread after its current step; transfers still running are dropped.
    func stop() {
        let wake = inbox.withLock { inbox -> Bool in
            inbox.stopping = true
            return inbox.threadStarted
        }
        if wake { _ = curl_multi_wakeup(multi) }
    }

    // MARK: - The curl thread

    private func run() {
        var transfers: [UnsafeMutableRawPointer: CurlTransfer] = [:]
        var byJob: [ObjectIdentifier: UnsafeMutableRawPointer] = [:]
        var idleHandles: [UnsafeMutableRawPointer] = []
        /// Jobs waiting for a transfer slot, oldest first from `waitingHead`.
        var waiting: [CurlJob] = []
        var waitingHead = 0
        var nextWaitingCheck = ContinuousClock.now

        func release(_ transfer: CurlTransfer) {
            curl_multi_remove_handle(multi, transfer.easy)
            transfers[transfer.easy] = nil
            byJob[ObjectIdentifier(transfer.job)] = nil
            transfer.freeHeaderList()
            if idleHandles.count < idleHandleLimit {
                curl_easy_reset(transfer.easy)
                idleHandles.append(transfer.easy)
            } else {
                curl_easy_cleanup(transfer.easy)
            }
        }

        while true {
            let (added, abandoned, stopping) = inbox.withLock { inbox in
                defer {
                    inbox.added.removeAll(keepingCapacity: true)
                    inbox.abandoned.removeAll(keepingCapacity: true)
                }
                return (inbox.added, inbox.abandoned, inbox.stopping)
            }
            if stopping { break }
            for job in abandoned {
                if let easy = byJob[ObjectIdentifier(job)], let transfer = transfers[easy] { release(transfer) }
            }
            waiting.append(contentsOf: added)
            while transfers.count < activeTransferLimit, waitingHead < waiting.count {
                let job = waiting[waitingHead]
                waitingHead += 1
                guard !job.isFinished else { continue }
                guard let easy = idleHandles.popLast() ?? curl_easy_init() else {
                    job.finish(.failure(TransportFailure(kind: .notSent, message: "libcurl could not allocate a handle")))
                    continue
                }
                let transfer = CurlTransfer(job: job, easy: easy)
                let configured = transfer.configure(caBundlePath: caBundlePath)
                guard configured == CURLE_OK, curl_multi_add_handle(multi, easy) == CURLM_OK else {
                    transfer.freeHeaderList()
                    curl_easy_cleanup(easy)
                    job.finish(.failure(TransportFailure(kind: .notSent, message: "libcurl refused the request (\(CurlFailure.name(configured)))")))
                    continue
                }
                transfers[easy] = transfer
                byJob[ObjectIdentifier(job)] = easy
            }
            if waitingHead > 256 && waitingHead * 2 > waiting.count {
                waiting.removeFirst(waitingHead)
                waitingHead = 0
            }

            var running: Int32 = 0
            _ = curl_multi_perform(multi, &running)
            var queued: Int32 = 0
            while let message = curl_multi_info_read(multi, &queued) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle, let transfer = transfers[easy] else { continue }
                let outcome = transfer.outcome(gateway_curl_message_result(message))
                release(transfer)
                transfer.job.finish(outcome)
            }
            // libcurl does not time out a transfer still queued for a free connection; the engine does,
            // a little after libcurl's own timer would have fired for a started one.
            let now = ContinuousClock.now
            var nextDeadline: ContinuousClock.Instant?
            for transfer in Array(transfers.values) {
                let expiry = transfer.deadline + Self.deadlineGrace
                if expiry <= now {
                    let outcome = transfer.outcome(CURLE_OPERATION_TIMEDOUT)
                    release(transfer)
                    transfer.job.finish(outcome)
                } else if nextDeadline.map({ expiry < $0 }) ?? true {
                    nextDeadline = expiry
                }
            }
            if waitingHead < waiting.count {
                // A slot freed above: start the next waiting jobs now rather than after the next event.
                if transfers.count < activeTransferLimit { continue }
                // A job still waiting for a slot when its time is up was never sent.
                if now >= nextWaitingCheck {
                    nextWaitingCheck = now + Self.waitingCheckInterval
                    for job in waiting[waitingHead...] where !job.isFinished && job.deadline + Self.deadlineGrace <= now {
                        job.finish(.failure(TransportFailure(
                            kind: .notSent, message: "no transfer slot within \(job.request.timeoutMilliseconds) ms, nothing sent")))
                    }
                }
                nextDeadline = min(nextDeadline ?? nextWaitingCheck, nextWaitingCheck)
            }
            // Waits for socket activity, a wakeup, libcurl's next timeout or the engine's next deadline,
            // whichever is first (curl_multi_poll shortens the given timeout to libcurl's own).
            var wait: Int32 = transfers.isEmpty ? 60_000 : 1000
            if let nextDeadline {
                wait = min(wait, Int32(clamping: CurlRequest.milliseconds(nextDeadline - now)))
            }
            _ = curl_multi_poll(multi, nil, 0, wait, nil)
        }

        for transfer in Array(transfers.values) {
            release(transfer)
            transfer.job.finish(.failure(TransportFailure(kind: .cancelled, message: "the transport was shut down")))
        }
        for job in waiting[waitingHead...] {
            job.finish(.failure(TransportFailure(kind: .notSent, message: "the transport was shut down")))
        }
        for easy in idleHandles { curl_easy_cleanup(easy) }
    }
}

/// `curl_global_init`, once per process, before any handle exists.
enum CurlGlobal {
    static let initialized: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
}
