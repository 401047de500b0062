import Foundation

public enum BillingPeriod: String, Sendable, Codable, CaseIterable {
    case monthly, annual, oneTime = "one-time"

    public var isRecurring: Bool { self != .oneTime }

    public static func parse(_ raw: String, field: String, label: String = "billing period") throws(FieldError) -> BillingPeriod {
        let t = raw.trimmingCharacters(in: .whitespaces).lowercased()
        switch t {
        case "monthly": return .monthly
        case "annual", "annually", "yearly": return .annual
        case "one-time", "onetime", "one time": return .oneTime
        default: throw FieldError(field, "\(label) must be monthly, annual or one-time, not \"\(raw)\"")
        }
    }
}

public struct PriceListItem: Sendable, Hashable {
    public var productCode: String
    public var description: String
    public var billingPeriod: BillingPeriod
    public var unitPrice: Money
    public var taxClass: TaxClass = .standard
}

/// A day without a time, "2026-11-29": validity of price lists and order dates, compared as text.
public struct CalendarDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...CalendarDay.daysIn(year: year, month: month)).contains(day),
              (1900...9999).contains(year) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    public init(_ date: Date) {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        let c = cal.dateComponents([.year, .month, .day], from: date)
        self.year = c.year!; self.month = c.month!; self.day = c.day!
    }

    public static func parse(_ raw: String, field: String, label: String) throws(FieldError) -> CalendarDay {
        // Every stored day is read back through here (a billing run reads several per row): the exact form
        // YYYY-MM-DD is read from its bytes; anything else takes the general path below.
        if let day = exact(raw) { return day }
        let p = raw.trimmingCharacters(in: .whitespaces).split(separator: "-")
        guard p.count == 3, p[0].count == 4, p[1].count == 2, p[2].count == 2,
              let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]), let day = CalendarDay(year: y, month: m, day: d) else {
            throw FieldError(field, "\(label) must be a date as YYYY-MM-DD, not \"\(raw)\"")
        }
        return day
    }

    public var description: String {
        // Written by hand: String(format:) went through Foundation for every day bound to SQL or printed.
        guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else {
            return String(format: "%04d-%02d-%02d", year, month, day)
        }
        return String(unsafeUninitializedCapacity: 10) { out in
            func put(_ value: Int, at start: Int, width: Int) {
                var v = value
                for i in (start..<start + width).reversed() { out[i] = UInt8(ascii: "0") + UInt8(v % 10); v /= 10 }
            }
            put(year, at: 0, width: 4); out[4] = UInt8(ascii: "-")
            put(month, at: 5, width: 2); out[7] = UInt8(ascii: "-")
            put(day, at: 8, width: 2)
            return 10
        }
    }

    /// "YYYY-MM-DD" exactly (ten bytes, no spaces), as stored; nil for anything else or an impossible day.
    static func exact(_ raw: String) -> CalendarDay? {
        raw.utf8.withContiguousStorageIfAvailable { b -> CalendarDay? in
            guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
            guard let y = b.decimal(0..<4), let m = b.decimal(5..<7), let d = b.decimal(8..<10) else { return nil }
            return CalendarDay(year: y, month: m, day: d)
        } ?? nil
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for day arithmetic without time zones.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public func adding(months: Int, clampTo wantedDay: Int) -> CalendarDay {
        let total = year * 12 + (month - 1) + months
        let y = total / 12, m = total % 12 + 1
        return CalendarDay(year: y, month: m, day: min(wantedDay, CalendarDay.daysIn(year: y, month: m)))!
    }
}

public struct PriceList: Sendable, Hashable {
    public let id: Int64
    public var name: String
    public var currency: String
    public var validFrom: CalendarDay?
    public var validTo: CalendarDay?
    public var active: Bool
    public var description: String?
    public var itemCount: Int

    public func isExpired(on day: CalendarDay) -> Bool { validTo.map { $0 < day } ?? false }
    public func isNotYetValid(on day: CalendarDay) -> Bool { validFrom.map { day < $0 } ?? false }
    /// Why nothing can be ordered from this list on `day`, each said of the list ("is inactive", "expired on
    /// 2026-12-31", "is valid only from 2027-01-01"); empty when it sells: only an active list valid that day
    /// does (domain.md#price-lists). Assignment warns with the same words.
    public func unavailability(on day: CalendarDay) -> [String] {
        var reasons: [String] = []
        if !active { reasons.append("is inactive") }
        if isExpired(on: day) { reasons.append("expired on \(validTo!)") }
        if isNotYetValid(on: day) { reasons.append("is valid only from \(validFrom!)") }
        return reasons
    }
    /// "2026-01-01 → …": an open end shows as an ellipsis.
    public var validity: String { "\(validFrom?.description ?? "…") → \(validTo?.description ?? "…")" }
}
