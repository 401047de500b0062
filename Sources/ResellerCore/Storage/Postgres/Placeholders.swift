/// The storage code writes SQLite's `?` marks; PostgreSQL numbers them (`$1`, `$2`…). A numbered `?1` (one
/// value used twice) becomes `$1`. A `?` inside a quoted string or name, or a comment, is text and stays.
enum Placeholders {
    static func numbered(_ sql: String) -> String {
        var out = ""
        out.reserveCapacity(sql.utf8.count + 16)
        var n = 0
        var quote: Character? = nil
        var comment = false
        var previous: Character = " "
        var numbering = false
        for index in sql.indices {
            let c = sql[index]
            if numbering {
                if c.isASCII && c.isNumber {
                    out.append(c)
                    continue
                }
                numbering = false
            }
            if comment {
                if c == "\n" { comment = false }
            } else if let q = quote {
                if c == q { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == "-" && previous == "-" {
                comment = true
            } else if c == "?" {
                previous = c
                out += "$"
                if let next = sql[sql.index(after: index)...].first, next.isASCII && next.isNumber {
                    numbering = true   // `?1`: its digits follow as they are
                } else {
                    n += 1
                    out += "\(n)"
                }
                continue
            }
            out.append(c)
            previous = c
        }
        return out
    }
}
