/// The `?` marks of a statement whose shape depends on a count: an IN list, a row value, a multi-row VALUES.
/// One spelling for every such statement (PostgreSQL's `$n` are numbered from them by `Placeholders`).
enum SQLMarks {
    /// "?,?,?": `count` marks, for an IN list or one row's values.
    static func list(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ",")
    }

    /// "(?,?)": one row value of `width` marks.
    static func tuple(_ width: Int) -> String {
        "(" + list(width) + ")"
    }

    /// "(?,?),(?,?)": `rows` row values of `width` marks each, for a multi-row INSERT.
    static func tuples(_ rows: Int, width: Int) -> String {
        Array(repeating: tuple(width), count: rows).joined(separator: ",")
    }
}
