import Foundation
import JSON

/// One event of an Event Grid delivery, in either schema Event Grid speaks: its own (`eventType`,
/// `topic`; always an array) or CloudEvents 1.0 (`type`, `source`; one object, or an array in batch
/// mode). Only what the gateway acts on is kept.
struct EventGridEvent: Sendable, Equatable {
    var id: String
    var type: String
    /// The publisher: for Storage, `/subscriptions/…/providers/Microsoft.Storage/storageAccounts/{account}`.
    var topic: String
    var subject: String
    var data: JSONNode?
    /// The whole event as delivered: what a webhook's templates and filter look into.
    var node: JSONNode

    static let validationType = "Microsoft.EventGrid.SubscriptionValidationEvent"
    static let blobCreatedType = "Microsoft.Storage.BlobCreated"

    /// The events of a delivery body; nil when the body is neither an event nor an array of events.
    static func events(in body: JSONNode) -> [EventGridEvent]? {
        switch body {
        case .array(let elements):
            var events: [EventGridEvent] = []
            for element in elements {
                guard let event = EventGridEvent(element) else { return nil }
                events.append(event)
            }
            return events
        case .object:
            return EventGridEvent(body).map { [$0] }
        default:
            return nil
        }
    }

    init?(_ node: JSONNode) {
        guard node.objectMembers != nil, case .string(let id)? = node["id"] else { return nil }
        self.node = node
        let isCloudEvent = node["specversion"] != nil
        guard case .string(let type)? = node[isCloudEvent ? "type" : "eventType"] else { return nil }
        self.id = id
        self.type = type
        topic = node[isCloudEvent ? "source" : "topic"]?.stringValue ?? ""
        subject = node["subject"]?.stringValue ?? ""
        data = node["data"]
    }

    /// The handshake's code (`data.validationCode`), for a SubscriptionValidation event.
    var validationCode: String? {
        guard type == Self.validationType else { return nil }
        return data?["validationCode"]?.stringValue
    }

    /// Where a `BlobCreated` event's blob is: the account from the topic, the container and the
    /// blob's path (which may contain `/`) from the subject
    /// `/blobServices/default/containers/{container}/blobs/{path}`, and its ETag without quotes.
    var createdBlob: CreatedBlob? {
        guard type == Self.blobCreatedType else { return nil }
        let accountMarker = "/storageAccounts/"
        guard let accountRange = topic.range(of: accountMarker, options: .caseInsensitive) else { return nil }
        let account = topic[accountRange.upperBound...].prefix { $0 != "/" }
        let subjectPrefix = "/blobServices/default/containers/"
        guard subject.hasPrefix(subjectPrefix) else { return nil }
        let rest = subject.dropFirst(subjectPrefix.count)
        guard let blobsRange = rest.range(of: "/blobs/") else { return nil }
        let container = rest[..<blobsRange.lowerBound]
        let path = rest[blobsRange.upperBound...]
        guard !account.isEmpty, !container.isEmpty, !path.isEmpty else { return nil }
        // ADLS Gen2 sends CreateFile before the data is there; only a flushed file is complete.
        if let api = data?["api"]?.stringValue, api == "CreateFile" { return nil }
        let etag = (data?["eTag"]?.stringValue ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        return CreatedBlob(account: String(account), container: String(container), path: String(path), etag: etag)
    }

    struct CreatedBlob: Sendable, Equatable {
        var account: String
        var container: String
        var path: String
        var etag: String
    }
}
