import Foundation

/// Fixed, locale-independent date text for messages and tables.
public enum Format {
    public static func timestamp(_ date: Date) -> String { utc("yyyy-MM-dd HH:mm 'UTC'").string(from: date) }

    /// For file names: sorts as it reads, no spaces or colons ("20261129-093000").
    public static func fileStamp(_ date: Date) -> String { utc("yyyyMMdd-HHmmss").string(from: date) }

    private static func utc(_ format: String) -> DateFormatter {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = format
        return f
    }

    /// "512 B", "3.4 KiB", "12.0 MiB": one decimal, computed in integers (no float formatting by locale).
    public static func size(_ bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var unit = 0, scaled = bytes * 10
        while scaled >= 10 * 1024 && unit < units.count - 1 { scaled /= 1024; unit += 1 }
        return unit == 0 ? "\(bytes) B" : "\(scaled / 10).\(scaled % 10) \(units[unit])"
    }

    /// "45 s", "12 min", "5 h", "3 days": how long ago, roughly, for health checks.
    public static func age(_ seconds: TimeInterval) -> String {
        let s = max(0, Int(seconds))
        switch s {
        case ..<120: return "\(s) s"
        case ..<7200: return "\(s / 60) min"
        case ..<172_800: return "\(s / 3600) h"
        default: return "\(s / 86400) days"
        }
    }

    public static func iso8601(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }
}
