/// Each member state's VAT ID after its prefix, as python-stdnum 1.20 checks it (the module named on each rule):
/// the state's published format and check digits. The rules whose numbers hold a date of birth are in
/// VATPersonalCodes.swift.
extension VATNumber {
    static let rules: [String: VATRule] = [
        "AT": VATRule(adjective: "Austrian", form: "ATU and 8 digits", check: austria),
        "BE": VATRule(adjective: "Belgian", form: "BE and 10 digits", check: belgium),
        "BG": VATRule(adjective: "Bulgarian", form: "BG and 9 or 10 digits", check: bulgaria),
        "CY": VATRule(adjective: "Cypriot", form: "CY, 8 digits and a letter", check: cyprus),
        "CZ": VATRule(adjective: "Czech", form: "CZ and 8, 9 or 10 digits", check: czechia),
        "DE": VATRule(adjective: "German", form: "DE and 9 digits", check: germany),
        "DK": VATRule(adjective: "Danish", form: "DK and 8 digits", check: denmark),
        "EE": VATRule(adjective: "Estonian", form: "EE and 9 digits", check: estonia),
        "GR": VATRule(adjective: "Greek", form: "EL and 9 digits", check: greece),
        "ES": VATRule(adjective: "Spanish", form: "ES and 9 characters: a letter or digit, 7 digits, a letter or digit",
                      check: spain),
        "FI": VATRule(adjective: "Finnish", form: "FI and 8 digits", check: finland),
        "FR": VATRule(adjective: "French", form: "FR, 2 check characters and the 9-digit SIREN", check: france),
        "HR": VATRule(adjective: "Croatian", form: "HR and 11 digits", check: croatia),
        "HU": VATRule(adjective: "Hungarian", form: "HU and 8 digits", check: hungary),
        "IE": VATRule(adjective: "Irish", form: "IE, 7 digits and 1 or 2 letters", check: ireland),
        "IT": VATRule(adjective: "Italian", form: "IT and 11 digits", check: italy),
        "LT": VATRule(adjective: "Lithuanian", form: "LT and 9 or 12 digits", check: lithuania),
        "LU": VATRule(adjective: "Luxembourgish", form: "LU and 8 digits", check: luxembourg),
        "LV": VATRule(adjective: "Latvian", form: "LV and 11 digits", check: latvia),
        "MT": VATRule(adjective: "Maltese", form: "MT and 8 digits", check: malta),
        "NL": VATRule(adjective: "Dutch", form: "NL, 9 digits, B and 2 digits", check: netherlands),
        "PL": VATRule(adjective: "Polish", form: "PL and 10 digits", check: poland),
        "PT": VATRule(adjective: "Portuguese", form: "PT and 9 digits", check: portugal),
        "RO": VATRule(adjective: "Romanian", form: "RO and 2 to 10 digits, or 13 for a person", check: romania),
        "SE": VATRule(adjective: "Swedish", form: "SE and 12 digits ending in 01", check: sweden),
        "SI": VATRule(adjective: "Slovenian", form: "SI and 8 digits", check: slovenia),
        "SK": VATRule(adjective: "Slovak", form: "SK and 10 digits", check: slovakia),
    ]

    /// The body's digits when it is `count` of them, else the fault stdnum reports first: letters, then length.
    private static func digits(_ body: [UInt8], count: Int...) throws(VATFault) -> [Int] {
        guard let d = VATDigits.of(body) else { throw .notDigits }
        guard count.contains(d.count) else { throw .length }
        return d
    }

    private static func text(_ body: [UInt8]) -> String { String(decoding: body, as: UTF8.self) }

    /// Leading zeros are the number's own digits: some states never issue one (at/uid.py and others).
    private static func noLeadingZero(_ body: [UInt8]) throws(VATFault) {
        if body.first == UInt8(ascii: "0") { throw .part("starts with 0") }
    }

    /// at/uid.py: U, 7 digits and a Luhn-based check digit.
    private static func austria(_ body: [UInt8]) throws(VATFault) -> String {
        guard body.first == UInt8(ascii: "U") else { throw .part("no U after AT") }
        let d = try digits(Array(body.dropFirst()), count: 8)
        guard VATDigits.mod(6 - VATDigits.luhn(d[0..<7]), 10) == d[7] else { throw .checkDigit }
        return text(body)
    }

