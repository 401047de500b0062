import Foundation
import ResellerCore

/// What a person had typed into the account form, kept on disk while the form is open and unsaved, so a
/// dropped SSH link or a killed process loses nothing: the next start offers to resume it.
public struct FormDraft: Codable, Sendable, Equatable {
    public var database: String
    public var accountId: Int64?
    public var version: Int?
    public var form: AccountForm
    public var savedAt: Date

    public init(database: String, accountId: Int64?, version: Int?, form: AccountForm, savedAt: Date) {
        self.database = database; self.accountId = accountId; self.version = version; self.form = form; self.savedAt = savedAt
    }

    /// `~/.local/share/resellerdesk/drafts/account-form.json`: the staff member's own folder, mode 0600.
    public static func path(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        DatabaseLocation.dataHome(environment) + "/resellerdesk/drafts/account-form.json"
    }

    public func write(to path: String = FormDraft.path()) {
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        guard let data = try? JSONEncoder().encode(self) else { return }
        let tmp = path + ".tmp"
        guard FileManager.default.createFile(atPath: tmp, contents: data, attributes: [.posixPermissions: 0o600]) else { return }
        _ = rename(tmp, path)
    }

    /// The draft left for `database`, if any.
    public static func read(for database: String, from path: String = FormDraft.path()) -> FormDraft? {
        guard let data = FileManager.default.contents(atPath: path),
              let draft = try? JSONDecoder().decode(FormDraft.self, from: data), draft.database == database else { return nil }
        return draft
    }

    public static func remove(at path: String = FormDraft.path()) { unlink(path) }
}
