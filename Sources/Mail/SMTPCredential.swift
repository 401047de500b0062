import Foundation
import ResellerCore

/// smtp.password_credential: the SMTP password as a systemd credential. The unit loads it
/// (`LoadCredential=NAME:/etc/resellerdesk/smtp-password`, a root-only file) and systemd hands it to this one
/// service as $CREDENTIALS_DIRECTORY/NAME; unlike Environment=, nothing shows it to other local users.
extension MailSettings {
    static func credential(named name: String, environment: [String: String]) throws(ServiceError) -> String {
        // A name, as LoadCredential= gives it: never a path that could reach outside systemd's folder.
        guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else {
            throw .invalid("config", "smtp.password_credential must be a credential's name such as smtp-password "
                           + "(as in LoadCredential=smtp-password:/etc/resellerdesk/smtp-password), not \(name)")
        }
        guard let folder = environment["CREDENTIALS_DIRECTORY"], !folder.isEmpty else {
            throw .invalid("config", "smtp.password_credential names \(name), but no systemd credentials were "
                           + "given ($CREDENTIALS_DIRECTORY is not set): the unit needs "
                           + "LoadCredential=\(name):/etc/resellerdesk/smtp-password "
                           + "(systemctl edit resellerdesk-mail)")
        }
        let path = folder + "/" + name
        var st = stat()
        guard stat(path, &st) == 0 else {
            throw .invalid("config", "smtp.password_credential: there is no credential \(name) in \(folder); the "
                           + "unit needs LoadCredential=\(name):/etc/resellerdesk/smtp-password")
        }
        // The same care as smtp.password_file: systemd writes credentials 0400; a copy others read is refused.
        guard st.st_mode & 0o077 == 0 else {
            throw .invalid("config", "smtp.password_credential: \(path) is readable by others")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else { throw .invalid("config", "smtp.password_credential: \(path) cannot be read") }
        return text.trimmingCharacters(in: .newlines)
    }
}
