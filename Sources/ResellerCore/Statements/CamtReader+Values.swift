/// The values inside an entry: amounts, codes, indicators and dates, each refused with its line.
extension CamtReader {
    /// An element's text without the white space around it; nil when there is no element or no text.
    static func text(_ element: XMLReader.Element?) -> String? {
        guard let element else { return nil }
        let value = element.text.trimmingXMLSpace
        return value.isEmpty ? nil : value
    }

    /// `<Amt Ccy="EUR">1234.50</Amt>` in minor units. The currency must be one of `Currency.all`: for any other
    /// code the number of minor digits is unknown, and guessing it could book 1234.50 as 123450.0 — so even
    /// a valid ISO 4217 code the desk does not list is refused, naming the line. Decimals past the currency's
    /// are accepted only as zeros ("100.000" EUR is 100.00; "100.005" EUR is refused): nothing is rounded.
    static func money(_ amount: XMLReader.Element) throws(CamtError) -> (minor: Int64, currency: String) {
        guard let code = amount.attribute("Ccy") else {
            throw CamtError(line: amount.line, "<\(amount.qualifiedName)> has no Ccy: expected its currency, as in "
                            + "<Amt Ccy=\"EUR\">100.00</Amt>")
        }
        guard code.count == 3, code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
            throw CamtError(line: amount.line, "Ccy=\"\(code)\" is not a currency code: expected three capital "
                            + "letters, as EUR")
        }
        guard let currency = Currency.named(code) else {
            throw CamtError(line: amount.line, "the currency \(code) is not one the desk knows, so its minor units "
                            + "are unknown: expected one of its \(Currency.all.count) currencies, as EUR or USD")
        }
        let raw = amount.text.trimmingXMLSpace
        let parts = raw.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0], fraction = parts.count == 2 ? parts[1] : ""
        let digits = currency.minorDigits
        let example = digits == 0 ? "1234" : "1234." + String(repeating: "5", count: digits)
        guard !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit),
              parts.count == 1 || !fraction.isEmpty else {
            throw CamtError(line: amount.line, "the amount \"\(raw)\" is not a number: expected digits and a "
                            + "decimal point, as \(example)")
        }
        let significant = fraction.reversed().drop(while: { $0 == "0" }).count
        guard significant <= digits else {
            throw CamtError(line: amount.line, "the amount \(raw) has more decimals than \(code) has minor "
                            + "digits: expected at most \(digits), as \(example)")
        }
        var minor: Int64 = 0
        let padded = Array(fraction.prefix(digits)) + Array(repeating: "0", count: max(0, digits - fraction.count))
        for c in Array(whole) + padded {
            let (times, overflow1) = minor.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int64(c.asciiValue! - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else {
                throw CamtError(line: amount.line, "the amount \(raw) is too large to be an amount")
            }
            minor = sum
        }
        return (minor, currency.code)
    }

    static func direction(_ entry: XMLReader.Element) throws(CamtError) -> BankEntry.Direction {
        guard let element = entry.first("CdtDbtInd") else {
            throw CamtError(line: entry.line, "the entry has no <CdtDbtInd>: expected CRDT or DBIT")
        }
        switch text(element) {
        case "CRDT": return .credit
        case "DBIT": return .debit
        case let other:
            throw CamtError(line: element.line, "<CdtDbtInd> is \"\(other ?? "")\": expected CRDT or DBIT")
        }
    }

    static func reversal(_ entry: XMLReader.Element) throws(CamtError) -> Bool {
        guard let element = entry.first("RvslInd") else { return false }
        switch text(element) {
        case "true", "1": return true
        case "false", "0": return false
        case let other:
            throw CamtError(line: element.line, "<RvslInd> is \"\(other ?? "")\": expected true or false")
        }
    }

    /// `<Sts>BOOK</Sts>` (to 001.06) or `<Sts><Cd>BOOK</Cd></Sts>` (001.07 on); either is read in any version,
    /// as banks do not always follow the version they declare. `FUTR` (a future booking) counts as pending.
    static func status(_ entry: XMLReader.Element) throws(CamtError) -> BankEntry.Status {
        guard let element = entry.first("Sts") else {
            throw CamtError(line: entry.line, "the entry has no <Sts>: expected BOOK, PDNG or INFO")
        }
        if let proprietary = element.first("Prtry") {
            throw CamtError(line: proprietary.line, "the entry's status is proprietary (\(text(proprietary) ?? "")): "
                            + "expected <Cd> with BOOK, PDNG or INFO")
        }
        let code = element.first("Cd") != nil ? text(element.first("Cd")) : text(element)
        switch code {
        case "BOOK": return .booked
        case "PDNG", "FUTR": return .pending
        case "INFO": return .information
        case let other:
            throw CamtError(line: element.line, "the entry's status is \"\(other ?? "")\": expected BOOK, PDNG or "
                            + "INFO")
        }
    }

    /// `BookgDt` or `ValDt`: `<Dt>2024-03-05</Dt>`, or `<DtTm>2024-03-05T10:30:00+01:00</DtTm>` read as the day
    /// the bank wrote, not moved to another time zone: the bank's day is the statement's day.
    static func day(_ element: XMLReader.Element?) throws(CamtError) -> CalendarDay? {
        guard let element else { return nil }
        guard let value = element.first("Dt") ?? element.first("DtTm") else {
            throw CamtError(line: element.line, "<\(element.qualifiedName)> holds no <Dt> or <DtTm>: expected a "
                            + "date, as <Dt>2024-03-05</Dt>")
        }
        let raw = value.text.trimmingXMLSpace
        let rest = raw.dropFirst(10)
        guard rest.isEmpty || ["T", "Z", "+", "-"].contains(rest.first!),
              let day = try? CalendarDay.parse(String(raw.prefix(10)), field: value.name, label: value.name) else {
            throw CamtError(line: value.line, "<\(value.qualifiedName)> is \"\(raw)\": expected a date as "
                            + "YYYY-MM-DD" + (value.name == "DtTm" ? "Thh:mm:ss" : ""))
        }
        return day
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension String {
    /// Without XML's white space (space, tab, line feed, carriage return) at either end.
    var trimmingXMLSpace: String {
        let space: Set<Unicode.Scalar> = [" ", "\t", "\n", "\r"]
        var scalars = unicodeScalars[...]
        while let first = scalars.first, space.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, space.contains(last) { scalars.removeLast() }
        return String(scalars)
    }
}
