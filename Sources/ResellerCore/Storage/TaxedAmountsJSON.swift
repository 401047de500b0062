import Foundation
import Synchronization

/// The JSON columns of an issued document's amounts: its tax breakdown and its seller, and the line's tax read
/// back from them. The breakdown is written by hand, as Foundation's JSONEncoder with sorted keys would
/// (TaxedAmountsJSONTests holds it to that), as the other JSON every invoice of a billing run stores is
/// (`CompactJSON`); the seller is the same on every invoice of a run, so its text is kept for the next one.
enum TaxedAmountsJSON {
    static func taxes(_ list: [TaxSubtotal]) -> String {
        var out = Array("[".utf8)
        for (n, t) in list.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            out += #"{"category":"#.utf8
            CompactJSON.string(t.category.rawValue, into: &out)
            out += #","rate":{"hundredths":\#(t.rate.hundredths)}"#.utf8
            if let reason = t.reason { out += #","reason":"#.utf8; CompactJSON.string(reason, into: &out) }
            out += #","tax":"#.utf8; money(t.tax, into: &out)
            out += #","taxable":"#.utf8; money(t.taxable, into: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    /// The breakdown a column holds; none for NULL (a document or order from before tax).
    static func taxes(from text: String?) throws -> [TaxSubtotal] {
        guard let text else { return [] }
        return try JSONDecoder().decode([TaxSubtotal].self, from: Data(text.utf8))
    }

    /// A line's stored category and rate, with the reason its document's breakdown gives them; nil for a line
    /// issued before tax.
    static func lineTax(category: String?, rate: Int?, in taxes: [TaxSubtotal]) -> TaxTreatment? {
        guard let category = category.flatMap(TaxCategory.init(rawValue:)), let rate else { return nil }
        let percent = TaxPercent(hundredths: rate)
        return TaxTreatment(category: category, rate: percent, reason: taxes.reason(category, percent))
    }

    private static func money(_ m: Money, into out: inout [UInt8]) {
        out += #"{"currency":"#.utf8
        CompactJSON.string(m.currency, into: &out)
        out += #","minor":\#(m.minor)}"#.utf8
    }

    private static let lastSeller = Mutex<(Seller, String)?>(nil)

    static func seller(_ s: Seller) throws -> String {
        if let last = lastSeller.withLock({ $0 }), last.0 == s { return last.1 }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(s), as: UTF8.self)
        lastSeller.withLock { $0 = (s, text) }
        return text
    }
}
