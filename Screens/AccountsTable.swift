import ResellerCore
import TerminalKit

/// The accounts table: the columns of the Accounts home screen, also printed by `account list`.
public enum AccountsTable {
    public static let columns = [
        TextTable.Column("Code"), TextTable.Column("Name", flexible: true), TextTable.Column("Ctry"),
        TextTable.Column("Ord/Res"), TextTable.Column("Credit limit", alignRight: true),
        TextTable.Column("Available", alignRight: true), TextTable.Column("Onboarding"),
    ]

    public static func cells(_ s: AccountSummary) -> [String] {
        let o = s.account.fields.ordering
        let flags = o == nil ? "-" : (o!.enableReselling ? "yes/yes" : "yes/no")
        return [s.account.code, s.account.name, s.account.fields.address.country, flags,
                o?.creditLimit.display ?? "-", s.availableCredit?.display ?? "-", s.onboarding.label]
    }

    /// Column widths for a screen `width` columns wide, fixed by what each column can hold rather than
    /// by the rows: the rows change with every key typed in the search, and columns must not jump. The
    /// name (the flexible column) takes what the others leave.
    public static func widths(for width: Int) -> [Int] {
        let wanted = [10, width, 4, 7, 12, 12, 10]
        return TextTable.share(width - (columns.count - 1), wanted: wanted, columns: columns)
    }

    public static func line(_ cells: [String], widths: [Int]) -> String {
        TextTable.line(cells, columns: columns, widths: widths)
    }

    public static func render(_ rows: [AccountSummary], width: Int) -> String {
        var table = TextTable(columns, gap: 1)
        rows.forEach { table.add(cells($0)) }
        return table.render(maxWidth: width)
    }
}
