import GRDB

/// The values bound to one statement's `?` marks, in order, for either engine. GRDB's `DatabaseValue` is the
/// one value type: both engines read and write through it, so a Date, a Bool or a number is stored the same
/// way on both (a Date as GRDB's "yyyy-MM-dd HH:mm:ss.SSS" text), and a desk copies between them value by value.
struct SQLArguments: ExpressibleByArrayLiteral {
    var values: [DatabaseValue]

    init(_ values: some Sequence<(any DatabaseValueConvertible)?>) {
        self.values = values.map { $0?.databaseValue ?? .null }
    }

    init(values: [DatabaseValue]) { self.values = values }

    init(arrayLiteral elements: (any DatabaseValueConvertible)?...) { self.init(elements) }

}
