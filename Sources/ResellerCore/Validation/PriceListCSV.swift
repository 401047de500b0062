/// Parses a price list CSV: header `code,description,billing_period,price` and an optional fifth column
/// `tax_class` (standard when absent or empty), RFC 4180 quoting, net prices in the list's currency. Every problem
/// is reported with its line number; nothing is imported unless all is good.
public enum PriceListCSV {
    public static let header = ["code", "description", "billing_period", "price"]
    public static let taxClassColumn = "tax_class"
    static let maxRows = 100_000

    public static func parse(_ text: String, currency: Currency) throws(ServiceError) -> [PriceListItem] {
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        let records: [[String]]
        do { records = try split(body) } catch { throw .invalid([error]) }
        guard let first = records.first else { throw .invalid("file", "the CSV file is empty; it needs the header \(header.joined(separator: ","))") }
        let names = first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard names == header || names == header + [taxClassColumn] else {
            throw .invalid("file", "line 1: the header must be \(header.joined(separator: ",")) (and optionally "
                           + ",\(taxClassColumn)), not \(first.joined(separator: ","))")
        }
        let columns = names.count
        var e = ErrorList()
        var items: [PriceListItem] = []
        var seen: [String: Int] = [:]
        for (index, record) in records.dropFirst().enumerated() {
            let line = index + 2
            if record.count == 1 && record[0].trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if items.count >= maxRows { e.add("file", "more than \(maxRows) items; split the file"); break }
            guard record.count == columns else {
                e.add("file", "line \(line): expected \(columns) values (\(names.joined(separator: ", "))), "
                      + "found \(record.count)")
                continue
            }
            var rowErrors = ErrorList()
            let code = rowErrors.check { () throws(FieldError) in try TextRules.clean(record[0], field: "code", label: "line \(line): code", required: true, max: 64) } ?? nil
            let description = rowErrors.check { () throws(FieldError) in try TextRules.clean(record[1], field: "description", label: "line \(line): description", required: true, max: 200) } ?? nil
            let period = rowErrors.check { () throws(FieldError) in try BillingPeriod.parse(record[2], field: "billing_period", label: "line \(line): billing period") }
            let price = rowErrors.check { () throws(FieldError) in try Money.parse(record[3], currency: currency, field: "price", label: "line \(line): price") }
            var taxClass: TaxClass? = .standard
            if columns == 5 {
                taxClass = rowErrors.check { () throws(FieldError) in
                    do throws(FieldError) { return try TaxClass.parse(record[4], field: taxClassColumn) } catch {
                        throw FieldError(taxClassColumn, "line \(line): \(error.message)")
                    }
                }
            }
            rowErrors.errors.forEach { e.add($0.field, $0.message) }
            guard let code, let description, let period, let price, let taxClass else { continue }
            let key = code.lowercased() + "|" + period.rawValue
            if let earlier = seen[key] {
                e.add("code", "line \(line): \(code) (\(period.rawValue)) is already priced on line \(earlier)")
                continue
            }
            seen[key] = line
            items.append(PriceListItem(productCode: code, description: description, billingPeriod: period,
                                       unitPrice: price, taxClass: taxClass))
        }
        if e.errors.count > 20 {
            let more = e.errors.count - 20
            throw .invalid(Array(e.errors.prefix(20)) + [FieldError("file", "and \(more) more problems")])
        }
        try e.throwIfAny()
        if items.isEmpty { throw .invalid("file", "the CSV file has a header but no items") }
        return items
    }

    /// RFC 4180 records: commas, double-quoted fields with "" escapes, CRLF or LF line ends.
    static func split(_ text: Substring) throws(FieldError) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false, wasQuoted = false
        var line = 1
        var iterator = text.makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        while let c = next() {
            if quoted {
                if c == "\"" {
                    if let n = next() {
                        if n == "\"" { field.append("\"") } else { quoted = false; pending = n }
                    } else { quoted = false }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"":
                if !field.isEmpty { throw FieldError("file", "line \(line): a quote may only start a field") }
                quoted = true; wasQuoted = true
            case ",":
                record.append(field); field = ""; wasQuoted = false
            case "\n", "\r\n", "\r":
                record.append(field); records.append(record)
                record = []; field = ""; wasQuoted = false
                line += 1
            default:
                if wasQuoted { throw FieldError("file", "line \(line): text after a closing quote") }
                field.append(c)
            }
        }
        if quoted { throw FieldError("file", "line \(line): a quoted field is not closed") }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }
}

import Foundation
