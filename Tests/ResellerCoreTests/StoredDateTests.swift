import Foundation
import GRDB
import Testing
@testable import ResellerCore

/// The storage layer reads stored instants by arithmetic; GRDB's reader (through a Gregorian Calendar) is the
/// oracle: the very same Date for every text GRDB writes, and GRDB's answer for any other form.
@Suite struct StoredDateTests {
    @Test func everyStoredInstantReadsAsGRDBReadsIt() throws {
        var generator = SystemRandomNumberGenerator()
        // 1900 to 2200, to the millisecond, plus the edges of days, months, leap years and the epoch. (Adding the
        // fraction of a second in other steps than Foundation's differs in about 1 instant in 50,000.)
        var instants = (0..<100_000).map { _ in
            Date(timeIntervalSince1970: Double(Int64.random(in: -2_208_988_800_000...7_258_118_400_000,
                                                            using: &generator)) / 1_000)
        }
        instants += [0, -0.001, 0.999, 951_782_399.999, 951_782_400, 4_107_542_399.5, 1_798_761_600.123]
            .map { Date(timeIntervalSince1970: $0) }
        // Instants near 2001 where adding the fraction last gave a Date one bit off GRDB's (CI found such a one).
        instants += [978_047_972_819, 982_106_395_331, 978_297_059_984].map { Date(timeIntervalSince1970: $0 / 1_000) }
        for instant in instants {
            let stored = instant.databaseValue
            let expected = try #require(Date.fromDatabaseValue(stored))
            #expect(StoredDate.parse(stored) == expected, "\(stored)")
        }
    }

    @Test func otherFormsAreLeftToGRDB() {
        for text in ["2027-01-10", "2027-01-10 10:00", "2027-01-10T10:00:00.000", "2027-01-10 10:00:00",
                     "2027-13-10 10:00:00.000", "2027-01-10 24:00:00.000", "2027-01-1x 10:00:00.000", ""] {
            #expect(StoredDate.parse(text.databaseValue) == nil, "\(text)")
        }
        #expect(StoredDate.parse(1_800_000_000.databaseValue) == nil)
        #expect(StoredDate.parse(DatabaseValue.null) == nil)
    }
}
