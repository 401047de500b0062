/// ISO 7064 MOD 97-10, the check of IBANs (ISO 13616) and creditor references (ISO 11649).
enum ISO7064 {
    /// The remainder by 97 of the number the characters spell, each letter read as two digits (A = 10 … Z = 35),
    /// folded in one at a time so it never overflows. Upper-case letters and digits only.
    static func mod97<S: Sequence>(_ chars: S) -> Int where S.Element == Unicode.Scalar {
        var remainder = 0
        for c in chars {
            let value = isDigit(c) ? Int(c.value - 48) : Int(c.value - 55)
            remainder = (remainder * (value < 10 ? 10 : 100) + value) % 97
        }
        return remainder
    }

    static func isLetter(_ c: Unicode.Scalar) -> Bool { ("A"..."Z").contains(c) }
    static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
}
