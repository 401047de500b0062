import Synchronization

/// Every Argon2id check of a sign-in password (64 MiB and tens of milliseconds each), counted. A sign-in
/// always runs exactly one: against the user's stored hash when the attempt may check it, else against a
/// decoy, so the time taken tells no one whether the email exists or the user is locked. The storefront
/// logs the counts (its load script reads them); the tests assert on them.
public final class PasswordChecks: Sendable {
    private let started = Atomic<Int>(0)
    private let againstUsers = Atomic<Int>(0)

    public init() {}

    /// Argon2id checks run so far, decoys included.
    public var runs: Int { started.load(ordering: .relaxed) }
    /// Those run against a user's stored hash: the real guesses.
    public var userChecks: Int { againstUsers.load(ordering: .relaxed) }

    /// Whether `password` matches `hash`; with no hash, the same work against a hash nothing matches.
    func check(_ password: String, against hash: String?) -> Bool {
        started.add(1, ordering: .relaxed)
        guard let hash else {
            _ = Sodium.verifyPassword(password, hash: Self.decoy)
            return false
        }
        againstUsers.add(1, ordering: .relaxed)
        return Sodium.verifyPassword(password, hash: hash)
    }

    private static let decoy: String = Sodium.hashPassword("decoy password that matches nothing") ?? ""
}
