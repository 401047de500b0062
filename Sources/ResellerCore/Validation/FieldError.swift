/// One problem with one input field. `field` is the camelCase name docs/domain.md#accounts gives the field, so every
/// front can put the message beside the right widget (terminal form, CLI `field: message`, HTML form).
public struct FieldError: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    public let field: String
    public let message: String

    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

/// Everything a service operation can refuse. Each case carries field errors, so a front shows one list.
public enum ServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Input that breaks a rule; one entry per problem, all of them at once.
    case invalid([FieldError])
    /// The record was saved by someone else since it was read.
    case conflict(field: String, message: String)
    /// The record named does not exist.
    case notFound(field: String, message: String)
    /// A business rule refuses the operation as a whole (e.g. an order that is not Submitted).
    case refused(field: String, message: String)
    /// A storefront account made as many of something today as it may (the storefront answers 429).
    case quotaExceeded(field: String, message: String)
    /// Storefront login failed: one identical answer for every cause, by design.
    case invalidCredentials
    /// The database could not be opened or written (disk full, read-only, permissions).
    case storage(String)

    public var fieldErrors: [FieldError] {
        switch self {
        case .invalid(let errors): return errors
        case .conflict(let f, let m), .notFound(let f, let m), .refused(let f, let m), .quotaExceeded(let f, let m):
            return [FieldError(f, m)]
        case .invalidCredentials: return [FieldError("login", ServiceError.invalidCredentialsMessage)]
        case .storage(let m): return [FieldError("database", m)]
        }
    }

    /// The first message for each field: what a form shows beside its fields.
    public var messagesByField: [String: String] {
        fieldErrors.reduce(into: [:]) { out, e in out[e.field] = out[e.field] ?? e.message }
    }

    public static let invalidCredentialsMessage = "email or password is not right, or the account cannot sign in yet"

    public var description: String { fieldErrors.map(\.description).joined(separator: "\n") }

    public static func invalid(_ field: String, _ message: String) -> ServiceError { .invalid([FieldError(field, message)]) }
}

/// Collects field errors while a validator walks a form, so the user sees every problem at once.
struct ErrorList {
    private(set) var errors: [FieldError] = []
    mutating func add(_ field: String, _ message: String) { errors.append(FieldError(field, message)) }
    /// Runs a check that throws a FieldError and keeps its message; returns the value or nil.
    mutating func check<T>(_ body: () throws(FieldError) -> T) -> T? {
        do { return try body() } catch { errors.append(error); return nil }
    }
    func throwIfAny() throws(ServiceError) {
        if !errors.isEmpty { throw .invalid(errors) }
    }
}
