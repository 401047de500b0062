import Foundation

/// A real SQLite file in a fresh temporary folder, removed when the test ends.
public final class TempDatabase: Sendable {
    public let folder: String
    public var path: String { folder + "/resellerdesk.sqlite" }

    public init() {
        folder = NSTemporaryDirectory() + "resellerdesk-test-" + UUID().uuidString
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }
}