    /// be/vat.py: 10 digits whose last two make the first eight a multiple of 97. The old 9-digit numbers
    /// (and "(0)" written for the leading 0) take a 0 in front.
    private static func belgium(_ body: [UInt8]) throws(VATFault) -> String {
        var body = body
        if body.starts(with: Array("(0)".utf8)) { body = Array("0".utf8) + body.dropFirst(3) }
        if body.count == 9 { body = [UInt8(ascii: "0")] + body }
        guard let d = VATDigits.of(body) else { throw .notDigits }
        guard VATDigits.value(d) > 0 else { throw .part("all zeros") }
        guard d.count == 10 else { throw .length }
        guard (VATDigits.value(d[0..<8]) + VATDigits.value(d[8...])) % 97 == 0 else { throw .checkDigits }
        return text(body)
    }

    /// bg/vat.py: 9 digits for a company; 10 for a person (a personal or foreigner's number) or anyone else.
    private static func bulgaria(_ body: [UInt8]) throws(VATFault) -> String {
        let d = try digits(body, count: 9, 10)
        if d.count == 9 {
            var check = VATDigits.weighted(d, Array(1...8)) % 11
            if check == 10 { check = VATDigits.weighted(d, Array(3...10)) % 11 }
            guard check % 10 == d[8] else { throw .checkDigit }
        } else if !VATPersonalCodes.isBulgarianPerson(d) && !VATPersonalCodes.isBulgarianForeigner(d) {
            guard VATDigits.mod(11 - VATDigits.weighted(d, [4, 3, 2, 7, 6, 5, 4, 3, 2]), 11) == d[9] else {
                throw .checkDigit
            }
        }
        return text(body)
    }

