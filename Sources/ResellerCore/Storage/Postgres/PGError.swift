import Foundation

/// What PostgreSQL (or libpq on its behalf) said went wrong, with the SQLSTATE the storage layer decides on:
/// retry a serialization failure or a lost connection, report a constraint by name, refuse the rest whole.
public struct PGError: Error, CustomStringConvertible, Sendable {
    /// The five-character SQLSTATE; nil when libpq itself failed (a refused or broken connection).
    public let sqlState: String?
    public let message: String
    public let detail: String?
    public let hint: String?
    /// libpq found the connection bad when the error came: set on errors that carry no SQLSTATE of class 08.
    let connectionBad: Bool
    /// The server or libpq refused the connection for who or what it is (an unknown login, a wrong or missing
    /// password, a certificate that does not check out, a database that is not there): trying again cannot
    /// change the answer, unlike a server that is down or restarting.
    public let isRefusal: Bool

    init(sqlState: String?, message: String, detail: String? = nil, hint: String? = nil,
         connectionBad: Bool = false, isRefusal: Bool = false) {
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.connectionBad = connectionBad
        self.isRefusal = isRefusal
    }

    public var isSerializationFailure: Bool { sqlState == "40001" }
    public var isDeadlock: Bool { sqlState == "40P01" }
    /// The session is gone: retry on a reset connection, if what was sent is safe to send again.
    public var isConnectionLost: Bool {
        !isRefusal && (connectionBad || sqlState?.hasPrefix("08") == true
            || sqlState.map { ["57P01", "57P02", "57P03"].contains($0) } == true)
    }
    /// A refusal of the login itself (in the server's default English messages, the only form libpq passes on):
    /// the desk's administrator can change it, the user cannot.
    public var isLoginRefused: Bool {
        isRefusal && Self.loginRefusals.contains { message.contains($0) }
    }

    static let loginRefusals = [#"role ""#, "Peer authentication failed", "permission denied for database",
                                "password authentication failed", "no pg_hba.conf entry", "is not permitted to log in",
                                "pg_hba.conf rejects connection", "no password supplied"]
    /// Start-up failures that are the same on every try: the login's (above), a database not there, TLS that
    /// does not check out (libpq's own words), a conninfo libpq cannot read.
    static let refusals = loginRefusals + [
        "does not exist", "certificate verify failed", "does not match host name", "root certificate file",
        "server does not support SSL", "certificate present, but not private key", "invalid sslmode value",
        "invalid connection option", "invalid URI", #"missing "=" after"#, "invalid integer value",
    ]
    public var isUniqueViolation: Bool { sqlState == "23505" }
    public var isForeignKeyViolation: Bool { sqlState == "23503" }
    public var isCheckViolation: Bool { sqlState == "23514" }
    public var isInsufficientPrivilege: Bool { sqlState == "42501" }
    public var isUndefinedTable: Bool { sqlState == "42P01" }
    /// 22003 is PostgreSQL's own "bigint out of range"; PGConnection raises it too for a numeric result (an
    /// integer SUM) past Int64, so both read as SQLite's "integer overflow".
    public var isIntegerOverflow: Bool { sqlState == "22003" }

    /// The server's message first, then its detail and hint, on one line: libpq's multi-line connection
    /// errors ("connection to server … failed: FATAL: …") are joined so a status line can show them.
    public var description: String {
        var parts = [Self.oneLine(message)]
        if let detail, !detail.isEmpty { parts.append(Self.oneLine(detail)) }
        if let hint, !hint.isEmpty { parts.append("Hint: " + Self.oneLine(hint)) }
        return parts.joined(separator: " — ")
    }

    /// The message alone, on one line.
    public var oneLineMessage: String { Self.oneLine(message) }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: "; ")
            .replacingOccurrences(of: "FATAL:  ", with: "FATAL: ")
            .replacingOccurrences(of: "ERROR:  ", with: "ERROR: ")
    }
}
