import Foundation

/// A pipeline DataType (`DataTypeEntity` of the pipelines service): the type of a module port.
struct EmulatedDataType: Sendable, Equatable {
    var id: String
    var name: String
    var description: String?
    var isDirectory: Bool
    var parentIDs: [String]
    var createdAt: Date
    var etag: String

    /// `DataTypeEntity`, PascalCase like the rest of the pipelines service.
    func wire(_ style: WireStyle) -> JSONValue {
        .object([
            "Id": .string(id),
            "Name": .string(name),
            "Description": .string(description),
            "IsDirectory": .bool(isDirectory),
            "ParentDataTypeIds": .array(parentIDs.map(JSONValue.string)),
            "EntityStatus": style.encode(EntityStatus.active),
            "Etag": .string(etag),
            "CreatedDate": .string(AzureTimestamp.format(createdAt)),
            "LastModifiedDate": .string(AzureTimestamp.format(createdAt)),
        ])
    }
}
