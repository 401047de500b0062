import Testing
@testable import ResellerCore

/// EU VAT IDs (docs/domain.md#the-seller-and-tax): each member state's forms and check digits as python-stdnum
/// 1.20 has them. scripts/testing/vat-oracle.py holds the CLI to stdnum itself on thousands more.
@Suite struct VATNumberTests {
    /// One ID of each form a state issues (stdnum's doctests, else numbers stdnum accepts), normalized, and the
    /// same ID with a check character changed, which stdnum refuses. The 9-digit Czech birth numbers (before
    /// 1954) have no check digit: theirs has a month 13.
    static let cases: [(country: String, valid: String, corrupted: String)] = [
        ("AT", "ATU13585627", "ATU13585628"),
        ("BE", "BE0428759497", "BE0428759498"),
        ("BE", "BE1010928159", "BE1010928150"),
        ("BG", "BG175074752", "BG175074753"),
        ("BG", "BG0552034093", "BG0552034094"),      // a person's ЕГН
        ("BG", "BG8807290222", "BG8807290223"),      // a foreigner's ЛНЧ
        ("BG", "BG0626116957", "BG0626116958"),      // anyone else's 10 digits
        ("CY", "CY10259033P", "CY10259033Q"),
        ("CZ", "CZ25123891", "CZ25123892"),
        ("CZ", "CZ7103192745", "CZ7103192746"),      // a birth number
        ("CZ", "CZ640903926", "CZ640903927"),        // the special 9 digits starting with 6
        ("CZ", "CZ521231347", "CZ521331347"),        // a 9-digit birth number (1952)
        ("DE", "DE136695976", "DE136695977"),
        ("DK", "DK13585628", "DK13585629"),
        ("EE", "EE100594102", "EE100594103"),
        ("GR", "EL094259216", "EL094259217"),
        ("ES", "ESB64717838", "ESB64717839"),        // a CIF with a check digit
        ("ES", "ESP1234567D", "ESP1234567E"),        // a CIF with a check letter
        ("ES", "ESA13585625", "ESA13585626"),
        ("ES", "ES54362315K", "ES54362315L"),        // a DNI
        ("ES", "ESX5253868R", "ESX5253868S"),        // an NIE
        ("ES", "ESM1234567L", "ESM1234567M"),        // a foreigner without an NIE
        ("FI", "FI20774740", "FI20774741"),
        ("FR", "FR40303265045", "FR41303265045"),    // old-style key
        ("FR", "FR23334175221", "FR24334175221"),
        ("FR", "FRK7399859412", "FRK8399859412"),    // new-style keys
        ("FR", "FR4Z123456782", "FR4A123456782"),
        ("FR", "FR00000000190", "FR01000000190"),    // no SIREN (000)
        ("HR", "HR33392005961", "HR33392005962"),
        ("HU", "HU12892312", "HU12892313"),
        ("IE", "IE6433435F", "IE6433435G"),
        ("IE", "IE6433435OA", "IE6433435PA"),        // since 2013
        ("IE", "IE8D79739I", "IE8D79739J"),          // old style
        ("IE", "IE8+79739I", "IE8+79739J"),
        ("IT", "IT00743110157", "IT00743110158"),
        ("LT", "LT119511515", "LT119511516"),
        ("LT", "LT100001919017", "LT100001919018"),  // registered temporarily
        ("LT", "LT100004801610", "LT100004801611"),  // the check digit's second step
        ("LU", "LU15027442", "LU15027443"),
        ("LV", "LV40003521600", "LV40003521601"),
        ("LV", "LV16117519997", "LV16117519998"),    // a personal code
        ("MT", "MT11679112", "MT11679113"),
        ("NL", "NL004495445B01", "NL004495446B01"),  // the eleven test
        ("NL", "NL002455799B11", "NL002455790B11"),  // MOD 97-10, since 2020
        ("PL", "PL8567346215", "PL8567346216"),
        ("PT", "PT501964843", "PT501964844"),
        ("RO", "RO18547290", "RO18547291"),
        ("RO", "RO1630615123457", "RO1630615123458"), // a CNP
        ("SE", "SE123456789701", "SE123456789801"),
        ("SI", "SI50223054", "SI50223055"),
        ("SK", "SK2022749619", "SK2022749610"),
        ("SK", "SK7103192745", "SK7103192746"),      // a birth number
    ]

    @Test func everyMemberStateHasACase() {
        #expect(VATNumber.euCountries.count == 27)
        #expect(Set(Self.cases.map(\.country)) == VATNumber.euCountries)
    }

    @Test func validIDsPassAsTheyAre() {
        for c in Self.cases {
            #expect(VATNumber.check(c.valid, country: c.country) == .success(c.valid), "\(c.valid)")
            #expect(VATNumber.isValid(c.valid, country: c.country))
        }
    }

