import ResellerCore

/// The one paging of every list page (review L3): `size` rows at a time, the page chosen by a query parameter
/// (`?page=N`, 1 for the first), and the links to the pages before and after. Pure: the routes read the
/// parameter and the rows, this decides which rows and which links.
struct ListPage: Equatable {
    /// Enough rows to scan on a phone, few enough that a large account's page stays small and fast.
    static let size = 50

    let number: Int
    let count: Int
    let size: Int

    /// The page a query value asks for among `total` rows: absent means the first; anything but a whole
    /// number from 1 to the last page is refused, naming the parameter and the numbers there are.
    static func choose(_ raw: String?, parameter: String = "page", total: Int,
                       size: Int = ListPage.size) -> Result<ListPage, FieldError> {
        let count = max(1, (total + size - 1) / size)
        guard let raw else { return .success(ListPage(number: 1, count: count, size: size)) }
        guard raw.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let n = Int(raw), (1...count).contains(n) else {
            let shown = raw.count > 20 ? raw.prefix(20) + "…" : Substring(raw)
            return .failure(FieldError(parameter, "a whole number from 1 to \(count), not \"\(shown)\""))
        }
        return .success(ListPage(number: n, count: count, size: size))
    }

    /// This page's rows of the whole list.
    func rows<T>(_ all: [T]) -> [T] {
        let start = min(all.count, (number - 1) * size)
        return Array(all[start..<min(all.count, start + size)])
    }

    /// The links under the list (nil when everything fits on one page). `keep` are the other query
    /// parameters of the page (a filter, another list's page), kept in every link.
    func pager(_ path: String, of label: String, parameter: String = "page",
               keep: [(String, String)] = []) -> Pager? {
        guard count > 1 else { return nil }
        func href(_ n: Int) -> String {
            let query = (keep + [(parameter, String(n))]).map { "\($0.0)=\($0.1)" }.joined(separator: "&")
            return path + "?" + query
        }
        return Pager(label: label, number: number, count: count, previous: number > 1 ? href(number - 1) : nil,
                     next: number < count ? href(number + 1) : nil)
    }
}

/// The values of the `pager` template.
struct Pager: Equatable {
    /// What the pages are of ("Pages of the invoices"): each navigation landmark has its own name.
    var label: String
    var number, count: Int
    var previous, next: String?
}
