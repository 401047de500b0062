/// Sums and differences of stored amounts, checked. Each form keeps amounts under the money ceiling, so only
/// a row written around the desk (by someone with the database file) can overflow; that must be a clear
/// refusal of the one page or command that needs the sum, never a trap that ends the process (review S2).
public enum MoneySum {
    public static func add(_ a: Int64, _ b: Int64, what: String) throws(ServiceError) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard !overflow else { throw outOfRange(what) }
        return sum
    }

    public static func subtract(_ a: Int64, _ b: Int64, what: String) throws(ServiceError) -> Int64 {
        let (difference, overflow) = a.subtractingReportingOverflow(b)
        guard !overflow else { throw outOfRange(what) }
        return difference
    }

    /// The sum of `amounts`, refused (never trapped) when out of range.
    public static func total(_ amounts: [Int64], what: String) throws(ServiceError) -> Int64 {
        var sum: Int64 = 0
        for a in amounts { sum = try add(sum, a, what: what) }
        return sum
    }

    static func outOfRange(_ what: String) -> ServiceError {
        .refused(field: "amount", message: "\(what) is out of range: a stored amount is not one the desk writes, "
                 + "so staff must check it")
    }
}
