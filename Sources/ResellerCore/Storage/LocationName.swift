extension DatabaseLocation {
    /// A desk's location as printed and audited: a PostgreSQL URL without a password (`user:secret@`, or a
    /// `password=` parameter), which belongs in ~/.pgpass and must never reach the audit or a terminal's
    /// scrollback; a file path as it is.
    public static func named(_ location: String) -> String {
        guard isPostgres(location), let scheme = location.range(of: "://") else { return location }
        let rest = location[scheme.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var authority = String(rest[..<authorityEnd])
        if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
            authority.removeSubrange(colon..<at)
        }
        var tail = String(rest[authorityEnd...])
        if let question = tail.firstIndex(of: "?") {
            let kept = tail[tail.index(after: question)...].split(separator: "&").filter {
                $0.split(separator: "=", maxSplits: 1).first?.lowercased() != "password"
            }
            tail = String(tail[..<question]) + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
        }
        return String(location[..<scheme.upperBound]) + authority + tail
    }
}