    @Test func aWrongCheckCharacterIsRefused() {
        for c in Self.cases {
            guard case .failure(let error) = VATNumber.check(c.corrupted, country: c.country) else {
                Issue.record("\(c.corrupted) passed")
                continue
            }
            #expect(error.message.hasPrefix("not a valid "), "\(error.message)")
            #expect(!VATNumber.isValid(c.corrupted, country: c.country))
        }
    }

    @Test func theGermanMessage() {
        #expect(VATNumber.check("DE136695977", country: "DE")
                == .failure(VATNumberError(message: "not a valid German VAT ID (DE and 9 digits; check digit wrong)")))
    }

    @Test func greeceIsELNotGR() {
        #expect(VATNumber.prefix(of: "GR") == "EL")
        #expect(VATNumber.prefix(of: "DE") == "DE")
        #expect(VATNumber.prefix(of: "US") == nil)
        #expect(VATNumber.prefix(of: "EL") == nil)
        #expect(VATNumber.check("GR094259216", country: "GR").failure
                == "not a valid Greek VAT ID (EL and 9 digits; starts with GR, Greece's prefix is EL)")
        #expect(VATNumber.check("EL094259216", country: "GR") == .success("EL094259216"))
    }

    @Test func aNumberWithoutItsPrefixIsRefusedWithTheForm() {
        #expect(VATNumber.check("136695976", country: "DE").failure
                == "not a valid German VAT ID (DE and 9 digits; the prefix DE is missing)")
        #expect(VATNumber.check("U13585627", country: "AT").failure
                == "not a valid Austrian VAT ID (ATU and 8 digits; the prefix AT is missing)")
        #expect(VATNumber.check("FR40303265045", country: "DE").failure
                == "not a valid German VAT ID (DE and 9 digits; starts with FR, not DE)")
        #expect(VATNumber.check("EL094259216", country: "CY").failure
                == "not a valid Cypriot VAT ID (CY, 8 digits and a letter; starts with EL, not CY)")
        #expect(VATNumber.check("DE", country: "DE").failure
                == "not a valid German VAT ID (DE and 9 digits; nothing after DE)")
    }

    @Test func spacesDotsAndHyphensAreDroppedAndLettersUppercased() {
        #expect(VATNumber.check(" de 136.695 976 ", country: "DE") == .success("DE136695976"))
        #expect(VATNumber.check("el-094-259-216", country: "gr") == .success("EL094259216"))
        #expect(VATNumber.check("atu 1358 5627", country: "AT") == .success("ATU13585627"))
        #expect(VATNumber.check("es x-5253868-r", country: "ES") == .success("ESX5253868R"))
        #expect(VATNumber.check("DE\t136695976", country: "DE") == .success("DE136695976"))
    }

    /// Older, shorter forms are stored as the state writes them today.
    @Test func shortFormsArePadded() {
        #expect(VATNumber.check("BE 428759497", country: "BE") == .success("BE0428759497"))
        #expect(VATNumber.check("BE (0)403.019.261", country: "BE") == .success("BE0403019261"))
        #expect(VATNumber.check("EL 00905187", country: "GR") == .success("EL000905187"))
        #expect(VATNumber.check("NL4495445B01", country: "NL") == .success("NL004495445B01"))
    }

    @Test func whatIsWrongIsSaid() {
        #expect(VATNumber.check("DE13669597", country: "DE").failure
                == "not a valid German VAT ID (DE and 9 digits; has 8 digits)")
        #expect(VATNumber.check("DE13669597A", country: "DE").failure
                == "not a valid German VAT ID (DE and 9 digits; not all digits)")
        #expect(VATNumber.check("DE036695976", country: "DE").failure
                == "not a valid German VAT ID (DE and 9 digits; starts with 0)")
        #expect(VATNumber.check("AT13585627", country: "AT").failure
                == "not a valid Austrian VAT ID (ATU and 8 digits; no U after AT)")
        #expect(VATNumber.check("NL004495445C01", country: "NL").failure
                == "not a valid Dutch VAT ID (NL, 9 digits, B and 2 digits; a character out of place)")
        #expect(VATNumber.check("LU15027443", country: "LU").failure
                == "not a valid Luxembourgish VAT ID (LU and 8 digits; check digits wrong)")
        #expect(VATNumber.check("CZ541231347", country: "CZ").failure
                == "not a valid Czech VAT ID (CZ and 8, 9 or 10 digits; "
                + "a 9-digit birth number is from before 1954)")
        #expect(VATNumber.check("IT00743111017", country: "IT").failure
                == "not a valid Italian VAT ID (IT and 11 digits; no province office 101)")
    }

    @Test func outsideTheEUThereIsNoVATID() {
        #expect(VATNumber.check("US123456789", country: "US").failure
                == "not a valid EU VAT ID (an EU country prefix and number; US is not an EU country)")
        #expect(VATNumber.check("123456789", country: "12").failure
                == "not a valid EU VAT ID (an EU country prefix and number; no EU country prefix)")
        #expect(!VATNumber.isValid("GB123456789", country: "GB"))
    }
}

private extension Result where Failure == VATNumberError {
    var failure: String? {
        if case .failure(let error) = self { return error.message }
        return nil
    }
}
