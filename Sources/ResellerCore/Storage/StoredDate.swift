import Foundation
import GRDB

/// Reads an instant in the text form both engines store it in, GRDB's "YYYY-MM-DD HH:MM:SS.SSS" (UTC), by
/// arithmetic: GRDB's own reader goes through a Gregorian Calendar, whose first use loads ICU's calendar and
/// time-zone data, about a millisecond before the terminal's first frame. Another form returns nil, for GRDB.
enum StoredDate {
    static func parse(_ value: DatabaseValue) -> Date? {
        guard case .string(let text) = value.storage, text.utf8.count == 23,
              let day = String(text.utf8.prefix(10)).flatMap(CalendarDay.exact),
              let time = text.utf8.withContiguousStorageIfAvailable(timeOfDay) ?? nil else { return nil }
        // In the same steps as Foundation's Calendar, so that the Date is the same to the last bit: the second of
        // the day and its fraction (in nanoseconds) first, then the day's start, counted from 2001. Adding the
        // fraction last differed in 3 of 300,000 instants (StoredDateTests holds every step to GRDB's reader).
        let dayStart = day.dayNumber * 86_400 - 978_307_200
        let secondOfDay = Double(time.second) + Double(time.milliseconds * 1_000_000) / 1e9
        return Date(timeIntervalSinceReferenceDate: Double(dayStart) + secondOfDay)
    }

    /// The " HH:MM:SS.SSS" after the day: its second of the day and milliseconds; nil for anything else.
    private static func timeOfDay(_ b: UnsafeBufferPointer<UInt8>) -> (second: Int, milliseconds: Int)? {
        guard b[10] == UInt8(ascii: " "), b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
              b[19] == UInt8(ascii: ".") else { return nil }
        guard let hour = b.decimal(11..<13), let minute = b.decimal(14..<16), let second = b.decimal(17..<19),
              let milliseconds = b.decimal(20..<23), hour < 24, minute < 60, second < 60 else { return nil }
        return (hour * 3_600 + minute * 60 + second, milliseconds)
    }
}
