import ResellerCore

/// Deterministic, realistic-looking accounts and contacts (Greek, German, Nordic, Spanish names among them).
struct AccountGenerator: Sendable {
    let seed: UInt64

    static let prefixes = ["Aegean", "Nordic", "Alpine", "Atlas", "Blue", "Cedar", "Delta", "Helios", "Iberia", "Kappa",
                           "Lumen", "Meridian", "Nova", "Olympus", "Orion", "Pixel", "Quantum", "Rhine", "Sapphire", "Titan",
                           "Vertex", "Zephyr", "Γαλαξίας", "Ερμής", "Αθηνά", "Müller", "Søren", "Château", "Łódź", "Ñandú"]
    static let middles = ["Cloud", "Data", "Net", "Systems", "Digital", "Hosting", "Software", "IT", "Networks", "Solutions",
                          "Tech", "Logic", "Web", "Cyber", "Infra"]
    static let suffixes = ["Ltd", "GmbH", "S.A.", "Α.Ε.", "AB", "BV", "SRL", "LLC", "Oy", "Kft", "S.L.", "A/S"]
    static let firstNames = ["Maria", "Giorgos", "Anna", "Lars", "Sofia", "Jan", "Eleni", "Pierre", "Chiara", "Kostas",
                             "Ingrid", "Mateo", "Ελένη", "Νίκος", "Δημήτρης", "Hannah", "Luca", "Noah", "Emma", "Yuki"]
    static let lastNames = ["Papadopoulos", "Schmidt", "Andersson", "García", "Rossi", "Dubois", "Nowak", "Jensen",
                            "Παπαδόπουλος", "Οικονόμου", "Müller", "Virtanen", "Kovács", "Silva", "Murphy", "Tanaka",
                            "Novak", "Horvat", "Costa", "Smith"]
    static let countries = ["GR", "DE", "SE", "ES", "IT", "FR", "PL", "DK", "FI", "HU", "PT", "IE", "NL", "AT", "CY"]

    /// SplitMix64: the same numbers for the same (seed, index, salt), so runs are comparable.
    func random(_ index: Int, _ salt: UInt64) -> UInt64 {
        var z = seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15 &+ salt &* 0xD1B5_4A32_D192_ED03
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    func pick<T>(_ list: [T], _ index: Int, _ salt: UInt64) -> T { list[Int(random(index, salt) % UInt64(list.count))] }

    func account(_ i: Int) -> (AccountForm, [ContactForm]) {
        var f = AccountForm()
        f.name = "\(pick(Self.prefixes, i, 1)) \(pick(Self.middles, i, 2)) \(pick(Self.suffixes, i, 3))"
        f.email = "accounts\(i)@\(pick(Self.middles, i, 2).lowercased())\(i % 997).example"
        f.country = pick(Self.countries, i, 4)
        f.registrationNumber = vatID(f.country, i)
        f.city = pick(["Athens", "Berlin", "Stockholm", "Madrid", "Milano", "Lyon", "Kraków", "Aarhus"], i, 6)
        f.type = "Reseller"
        f.enableOrdering = i % 3 != 0
        if f.enableOrdering {
            f.creditLimit = String(1000 * (1 + Int(random(i, 7) % 50)))
            f.enableReselling = true
        }
        let contacts = (0..<2).map { k -> ContactForm in
            var c = ContactForm()
            c.firstName = pick(Self.firstNames, i, 10 + UInt64(k))
            c.lastName = pick(Self.lastNames, i, 20 + UInt64(k))
            c.email = "contact\(k).\(i)@\(pick(Self.middles, i, 2).lowercased())\(i % 997).example"
            c.primary = k == 0
            return c
        }
        return (f, contacts)
    }

    /// A valid VAT ID for the countries whose IDs are the prefix and 9 digits (their last digit a check digit:
    /// the one of ten that passes is taken), as saving an EU account demands; none for the others.
    func vatID(_ country: String, _ i: Int) -> String {
        guard ["GR", "DE", "PT"].contains(country), let prefix = VATNumber.prefix(of: country) else { return "" }
        let stem = "\(prefix)\(10_000_000 + Int(random(i, 5) % 89_999_999))"
        return (0...9).lazy.map { "\(stem)\($0)" }.first { VATNumber.isValid($0, country: country) } ?? ""
    }

    /// Prefix queries a support person would type: part of a company word, a contact's surname, an email,
    /// a code or VAT number, sometimes two words.
    func queries(count: Int, accounts: Int) -> [String] {
        (0..<count).map { q in
            let i = Int(random(q, 99) % UInt64(accounts))
            let (f, contacts) = account(i)
            let len = 2 + Int(random(q, 98) % 4)
            func prefix(_ s: String) -> String { String(s.prefix(len)) }
            switch q % 6 {
            case 0: return prefix(f.name.split(separator: " ")[0].description)
            case 1: return prefix(contacts[1].lastName)
            case 2: return String(f.email.prefix(4 + len))
            case 3: return AccountCode.format(Int64(i + 1))
            case 4 where !f.registrationNumber.isEmpty:
                return prefix(f.registrationNumber) + String(f.registrationNumber.dropFirst(len).prefix(3))
            default: return prefix(f.name.split(separator: " ")[0].description) + " " + prefix(f.name.split(separator: " ")[1].description)
            }
        }
    }
}
