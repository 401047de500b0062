/// The arithmetic of the member states' check digits, on the digits of a VAT ID. Integers only: every sum
/// here is of a few digits times small weights, far inside Int.
enum VATDigits {
    /// The digits of `bytes`, nil when empty or when any byte is not an ASCII digit.
    static func of<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [Int]? {
        guard !bytes.isEmpty, bytes.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return bytes.map { Int($0 - 0x30) }
    }

    /// The number the digits spell, most significant first (at most 13 digits in any VAT ID).
    static func value<Digits: Collection<Int>>(_ digits: Digits) -> Int {
        digits.reduce(0) { $0 * 10 + $1 }
    }

    /// The sum of each digit times its weight, pairing from the left; extra digits or weights are ignored.
    static func weighted<Digits: Collection<Int>>(_ digits: Digits, _ weights: [Int]) -> Int {
        zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// The remainder as mathematics (and the published algorithms) have it: never negative.
    static func mod(_ a: Int, _ n: Int) -> Int {
        let r = a % n
        return r < 0 ? r + n : r
    }

    /// The Luhn sum mod 10: from the right, every second digit doubled and its digits added. 0 when valid.
    static func luhn<Digits: BidirectionalCollection<Int>>(_ digits: Digits) -> Int {
        digits.reversed().enumerated().reduce(0) { sum, pair in
            let doubled = pair.element * 2
            return sum + (pair.offset % 2 == 0 ? pair.element : doubled / 10 + doubled % 10)
        } % 10
    }

    /// The Luhn digit that, appended, makes `digits` pass.
    static func luhnCheckDigit(_ digits: [Int]) -> Int {
        mod(10 - luhn(digits + [0]), 10)
    }

    /// ISO 7064 MOD 11,10 (Germany, Croatia): 1 when the number with its check digit is valid.
    static func mod11_10<Digits: Collection<Int>>(_ digits: Digits) -> Int {
        digits.reduce(5) { check, digit in ((check == 0 ? 10 : check) * 2 % 11 + digit) % 10 }
    }

    /// ISO 7064 MOD 97-10 over digits and capital letters (A is 10, Z is 35): 1 when valid.
    static func mod97_10(_ bytes: [UInt8]) -> Int? {
        var remainder = 0
        for byte in bytes {
            switch byte {
            case 0x30...0x39: remainder = (remainder * 10 + Int(byte - 0x30)) % 97
            case 0x41...0x5A: remainder = (remainder * 100 + Int(byte - 0x41) + 10) % 97
            default: return nil
            }
        }
        return remainder
    }

    /// Whether the day exists in the proleptic Gregorian calendar (birth dates inside personal numbers).
    static func isDate(year: Int, month: Int, day: Int) -> Bool {
        (1...9999).contains(year) && (1...12).contains(month)
            && (1...CalendarDay.daysIn(year: year, month: month)).contains(day)
    }
}
