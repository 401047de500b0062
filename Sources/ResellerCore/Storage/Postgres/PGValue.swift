import Foundation
import GRDB

/// One text-format cell turned into the value SQLite would have given, chosen by the column's type OID.
enum PGValue {
    // The built-in type OIDs (pg_type.dat), fixed since PostgreSQL 7.
    private static let bool: UInt32 = 16, bytea: UInt32 = 17, int8: UInt32 = 20, int2: UInt32 = 21
    private static let int4: UInt32 = 23, oid: UInt32 = 26, float4: UInt32 = 700, float8: UInt32 = 701
    private static let numeric: UInt32 = 1700

    static func decode(_ text: UnsafeBufferPointer<UInt8>, type: UInt32) throws(PGError) -> DatabaseValue {
        switch type {
        case int2, int4, int8, oid:
            // The server wrote it, so it fits: a failure here would be a broken protocol, not data.
            return integer(text)?.databaseValue ?? string(text)
        case bool:
            return Int64(text.first == UInt8(ascii: "t") ? 1 : 0).databaseValue
        case float4, float8:
            return (Double(String(decoding: text, as: UTF8.self)) ?? .nan).databaseValue
        case numeric:
            return try numericValue(text)
        case bytea:
            return blob(text)
        default:
            return string(text)
        }
    }

    private static func string(_ text: UnsafeBufferPointer<UInt8>) -> DatabaseValue {
        String(decoding: text, as: UTF8.self).databaseValue
    }

    /// An integer SUM comes back numeric: an Int64 when it is one (`123` or `123.00`), a Double when it has a
    /// fraction (AVG, as SQLite's is REAL), and "integer overflow" past Int64, as SQLite reports its SUM's.
    private static func numericValue(_ text: UnsafeBufferPointer<UInt8>) throws(PGError) -> DatabaseValue {
        let dot = text.firstIndex(of: UInt8(ascii: "."))
        let whole = UnsafeBufferPointer(rebasing: text[..<(dot ?? text.endIndex)])
        let fraction = dot.map { text[($0 + 1)...] } ?? text[text.endIndex...]
        let digits = whole.drop { $0 == UInt8(ascii: "-") }
        let isInteger = !digits.isEmpty && digits.allSatisfy { $0 >= 48 && $0 <= 57 }
            && fraction.allSatisfy { $0 == UInt8(ascii: "0") }
        guard isInteger else {   // a fraction, NaN or ±Infinity
            return (Double(String(decoding: text, as: UTF8.self)) ?? .nan).databaseValue
        }
        guard let number = integer(whole) else {
            throw PGError(sqlState: "22003", message: "integer overflow",
                          detail: "The result \(String(decoding: text, as: UTF8.self)) does not fit in 64 bits.")
        }
        return number.databaseValue
    }

    /// Decimal digits with an optional leading minus; nil when not one or past Int64.
    private static func integer(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        var index = text.startIndex
        let negative = index < text.endIndex && text[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        guard index < text.endIndex else { return nil }
        var value: Int64 = 0
        while index < text.endIndex {
            let digit = Int64(text[index]) - 48
            guard digit >= 0 && digit <= 9 else { return nil }
            // Accumulated negative so Int64.min, whose magnitude Int64.max cannot hold, parses too.
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = times.subtractingReportingOverflow(digit)
            if o1 || o2 { return nil }
            value = next
            index += 1
        }
        if negative { return value }
        return value == .min ? nil : -value
    }

    /// bytea's hex output (`\x0aff…`, the default since 9.0); the old escape form goes through libpq.
    private static func blob(_ text: UnsafeBufferPointer<UInt8>) -> DatabaseValue {
        guard text.count >= 2, text[0] == UInt8(ascii: "\\"), text[1] == UInt8(ascii: "x") else {
            return escapedBlob(text)
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity((text.count - 2) / 2)
        var index = 2
        while index + 1 < text.count {
            bytes.append(nibble(text[index]) << 4 | nibble(text[index + 1]))
            index += 2
        }
        return Data(bytes).databaseValue
    }

    private static func nibble(_ c: UInt8) -> UInt8 {
        switch c {
        case 48...57: c - 48
        case 97...102: c - 87
        case 65...70: c - 55
        default: 0
        }
    }
}
