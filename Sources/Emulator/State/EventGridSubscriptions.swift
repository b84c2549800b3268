import Foundation
import Observability
import Synchronization

/// The emulated storage account's Event Grid subscriptions, each with its own delivery queue and task.
///
/// Why a queue and a task per subscription: Put Blob answers at once whatever the subscribers do (it
/// only enqueues), one slow or failing subscriber delays no other, and a retried event is never
/// overtaken by a later one for the same subscriber, so events arrive in the order of the puts.
/// Every task is kept, so `removeAll` and `stop` cancel it and wait for its end: no delivery outlives
/// its subscription or the emulator.
final class EventGridSubscriptions: Sendable {
    /// Events waiting for one subscriber; past this the newest are dropped (with a warning), so a dead
    /// subscriber cannot grow the emulator without end.
    static let queueCapacity = 10_000

    private struct Worker: Sendable {
        var subscription: EventGridSubscription
        var queue: AsyncStream<EventGridEvent>.Continuation
        var task: Task<Void, Never>
    }

    private struct State {
        var workers: [Worker] = []
        /// The last event's sequence number, the `sequencer` of its data.
        var sequence: UInt64 = 0
        var stopped = false
    }

    private let state = Mutex(State())
    private let handshake: EventGridHandshake
    private let delivery: EventGridDelivery
    private let logger: Logger

    init(logger: Logger, calls: CallRecorder, clock: @escaping @Sendable () -> Date, retryDelays: [Duration]) {
        let client = WebhookClient()
        handshake = EventGridHandshake(client: client, clock: clock)
        delivery = EventGridDelivery(client: client, calls: calls, logger: logger, clock: clock, retryDelays: retryDelays)
        self.logger = logger
    }

    var all: [EventGridSubscription] {
        state.withLock { $0.workers.map(\.subscription) }
    }

    /// Performs the handshake of `schema` with `endpoint` and, when it passes, starts delivering to it.
    ///
    /// - Parameter validationBase: The emulator's public base URL (for the validation event's `validationUrl`).
    func subscribe(endpoint: URL, schema: EventGridSchema, validationBase: String) async throws(EventGridSubscriptionError)
        -> EventGridSubscription
    {
        try EventGridSubscriptionSpec.check(endpoint)
        guard !state.withLock({ $0.stopped }) else { throw Self.stopping }
        let subscription = EventGridSubscription(id: RandomUUID.make(), endpoint: endpoint, schema: schema)
        do {
            try await handshake.perform(for: subscription, validationBase: validationBase)
        } catch {
            logger.warning("event grid subscription refused", [
                "endpoint": .string(subscription.loggableEndpoint), "schema": .string(schema.rawValue), "reason": .string(error.message),
            ])
            throw error
        }
        let (events, queue) = AsyncStream.makeStream(of: EventGridEvent.self, bufferingPolicy: .bufferingOldest(Self.queueCapacity))
        let delivery = delivery
        let added = state.withLock { state -> Bool in
            guard !state.stopped else { return false }
            let task = Task {
                for await event in events { await delivery.deliver(event, to: subscription) }
            }
            state.workers.append(Worker(subscription: subscription, queue: queue, task: task))
            return true
        }
        guard added else { throw Self.stopping }
        logger.info("event grid subscription created", [
            "subscription_id": .string(subscription.id), "endpoint": .string(subscription.loggableEndpoint),
            "schema": .string(schema.rawValue),
        ])
        return subscription
    }

    /// Queues the `BlobCreated` event of `creation` for every subscriber; returns at once. Nothing is
    /// built when there is no subscriber. The event is made under the lock, so sequencer order is
    /// queue order.
    func publish(_ creation: BlobCreation, at time: Date) {
        state.withLock { state in
            guard !state.stopped, !state.workers.isEmpty else { return }
            state.sequence += 1
            let event = creation.event(id: RandomUUID.make(), sequence: state.sequence, time: time)
            for worker in state.workers {
                if case .dropped = worker.queue.yield(event) {
                    logger.warning("event grid event dropped: the subscriber's queue is full", [
                        "subscription_id": .string(worker.subscription.id), "event_id": .string(event.id),
                        "endpoint": .string(worker.subscription.loggableEndpoint),
                    ])
                }
            }
        }
    }

    /// Removes every subscription; returns once their deliveries, queued or under way, have ended.
    func removeAll() async {
        await end(state.withLock { state in
            defer { state.workers.removeAll() }
            return state.workers
        })
    }

    /// `removeAll`, and refuses new subscriptions and events from now on (emulator shutdown).
    func stop() async {
        await end(state.withLock { state in
            state.stopped = true
            defer { state.workers.removeAll() }
            return state.workers
        })
    }

    private func end(_ workers: [Worker]) async {
        for worker in workers {
            worker.queue.finish()
            worker.task.cancel()
        }
        for worker in workers { await worker.task.value }
    }

    private static let stopping = EventGridSubscriptionError(.stopping, "The emulator is shutting down; it takes no new subscriptions.")
}
