import Foundation
import Testing

/// An email the deliverer left in a Maildir: its To header and its plain-text part, decoded.
struct DeliveredMail {
    var to: String
    var text: String

    /// Every email in `maildir`/new, oldest first (by the outbox id in the file name, `…Q<id>.host`).
    static func all(in maildir: String) throws -> [DeliveredMail] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: maildir + "/new")) ?? []
        func id(_ name: String) -> Int { Int(name.split(separator: "Q").last?.split(separator: ".").first ?? "") ?? 0 }
        return try names.sorted { id($0) < id($1) }.map { name in
            try parse(String(decoding: Data(contentsOf: URL(fileURLWithPath: maildir + "/new/" + name)), as: UTF8.self))
        }
    }

    static func parse(_ raw: String) throws -> DeliveredMail {
        // A Maildir file ends its lines in LF, the local convention (SMTP's CRLF is for the wire only).
        let lines = raw.components(separatedBy: "\n")
        let to = lines.first { $0.hasPrefix("To: ") } ?? ""
        let start = try #require(lines.firstIndex(of: "Content-Type: text/plain; charset=UTF-8")) + 3
        let base64 = lines[start...].prefix { !$0.hasPrefix("--") }.joined()
        let text = String(decoding: try #require(Data(base64Encoded: base64)), as: UTF8.self)
        return DeliveredMail(to: to, text: text)
    }
}