    /// cy/vat.py: 8 digits (never starting 12) and a check letter.
    private static func cyprus(_ body: [UInt8]) throws(VATFault) -> String {
        guard let d = VATDigits.of(body.dropLast()) else { throw .misplaced }
        guard body.count == 9 else { throw .length }
        guard !(d[0] == 1 && d[1] == 2) else { throw .part("starts with 12") }
        let odd = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21]
        let sum = d.enumerated().reduce(0) { $0 + ($1.offset % 2 == 0 ? odd[$1.element] : $1.element) }
        guard body[8] == UInt8(ascii: "A") + UInt8(sum % 26) else { throw .checkDigit }
        return text(body)
    }

    /// cz/dic.py: 8 digits for a company, 9 starting with 6 for a special case, else a person's birth number.
    private static func czechia(_ body: [UInt8]) throws(VATFault) -> String {
        let d = try digits(body, count: 8, 9, 10)
        if d.count == 8 {
            guard d[0] != 9 else { throw .part("8 digits starting with 9") }
            let check = VATDigits.mod(11 - VATDigits.weighted(d, [8, 7, 6, 5, 4, 3, 2]), 11)
            guard (check == 0 ? 1 : check) % 10 == d[7] else { throw .checkDigit }
        } else if d.count == 9 && d[0] == 6 {
            let check = VATDigits.weighted(d[1..<8], [8, 7, 6, 5, 4, 3, 2]) % 11
            guard VATDigits.mod(8 - (10 - check) % 11, 10) == d[8] else { throw .checkDigit }
        } else {
            try VATPersonalCodes.checkBirthNumber(d)
        }
        return text(body)
    }

    /// de/vat.py: 9 digits, not starting with 0, ISO 7064 MOD 11,10.
    private static func germany(_ body: [UInt8]) throws(VATFault) -> String {
        try noLeadingZero(body)
        guard VATDigits.mod11_10(try digits(body, count: 9)) == 1 else { throw .checkDigit }
        return text(body)
    }

    /// dk/cvr.py: 8 digits, not starting with 0, weighted to a multiple of 11.
    private static func denmark(_ body: [UInt8]) throws(VATFault) -> String {
        try noLeadingZero(body)
        let d = try digits(body, count: 8)
        guard VATDigits.weighted(d, [2, 7, 6, 5, 4, 3, 2, 1]) % 11 == 0 else { throw .checkDigit }
        return text(body)
    }

    /// ee/kmkr.py: 9 digits weighted 3, 7, 1 to a multiple of 10.
    private static func estonia(_ body: [UInt8]) throws(VATFault) -> String {
        let d = try digits(body, count: 9)
        guard VATDigits.weighted(d, [3, 7, 1, 3, 7, 1, 3, 7, 1]) % 10 == 0 else { throw .checkDigit }
        return text(body)
    }

    /// gr/vat.py: 9 digits; the old 8-digit numbers take a 0 in front.
    private static func greece(_ body: [UInt8]) throws(VATFault) -> String {
        let body = body.count == 8 ? [UInt8(ascii: "0")] + body : body
        let d = try digits(body, count: 9)
        let doubled = d[0..<8].reduce(0) { $0 * 2 + $1 }
        guard doubled * 2 % 11 % 10 == d[8] else { throw .checkDigit }
        return text(body)
    }

    /// es/nif.py: a DNI (8 digits and a letter), an NIE (X, Y or Z, 7 digits and a letter), a K, L or M number
    /// for those without either, or a CIF (an organisation's letter, 7 digits and a check digit or letter).
    private static func spain(_ body: [UInt8]) throws(VATFault) -> String {
        guard body.count >= 3, let middle = VATDigits.of(body.dropFirst().dropLast()) else { throw .misplaced }
        guard body.count == 9 else { throw .length }
        let letters = Array("TRWAGMYFPDXBNJZSQVHLCKE".utf8)
        let (first, last) = (body[0], body[8])
        let number: Int
        switch first {
        case UInt8(ascii: "K"), UInt8(ascii: "L"), UInt8(ascii: "M"): number = VATDigits.value(middle)
        case UInt8(ascii: "0")...UInt8(ascii: "9"): number = Int(first - 0x30) * 10_000_000 + VATDigits.value(middle)
        case UInt8(ascii: "X"), UInt8(ascii: "Y"), UInt8(ascii: "Z"):
            number = Int(first - UInt8(ascii: "X")) * 10_000_000 + VATDigits.value(middle)
        case _ where Array("ABCDEFGHJNPQRSUVW".utf8).contains(first):
            let check = VATDigits.luhnCheckDigit(middle)
            guard last == UInt8(ascii: "0") + UInt8(check) || last == Array("JABCDEFGHI".utf8)[check] else {
                throw .checkDigit
            }
            return text(body)
        default:
            throw .part("starts with \(text([first])), no kind of Spanish number")
        }
        guard last == letters[number % 23] else { throw .checkDigit }
        return text(body)
    }

    /// fi/alv.py: 8 digits weighted to a multiple of 11.
    private static func finland(_ body: [UInt8]) throws(VATFault) -> String {
        let d = try digits(body, count: 8)
        guard VATDigits.weighted(d, [7, 9, 10, 5, 8, 4, 2, 1]) % 11 == 0 else { throw .checkDigit }
        return text(body)
    }

    /// fr/tva.py: two check characters and the SIREN (Luhn, except the 000 numbers of those without one).
    /// Old keys are two digits (the SIREN with 12 appended, mod 97); new ones hold a letter (not I or O).
    private static func france(_ body: [UInt8]) throws(VATFault) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ".utf8)
        let keys = body.prefix(2).map { alphabet.firstIndex(of: $0) }
        guard !keys.contains(nil), let siren = VATDigits.of(body.dropFirst(2)) else { throw .misplaced }
        guard body.count == 11 else { throw .length }
        if siren[0..<3] != [0, 0, 0] && VATDigits.luhn(siren) != 0 { throw .part("the SIREN's check digit wrong") }
        let number = VATDigits.value(siren)
        let (high, low) = (keys[0]!, keys[1]!)
        if high < 10 && low < 10 {
            guard high * 10 + low == (number * 100 + 12) % 97 else { throw .checkDigits }
        } else {
            let check = high < 10 ? high * 24 + low - 10 : high * 34 + low - 100
            guard (number + 1 + check / 11) % 11 == check % 11 else { throw .checkDigits }
        }
        return text(body)
    }

    /// hr/oib.py: 11 digits, ISO 7064 MOD 11,10.
    private static func croatia(_ body: [UInt8]) throws(VATFault) -> String {
        guard VATDigits.mod11_10(try digits(body, count: 11)) == 1 else { throw .checkDigit }
        return text(body)
    }

    /// hu/anum.py: 8 digits weighted 9, 7, 3, 1 to a multiple of 10.
    private static func hungary(_ body: [UInt8]) throws(VATFault) -> String {
        let d = try digits(body, count: 8)
        guard VATDigits.weighted(d, [9, 7, 3, 1, 9, 7, 3, 1]) % 10 == 0 else { throw .checkDigit }
        return text(body)
    }

    /// ie/vat.py: 7 digits and a check letter, since 2013 with a second letter; the old form is a digit, a
    /// letter (or + or *), 5 digits and the check letter.
    private static func ireland(_ body: [UInt8]) throws(VATFault) -> String {
        let alphabet = Array("WABCDEFGHIJKLMNOPQRSTUV".utf8)
        guard VATDigits.of(body.prefix(1)) != nil, VATDigits.of(body.dropFirst(2).prefix(5)) != nil,
              body.dropFirst(7).allSatisfy(alphabet.contains) else { throw .misplaced }
        guard body.count == 8 || body.count == 9 else { throw .length }
        let weighted: Int
        if let d = VATDigits.of(body.prefix(7)) {
            let second = body.count == 9 ? alphabet.firstIndex(of: body[8])! : 0
            weighted = VATDigits.weighted(d, [8, 7, 6, 5, 4, 3, 2]) + 9 * second
        } else if Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ+*".utf8).contains(body[1]) {
            let d = VATDigits.of(body[2..<7] + body.prefix(1))!
            weighted = VATDigits.weighted(d, [7, 6, 5, 4, 3, 2])
        } else {
            throw .misplaced
        }
        guard body[7] == alphabet[weighted % 23] else { throw .checkDigit }
        return text(body)
    }

    /// it/iva.py: 11 digits: the company (not all zeros), its province office and a Luhn check digit.
    private static func italy(_ body: [UInt8]) throws(VATFault) -> String {
        guard let d = VATDigits.of(body) else { throw .notDigits }
        guard VATDigits.value(d.prefix(7)) != 0 else { throw .part("starts with 7 zeros") }
        guard d.count == 11 else { throw .length }
        let office = VATDigits.value(d[7..<10])
        guard (1...100).contains(office) || [120, 121, 888, 999].contains(office) else {
            throw .part("no province office \(text(Array(body[7..<10])))")
        }
        guard VATDigits.luhn(d) == 0 else { throw .checkDigit }
        return text(body)
    }

    /// lt/pvm.py: 9 digits for a company, 12 for one registered temporarily; the digit before the check is 1.
    private static func lithuania(_ body: [UInt8]) throws(VATFault) -> String {
        let d = try digits(body, count: 9, 12)
        guard d[d.count - 2] == 1 else { throw .part("the digit before the check digit is not 1") }
        let number = d.dropLast()
        var check = number.enumerated().reduce(0) { $0 + (1 + $1.offset % 9) * $1.element } % 11
        if check == 10 { check = number.enumerated().reduce(0) { $0 + (1 + ($1.offset + 2) % 9) * $1.element } }
        guard check % 11 % 10 == d.last! else { throw .checkDigit }
        return text(body)
    }

    /// lu/tva.py: 6 digits and their remainder mod 89 as two.
    private static func luxembourg(_ body: [UInt8]) throws(VATFault) -> String {
        let d = try digits(body, count: 8)
        guard VATDigits.value(d[0..<6]) % 89 == VATDigits.value(d[6...]) else { throw .checkDigits }
        return text(body)
    }

    /// lv/pvn.py: 11 digits; a company's starts above 3 and weighs to 3 mod 11, else it is a personal code.
    private static func latvia(_ body: [UInt8]) throws(VATFault) -> String {
        let d = try digits(body, count: 11)
        if d[0] > 3 {
            guard VATDigits.weighted(d, [9, 1, 4, 8, 3, 10, 2, 5, 7, 6, 1]) % 11 == 3 else { throw .checkDigit }
        } else {
            try VATPersonalCodes.checkLatvianPerson(d)
        }
        return text(body)
    }

    /// mt/vat.py: 8 digits, not starting with 0, weighted to a multiple of 37.
    private static func malta(_ body: [UInt8]) throws(VATFault) -> String {
        try noLeadingZero(body)
        let d = try digits(body, count: 8)
        guard VATDigits.weighted(d, [3, 4, 6, 7, 8, 9, 10, 1]) % 37 == 0 else { throw .checkDigit }
        return text(body)
    }

    /// nl/btw.py: 9 digits (fewer are padded with zeros), B and 2 digits (not 00). The 9 digits pass the
    /// BSN's eleven test, or, for the numbers issued to sole traders since 2020, the whole ID with NL passes
    /// ISO 7064 MOD 97-10.
    private static func netherlands(_ body: [UInt8]) throws(VATFault) -> String {
        let head = body.dropLast(3)
        let body = [UInt8](repeating: UInt8(ascii: "0"), count: max(0, 9 - head.count)) + head + body.suffix(3)
        guard let d = VATDigits.of(body.prefix(9)), VATDigits.value(d) > 0,
              let suffix = VATDigits.of(body.dropFirst(10)), VATDigits.value(suffix) > 0 else { throw .misplaced }
        guard body.count == 12 else { throw .length }
        guard body[9] == UInt8(ascii: "B") else { throw .misplaced }
        let bsn = VATDigits.mod(VATDigits.weighted(d, [9, 8, 7, 6, 5, 4, 3, 2]) - d[8], 11) == 0
        guard bsn || VATDigits.mod97_10(Array("NL".utf8) + body) == 1 else { throw .checkDigit }
        return text(body)
    }

    /// pl/nip.py: 10 digits weighted to a multiple of 11.
    private static func poland(_ body: [UInt8]) throws(VATFault) -> String {
        let d = try digits(body, count: 10)
        guard VATDigits.weighted(d, [6, 5, 7, 2, 3, 4, 5, 6, 7, -1]) % 11 == 0 else { throw .checkDigit }
        return text(body)
    }

    /// pt/nif.py: 9 digits, not starting with 0, with a mod 11 check digit.
    private static func portugal(_ body: [UInt8]) throws(VATFault) -> String {
        try noLeadingZero(body)
        let d = try digits(body, count: 9)
        guard VATDigits.mod(11 - VATDigits.weighted(d, [9, 8, 7, 6, 5, 4, 3, 2]), 11) % 10 == d[8] else {
            throw .checkDigit
        }
        return text(body)
    }

    /// ro/cf.py: a company's CUI (2 to 10 digits, not starting with 0) or a person's 13-digit CNP.
    private static func romania(_ body: [UInt8]) throws(VATFault) -> String {
        let d = try digits(body, count: 2, 3, 4, 5, 6, 7, 8, 9, 10, 13)
        if d.count == 13 {
            try VATPersonalCodes.checkRomanianPerson(d)
        } else {
            try noLeadingZero(body)
            let padded = [Int](repeating: 0, count: 10 - d.count) + d.dropLast()
            guard VATDigits.weighted(padded, [7, 5, 3, 2, 1, 7, 5, 3, 2]) * 10 % 11 % 10 == d.last! else {
                throw .checkDigit
            }
        }
        return text(body)
    }

    /// se/vat.py: the 10-digit organisation number (Luhn) and 01.
    private static func sweden(_ body: [UInt8]) throws(VATFault) -> String {
        guard let d = VATDigits.of(body) else { throw .notDigits }
        guard d.suffix(2) == [0, 1] else { throw .part("does not end in 01") }
        guard d.count == 12 else { throw .length }
        guard VATDigits.luhn(d.dropLast(2)) == 0 else { throw .checkDigit }
        return text(body)
    }

    /// si/ddv.py: 8 digits, not starting with 0, with a mod 11 check digit (0 for 10; none is issued needing 11).
    private static func slovenia(_ body: [UInt8]) throws(VATFault) -> String {
        try noLeadingZero(body)
        let d = try digits(body, count: 8)
        let check = 11 - VATDigits.weighted(d, [8, 7, 6, 5, 4, 3, 2]) % 11
        guard check != 11 && check % 10 == d[7] else { throw .checkDigit }
        return text(body)
    }

    /// sk/dph.py: a person's 10-digit birth number, or a company's 10 digits (third 2, 3, 4, 7, 8 or 9) that
    /// are a multiple of 11.
    private static func slovakia(_ body: [UInt8]) throws(VATFault) -> String {
        let d = try digits(body, count: 10)
        if (try? VATPersonalCodes.checkBirthNumber(d)) != nil { return text(body) }
        guard d[0] != 0 && [2, 3, 4, 7, 8, 9].contains(d[2]) else {
            throw .part("neither a birth number nor a company's number")
        }
        guard VATDigits.value(d) % 11 == 0 else { throw .checkDigit }
        return text(body)
    }
}
