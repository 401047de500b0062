/// The personal numbers some member states use as a sole trader's VAT ID: each holds a date of birth that must
/// exist, and its own check digit (python-stdnum 1.20's bg/egn.py, bg/pnf.py, cz/rc.py, lv/pvn.py, ro/cnp.py).
enum VATPersonalCodes {
    /// bg/egn.py, the ЕГН: YYMMDD (the month plus 20 for the 1800s, plus 40 for the 2000s), 3 digits and a check.
    static func isBulgarianPerson(_ d: [Int]) -> Bool {
        var (year, month) = (1900 + VATDigits.value(d[0..<2]), VATDigits.value(d[2..<4]))
        if month > 40 {
            (year, month) = (year + 100, month - 40)
        } else if month > 20 {
            (year, month) = (year - 100, month - 20)
        }
        return VATDigits.isDate(year: year, month: month, day: VATDigits.value(d[4..<6]))
            && VATDigits.weighted(d, [2, 4, 8, 5, 10, 9, 7, 3, 6]) % 11 % 10 == d[9]
    }

    /// bg/pnf.py, the ЛНЧ of a foreigner: 9 digits and a check, no date.
    static func isBulgarianForeigner(_ d: [Int]) -> Bool {
        VATDigits.weighted(d, [21, 19, 17, 13, 11, 9, 7, 3, 1]) % 10 == d[9]
    }

    /// cz/rc.py, the rodné číslo (Czech and Slovak): YYMMDD (the month plus 50 for women, plus 20 when a day's
    /// numbers ran out) and 3 digits before 1954, 4 since, the last making the whole a multiple of 11.
    static func checkBirthNumber(_ d: [Int]) throws(VATFault) {
        var year = 1900 + VATDigits.value(d[0..<2])
        let (month, day) = (VATDigits.value(d[2..<4]) % 50 % 20, VATDigits.value(d[4..<6]))
        if d.count == 9 {
            if year >= 1980 { year -= 100 }
            guard year <= 1953 else { throw .part("a 9-digit birth number is from before 1954") }
        } else if year < 1954 {
            year += 100
        }
        guard VATDigits.isDate(year: year, month: month, day: day) else { throw .part("no date of birth in it") }
        guard d.count == 10 else { return }
        // Before 1985 a remainder of 10 was written as 0.
        let check = VATDigits.value(d[0..<9]) % 11
        guard (year < 1985 ? check % 10 : check) == d[9] else { throw .checkDigit }
    }

    /// lv/pvn.py, the personas kods: DDMMYY, the century (0 for the 1800s), 3 digits and a check.
    static func checkLatvianPerson(_ d: [Int]) throws(VATFault) {
        let year = 1800 + d[6] * 100 + VATDigits.value(d[4..<6])
        guard VATDigits.isDate(year: year, month: VATDigits.value(d[2..<4]), day: VATDigits.value(d[0..<2])) else {
            throw .part("no date of birth in it")
        }
        guard (1 + VATDigits.weighted(d, [10, 5, 8, 4, 2, 1, 6, 3, 7, 9])) % 11 % 10 == d[10] else {
            throw .checkDigit
        }
    }

    /// ro/cnp.py, the CNP: sex and century, YYMMDD, the county, 3 digits and a check (10 written as 1).
    static func checkRomanianPerson(_ d: [Int]) throws(VATFault) {
        guard d[0] != 0 else { throw .part("starts with 0") }
        let century = [1: 1900, 2: 1900, 3: 1800, 4: 1800, 5: 2000, 6: 2000][d[0]] ?? 1900
        let year = century + VATDigits.value(d[1..<3])
        guard VATDigits.isDate(year: year, month: VATDigits.value(d[3..<5]), day: VATDigits.value(d[5..<7])) else {
            throw .part("no date of birth in it")
        }
        let county = VATDigits.value(d[7..<9])
        guard (1...48).contains(county) || county == 51 || county == 52 else { throw .part("no county \(county)") }
        let check = VATDigits.weighted(d, [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9]) % 11
        guard (check == 10 ? 1 : check) == d[12] else { throw .checkDigit }
    }
}
