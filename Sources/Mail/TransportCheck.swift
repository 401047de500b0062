import Foundation

/// Whether the configured way out for email works now, without sending anything.
public enum TransportCheck {
    /// "ok" with what was found, or the reason it cannot work.
    public static func run(_ settings: MailSettings) -> Result<String, TransportCheckFailure> {
        switch settings.transport {
        case .maildir(let path):
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
                guard isFolder.boolValue, access(path, W_OK | X_OK) == 0 else {
                    return .failure(.init("the Maildir \(path) is not a folder this login can write"))
                }
                return .success("Maildir \(path)")
            }
            return .success("Maildir \(path) (created at the first email)")
        case .smtp(let smtp):
            var transport = SMTPTransport(settings: smtp)
            do {
                let offers = try transport.hello()
                let what = offers.isEmpty ? "" : ", offers " + offers.prefix(6).joined(separator: " ")
                return .success("SMTP \(smtp.host):\(smtp.port) (\(smtp.security.rawValue)) said hello\(what)")
            } catch {
                return .failure(.init("SMTP \(smtp.host):\(smtp.port) (\(smtp.security.rawValue)): \(error)"))
            }
        case .sendmail(let path):
            guard FileManager.default.isExecutableFile(atPath: path) else {
                return .failure(.init("\(path) is not an executable program (sendmail.path)"))
            }
            return .success("sendmail \(path)")
        }
    }
}

public struct TransportCheckFailure: Error, Sendable {
    public let reason: String
    init(_ reason: String) { self.reason = reason }
}
