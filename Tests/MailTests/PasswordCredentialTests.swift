import Foundation
import Testing
@testable import Mail
import ResellerCore

/// smtp.password_credential: the SMTP password from a systemd credential (LoadCredential= in the unit), read
/// from $CREDENTIALS_DIRECTORY, so that it is never in a unit's environment, which every local user can see.
@Suite struct PasswordCredentialTests {
    /// A folder standing for systemd's $CREDENTIALS_DIRECTORY, holding `smtp-password` with `mode`.
    static func credentials(_ secret: String, mode: mode_t) throws -> String {
        let folder = NSTemporaryDirectory() + "rd-credentials-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try secret.write(toFile: folder + "/smtp-password", atomically: true, encoding: .utf8)
        chmod(folder + "/smtp-password", mode)
        return folder
    }

    static let values = ["mail.transport": "smtp", "smtp.host": "h", "smtp.password_credential": "smtp-password"]

    static func password(_ values: [String: String], _ environment: [String: String]) throws -> String? {
        guard case .smtp(let smtp) = try MailSettings(ConfigFile(values: values), environment: environment).transport
        else { return nil }
        return smtp.password
    }

    /// The message of the one error settings with `values` and `environment` give, or nil.
    static func refusal(_ values: [String: String], _ environment: [String: String]) -> String? {
        do { _ = try MailSettings(ConfigFile(values: values), environment: environment) } catch {
            return error.fieldErrors.map(\.message).joined(separator: "; ")
        }
        return nil
    }

    @Test func readsTheCredentialSystemdHandsTheService() throws {
        let folder = try Self.credentials("hunter2 secret\n", mode: 0o400)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try Self.password(Self.values, ["CREDENTIALS_DIRECTORY": folder]) == "hunter2 secret")
    }

    @Test func outsideTheUnitSaysWhatToAddToIt() {
        let message = Self.refusal(Self.values, [:])
        #expect(message?.contains("smtp.password_credential names smtp-password") == true, "\(message ?? "nil")")
        #expect(message?.contains("LoadCredential=smtp-password:") == true, "\(message ?? "nil")")
    }

    @Test func aCredentialTheUnitDoesNotLoadIsNamed() throws {
        let folder = try Self.credentials("x", mode: 0o400)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var values = Self.values
        values["smtp.password_credential"] = "relay-password"
        let message = Self.refusal(values, ["CREDENTIALS_DIRECTORY": folder])
        #expect(message?.contains("no credential relay-password in \(folder)") == true, "\(message ?? "nil")")
    }

    @Test func aNameIsNotAPath() throws {
        let folder = try Self.credentials("x", mode: 0o400)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in ["../smtp-password", "/etc/shadow", "a/b", ".."] {
            var values = Self.values
            values["smtp.password_credential"] = name
            let message = Self.refusal(values, ["CREDENTIALS_DIRECTORY": folder])
            #expect(message?.contains("smtp.password_credential must be a credential's name") == true,
                    "\(name): \(message ?? "nil")")
        }
    }

    /// The same care as smtp.password_file: a copy others can read is refused, never used.
    @Test func aCredentialOthersCanReadIsRefused() throws {
        let folder = try Self.credentials("x", mode: 0o644)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let message = Self.refusal(Self.values, ["CREDENTIALS_DIRECTORY": folder])
        #expect(message?.contains("is readable by others") == true, "\(message ?? "nil")")
    }

    @Test func onlyOneSourceOfThePassword() throws {
        let folder = try Self.credentials("x", mode: 0o400)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var values = Self.values
        values["smtp.password_env"] = "RESELLERDESK_SMTP_PASSWORD"
        let message = Self.refusal(values, ["CREDENTIALS_DIRECTORY": folder, "RESELLERDESK_SMTP_PASSWORD": "y"])
        #expect(message?.contains("set only one of smtp.password_credential, smtp.password_env") == true,
                "\(message ?? "nil")")
    }
}
