/// One step of the schema's history. Steps are append-only: a released step is never edited, a
/// change is a new step, so every database reaches the same schema by the same path.
struct Migration: Sendable {
    let version: Int
    let summary: String
    let sql: String
}
