import Foundation

/// How a country or a currency is read from what a person typed: its code, or one of its names (English, the
/// country's own languages, common short forms), case and accents ignored. The terminal form completes with
/// it, the validators (and so the CLI and the storefront) accept with it: one rule, so no front accepts what
/// another refuses.
///
/// The first of these that matches anything decides, so a longer name never shadows an exact one ("Guinea"
/// is GN although "Guinea-Bissau" starts with it):
/// 1. the code itself ("gr", "EUR");
/// 2. a whole name ("Greece", "ελλάδα", "us dollar");
/// 3. the start of a name ("germ" → Germany);
/// 4. the start of a later word of a name ("macedonia" → North Macedonia).
/// One code found is the answer; several are refused with the candidates, never picked for the user.
struct CodeOrName: Sendable {
    /// "country" / "countries": the words of the messages.
    let noun: String
    let plural: String
    let codeLength: Int
    /// Every name of every code, by its key (see `key`).
    private let names: [(key: String, code: String)]
    private let displayName: [String: String]
    /// Where each code comes in a list of candidates: alphabetical by display name, accents ignored.
    private let rank: [String: Int]

    init(noun: String, plural: String, codeLength: Int, entries: [(code: String, name: String)],
         otherNames: [(String, String)]) {
        self.noun = noun
        self.plural = plural
        self.codeLength = codeLength
        displayName = Dictionary(uniqueKeysWithValues: entries.map { ($0.code, $0.name) })
        let sorted = entries.sorted { SearchQuery.fold($0.name) < SearchQuery.fold($1.name) }
        rank = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1.code, $0) })
        names = (entries + otherNames.map { (code: $0.0, name: $0.1) }).map { (Self.key($0.name), $0.code) }
    }

    /// The codes that match `text` under the rule above, in alphabetical order of their display names.
    /// Empty when nothing matches; one element when `text` resolves.
    func candidates(_ text: String) -> [String] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let upper = trimmed.uppercased()
        if upper.count == codeLength, displayName[upper] != nil { return [upper] }
        let typed = Self.key(trimmed)
        guard !typed.isEmpty else { return [] }
        let tiers: [(String) -> Bool] = [
            { $0 == typed },
            { $0.hasPrefix(typed) },
            { (" " + $0).contains(" " + typed) },
        ]
        for matches in tiers {
            var codes: [String] = []
            for n in names where matches(n.key) && !codes.contains(n.code) { codes.append(n.code) }
            if !codes.isEmpty { return codes.sorted { rank[$0]! < rank[$1]! } }
        }
        return []
    }

    /// The one code `text` stands for, or the field error that says why there is none.
    /// `expected` names what to give instead, e.g. "an ISO 3166-1 alpha-2 code (GR, DE, US) or a name".
    func resolve(_ text: String, field: String, expected: String) -> Result<String, FieldError> {
        if text.trimmingCharacters(in: .whitespaces).isEmpty {
            return .failure(FieldError(field, "\(noun) is required: \(expected)"))
        }
        let codes = candidates(text)
        switch codes.count {
        case 1:
            return .success(codes[0])
        case 0:
            return .failure(FieldError(field, "\"\(text)\" is not a \(noun): give \(expected)"))
        default:
            // Six at most keep the message readable in a form's status line; the rest are counted, not hidden.
            let shown = codes.prefix(Self.listed).map { "\($0) \(displayName[$0]!)" }.joined(separator: "; ")
            let more = codes.count > Self.listed ? "; … and \(codes.count - Self.listed) more" : ""
            let message = "\"\(text)\" matches several \(plural): \(shown)\(more). Give the code or more of the name"
            return .failure(FieldError(field, message))
        }
    }

    static let listed = 6

    /// A name as it is compared: the search's fold (lowercase, accents dropped in every script), then the
    /// few letters Unicode does not decompose but a typist without them writes plainly ("Foroyar" for
    /// "Føroyar", "Kibris" for "Kıbrıs"), and words joined by one space so punctuation never matters
    /// ("Guinea-Bissau" = "guinea bissau").
    static func key(_ text: String) -> String {
        var plain = ""
        for c in SearchQuery.fold(text) { plain += letters[c] ?? String(c) }
        return SearchQuery.split(plain).joined(separator: " ")
    }

    private static let letters: [Character: String] = [
        "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th",
    ]
}

extension String {
    /// "AT Austria|GR Greece" as (code, name) pairs: the compact form of the name tables.
    /// Split as bytes: the codes are ASCII, and splitting by Characters took 0.1 ms of every start (the country
    /// table is read as the seller's settings are).
    func codeNamePairs(codeLength: Int) -> [(String, String)] {
        utf8.split(separator: UInt8(ascii: "|")).map { entry in
            (String(decoding: entry.prefix(codeLength), as: UTF8.self),
             String(decoding: entry.dropFirst(codeLength + 1), as: UTF8.self))
        }
    }
}
