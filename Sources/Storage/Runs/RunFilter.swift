/// Which runs `GET /v1/runs` lists; nil fields do not filter.
public struct RunFilter: Sendable, Equatable {
    public var pipelineID: String?
    public var scheduleID: String?
    public var source: String?
    public var status: String?
    /// Runs of one pipeline endpoint, whichever version each ran.
    public var pipelineEndpointID: String?

    public init(
        pipelineID: String? = nil, scheduleID: String? = nil, source: String? = nil, status: String? = nil, pipelineEndpointID: String? = nil
    ) {
        self.pipelineEndpointID = pipelineEndpointID
        self.pipelineID = pipelineID
        self.scheduleID = scheduleID
        self.source = source
        self.status = status
    }
}

/// One page of a newest-first listing; `nextCursor` continues after its last item.
public struct StoredPage<Item: Sendable>: Sendable {
    public var items: [Item]
    /// Opaque position for the next page, nil on the last page.
    public var nextCursor: Int64?

    public init(items: [Item], nextCursor: Int64?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}
