import Foundation
import ResellerCore

/// What a person had typed into the account form or the Add Contact dialog, kept on disk while it is open
/// and unsaved, so a dropped SSH link or a killed process loses nothing: the next start offers to resume it.
public struct FormDraft: Codable, Sendable, Equatable {
    public enum Content: Codable, Sendable, Equatable {
        /// The New Account form (no id) or the Edit Account form of an account read at `version`.
        case account(accountId: Int64?, version: Int?, form: AccountForm)
        /// Add Contact, or Edit Contact (the target names the contact).
        case contact(target: ContactTarget, form: ContactForm)
    }

    public var database: String
    public var content: Content
    public var savedAt: Date

    public init(database: String, content: Content, savedAt: Date) {
        self.database = database; self.content = content; self.savedAt = savedAt
    }

    /// "New Account form", "changes to ACC-000002", "a contact for Aegean Cloud Partners": for the resume prompt.
    public var what: String {
        switch content {
        case .account(let id?, _, _): "changes to \(AccountCode.format(id))"
        case .account(nil, _, _): "New Account form"
        case .contact(let target, _): target.contactId == nil ? "contact for \(target.accountName)"
                                                              : "contact change for \(target.accountName)"
        }
    }

    /// `~/.local/share/resellerdesk/drafts/form.json`: the staff member's own folder, mode 0600.
    public static func path(_ environment: [String: String] = ProcessEnvironment.read()) -> String {
        DatabaseLocation.dataHome(environment) + "/resellerdesk/drafts/form.json"
    }

    public func write(to path: String = FormDraft.path()) {
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        guard let data = try? JSONEncoder().encode(self) else { return }
        let tmp = path + ".tmp"
        guard FileManager.default.createFile(atPath: tmp, contents: data, attributes: [.posixPermissions: 0o600]) else { return }
        _ = rename(tmp, path)
    }

    /// The draft left for `database`, if any. (Read before the terminal's first frame, so not through FileManager.)
    public static func read(for database: String, from path: String = FormDraft.path()) -> FormDraft? {
        guard let bytes = try? FileBytes.read(path),
              let draft = try? JSONDecoder().decode(FormDraft.self, from: Data(bytes)),
              draft.database == database else { return nil }
        return draft
    }

    public static func remove(at path: String = FormDraft.path()) { unlink(path) }
}
