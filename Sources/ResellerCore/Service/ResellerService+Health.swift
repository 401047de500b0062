import Foundation

/// What `resellerdesk doctor` and the background services read and write about the desk itself.
extension ResellerService {
    public func recordHeartbeat(_ name: String, owner: String, detail: String) throws(ServiceError) {
        let now = self.now
        try store.write { tx in try tx.beat(name, owner: owner, detail: detail, at: now) }
    }

    public func heartbeat(_ name: String) throws(ServiceError) -> Heartbeat? {
        try store.read { tx in try tx.heartbeat(name) }
    }

    /// When the oldest email still waiting to be sent was queued; nil when none waits.
    public func oldestWaitingMail() throws(ServiceError) -> Date? {
        try store.read { tx in try tx.oldestWaitingMail() }
    }

    public func tableCounts() throws(ServiceError) -> [(table: String, rows: Int)] {
        try store.read { tx in try tx.tableCounts() }
    }
}
