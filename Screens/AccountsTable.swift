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

    /// Fixed column widths for a screen `width` columns wide: the name takes what the others leave, so
    /// columns do not jump as rows scroll in.
    public static func widths(for width: Int) -> [Int] {
        let fixed = [10, 0, 4, 7, 12, 12, 10]
        let name = max(8, width - fixed.reduce(0, +) - (fixed.count - 1))
        return fixed.enumerated().map { $0.offset == 1 ? name : $0.element }
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
