import Foundation
import Observability

/// One event as Event Grid holds it before a subscription's schema picks the envelope: the same id,
/// time and data go out in either schema, and every retry of it keeps its id (receivers dedupe by it).
struct EventGridEvent: Sendable, Equatable {
    static let blobCreatedType = "Microsoft.Storage.BlobCreated"
    static let validationType = "Microsoft.EventGrid.SubscriptionValidationEvent"

    var id: String
    /// The publisher's resource id (`source` in CloudEvents).
    var topic: String
    var subject: String
    var eventType: String
    var time: Date
    var data: JSONValue
    /// `""` for Storage's events, `"2"` for the validation event (reference §9).
    var dataVersion: String
    var metadataVersion = "1"

    /// The ARM id of a storage account of the emulated workspace's subscription and resource group:
    /// the topic Storage's system events carry, which the gateway reads the account name from.
    static func storageTopic(account: String) -> String {
        "/subscriptions/\(WorkspaceScope.subscriptionID)/resourceGroups/\(WorkspaceScope.resourceGroup)"
            + "/providers/Microsoft.Storage/storageAccounts/\(account)"
    }

    /// Event Grid's time text: seven fractional digits and `Z` (`2017-06-26T18:41:00.9584103Z`).
    var timeText: String { AzureTimestamp.format(time, utcSuffix: "Z") }

    /// The Event Grid schema object (delivered inside an array), keys in the order of the docs' example.
    var eventGridWire: JSONValue {
        .object([
            "topic": .string(topic), "subject": .string(subject), "eventType": .string(eventType),
            "eventTime": .string(timeText), "id": .string(id), "data": data,
            "dataVersion": .string(dataVersion), "metadataVersion": .string(metadataVersion),
        ])
    }

    /// The CloudEvents 1.0 object: `type` is the event type and `source` the topic; Event Grid adds
    /// no `datacontenttype` to Storage's events.
    var cloudEventWire: JSONValue {
        .object([
            "specversion": .string("1.0"), "type": .string(eventType), "source": .string(topic),
            "subject": .string(subject), "id": .string(id), "time": .string(timeText), "data": data,
        ])
    }

    /// The handshake of an Event Grid schema subscription. The emulator serves no `validationUrl`:
    /// it takes only the synchronous `{"validationResponse": code}` answer, which is what the gateway sends.
    static func subscriptionValidation(code: String, validationURL: String, topic: String, time: Date) -> EventGridEvent {
        EventGridEvent(
            id: RandomUUID.make(), topic: topic, subject: "", eventType: validationType, time: time,
            data: .object(["validationCode": .string(code), "validationUrl": .string(validationURL)]), dataVersion: "2")
    }
}
