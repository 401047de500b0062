import Foundation

/// The last sign of life of a piece of background work ("mail-deliverer", "backup").
public struct Heartbeat: Sendable, Equatable {
    public let name: String
    public let at: Date
    public let owner: String
    public let detail: String
}
