import Foundation

/// Finds the line a key was written on, for messages: TOMLKit gives a parsed table without positions, and an
/// administrator editing /etc/resellerdesk/config.toml by hand needs "line 7", not just the key.
enum ConfigLines {
    /// The 1-based line of `key` ("mail.transport"), written under `[mail]` as `transport = …`, at the top as
    /// `mail.transport = …`, or in an inline table `mail = { transport = … }`; nil when not found.
    static func locate(_ key: String, in text: String) -> Int? {
        let parts = key.split(separator: ".").map(String.init)
        var table: [String] = []
        var fallback: Int?
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                let inner = line.drop { $0 == "[" }.prefix { $0 != "]" }
                table = names(String(inner))
                continue
            }
            guard let eq = line.firstIndex(of: "=") else { continue }
            let written = table + names(String(line[..<eq]))
            if written == parts { return n + 1 }
            // An inline table: the line names the key's leading parts and holds its last one.
            if fallback == nil, parts.starts(with: written), line.contains(parts.last!) { fallback = n + 1 }
        }
        return fallback
    }

    /// "a . \"b c\" . d" → ["a", "b c", "d"]; quotes and spaces around the dots are not part of a name.
    private static func names(_ dotted: String) -> [String] {
        dotted.split(separator: ".").map {
            $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        }
    }
}
