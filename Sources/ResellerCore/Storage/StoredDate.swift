import Foundation
import GRDB

/// Reads an instant in the text form both engines store it in, GRDB's "YYYY-MM-DD HH:MM:SS.SSS" (UTC), by
/// arithmetic: GRDB's own reader goes through a Gregorian Calendar, whose first use loads ICU's calendar and
/// time-zone data, about a millisecond before the terminal's first frame. Another form returns nil, for GRDB.
enum StoredDate {
    static func parse(_ value: DatabaseValue) -> Date? {
        guard case .string(let text) = value.storage else { return nil }
        return text.utf8.withContiguousStorageIfAvailable(parse) ?? nil
    }

    private static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Date? {
        guard b.count == 23, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x20, b[13] == 0x3A, b[16] == 0x3A, b[19] == 0x2E
        else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var n = 0
            for i in from..<from + count {
                guard (0x30...0x39).contains(b[i]) else { return nil }
                n = n * 10 + Int(b[i] - 0x30)
            }
            return n
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
              let minute = number(14, 2), let second = number(17, 2), let milliseconds = number(20, 3),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        // In the same steps as Foundation's Calendar, so that the Date is the same to the last bit: the second of
        // the day and its fraction (in nanoseconds) first, then the day's start, counted from 2001. Adding the
        // fraction last differed in 3 of 300,000 instants (StoredDateTests holds every step to GRDB's reader).
        let dayStart = daysFromCivil(year, month, day) * 86_400 - 978_307_200
        let secondOfDay = Double(hour * 3_600 + minute * 60 + second) + Double(milliseconds * 1_000_000) / 1e9
        return Date(timeIntervalSinceReferenceDate: Double(dayStart) + secondOfDay)
    }

    /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Howard Hinnant's algorithm).
    private static func daysFromCivil(_ y: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y - 1 : y
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
