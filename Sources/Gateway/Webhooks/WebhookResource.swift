import Foundation
import HTTPServer
import JSON
import Observability
import Storage

/// The Webhook resource of the API (DESIGN "Webhooks and Event Grid"). Secrets appear only as their
/// hints — except in the one answer that created them (`shownSecrets`), which is their only showing.
enum WebhookResource {
    static func etag(_ record: WebhookRecord) -> String { "\"\(record.version)\"" }

    static func deliveryURL(_ record: WebhookRecord, publicURL: String) -> String {
        (publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL) + "/hooks/" + record.id
    }

    static func write(
        _ record: WebhookRecord, _ definition: WebhookDefinition, hints: [String], publicURL: String, shownSecrets: [String]? = nil,
        into writer: inout JSONWriter
    ) {
        writer.beginObject()
        func field(_ key: String, _ value: String?) {
            writer.writeKey(key)
            if let value { writer.writeString(value) } else { writer.writeNull() }
        }
        field("id", record.id)
        field("name", record.name)
        field("description", definition.description)
        // Exactly one target: the other key is null.
        field("pipeline_id", record.pipelineEndpointID == nil ? record.pipelineID : nil)
        field("pipeline_endpoint_id", record.pipelineEndpointID)
        field("pipeline_version", record.pipelineEndpointID == nil ? nil : definition.pipelineVersion)
        field("experiment_name", definition.experimentName)
        field("status", record.status)
        writer.writeKey("continue_on_step_failure")
        if let flag = definition.continueOnStepFailure { writer.writeBool(flag) } else { writer.writeNull() }
        field("scheme", record.scheme)
        writer.writeKey("secret_hints")
        writer.beginArray()
        for hint in hints { writer.writeString(hint) }
        writer.endArray()
        if let shownSecrets {
            writer.writeKey("secrets")
            writer.beginArray()
            for secret in shownSecrets { writer.writeString(secret) }
            writer.endArray()
        }
        writer.writeKey("parameter_assignments")
        writer.beginObject()
        for (name, template) in definition.parameterAssignments.sorted(by: { $0.key < $1.key }) {
            writer.writeKey(name)
            writer.writeString(template)
        }
        writer.endObject()
        writer.writeKey("data_path_assignments")
        writer.beginObject()
        for (name, path) in definition.dataPathAssignments.sorted(by: { $0.key < $1.key }) {
            writer.writeKey(name)
            writer.beginObject()
            field("DataStoreName", path.dataStoreName)
            field("RelativePath", path.relativePath)
            writer.endObject()
        }
        writer.endObject()
        writer.writeKey("filter")
        if let filter = definition.filter {
            writer.beginObject()
            field("pointer", filter.pointer)
            writer.writeKey("in")
            writer.beginArray()
            for value in filter.values {
                if let node = try? JSONParser().parse(Array(value.utf8)) { writer.write(node) }
            }
            writer.endArray()
            writer.endObject()
        } else {
            writer.writeNull()
        }
        field("delivery_url", deliveryURL(record, publicURL: publicURL))
        field("created_by", record.createdBy)
        field("updated_by", record.updatedBy)
        field("created_at", rfc3339UTC(record.createdAt))
        field("updated_at", rfc3339UTC(record.updatedAt))
        writer.endObject()
    }

    /// The create body that would make this webhook (without secrets): what a merge patch applies to.
    static func createBody(_ record: WebhookRecord, _ definition: WebhookDefinition) -> JSONNode? {
        var writer = JSONWriter()
        write(record, definition, hints: [], publicURL: "", into: &writer)
        guard let node = try? JSONParser().parse(writer.bytes), let members = node.objectMembers else { return nil }
        let writable = Set(WebhookRequest.acceptedKeys)
        return .object(members.filter { writable.contains($0.key) && !$0.value.isNull })
    }
}
