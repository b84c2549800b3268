/// A route template such as `/v1/schedules/{id}/next`, split into literal and parameter segments.
public struct RoutePattern: Sendable, Hashable, CustomStringConvertible {
    public enum Segment: Sendable, Hashable {
        case literal(String)
        case parameter(String)
    }

    public let segments: [Segment]
    public let description: String

    /// Precondition-checked: route templates are written by programmers, not derived from input.
    public init(_ template: String) {
        precondition(template.hasPrefix("/"), "route '\(template)' must start with '/'")
        description = template
        segments = template.split(separator: "/", omittingEmptySubsequences: true).map { part in
            if part.hasPrefix("{") && part.hasSuffix("}") && part.count > 2 {
                return .parameter(String(part.dropFirst().dropLast()))
            }
            return .literal(String(part))
        }
    }
}
