import Foundation
import ResellerCore
import Synchronization

/// The one clock the tests move: forward by hours (token expiry, mail leases) or to a day at noon UTC
/// (billing periods, proration and due dates, which depend only on the day).
public final class TestClock: Sendable {
    private let current: Mutex<Date>
    public init(_ start: Date = Date(timeIntervalSince1970: 1_767_225_600)) { current = Mutex(start) }   // 2026-01-01
    public var now: Date { current.withLock { $0 } }
    public func advance(hours: Double) { current.withLock { $0 += hours * 3600 } }
    public func set(_ date: Date) { current.withLock { $0 = date } }
    /// Noon UTC on `day` (YYYY-MM-DD), so that no time zone moves it to another day.
    public func set(_ day: String) {
        let d = CalendarDay.parsed(day)
        set(Date(timeIntervalSince1970: Double(d.dayNumber) * 86_400 + 12 * 3600))
    }
}

extension CalendarDay {
    /// `text` (YYYY-MM-DD) as a day; a test's literal, so a typo stops the test at once.
    public static func parsed(_ text: String) -> CalendarDay {
        try! CalendarDay.parse(text, field: "day", label: "day")
    }
}
