import GRDB

/// One entry of the accounts table's field columns: the column names it fills (most fields take one; the
/// Ordering section takes six), the values it writes and how it reads them back from its position in a row.
struct AccountColumn: Sendable {
    let names: [String]
    let write: @Sendable (AccountFields) -> [(any DatabaseValueConvertible)?]
    /// Sets the field from the row's columns starting at the index given.
    let read: @Sendable (inout AccountFields, SQLRow, Int) -> Void

    /// A column that holds one field as it is. `StatementColumnConvertible` keeps GRDB's fast path for reads.
    static func field<Value: DatabaseValueConvertible & StatementColumnConvertible>(
        _ name: String, _ path: WritableKeyPath<AccountFields, Value> & Sendable) -> AccountColumn {
        AccountColumn(names: [name], write: { [$0[keyPath: path]] }, read: { f, row, i in f[keyPath: path] = row[i] })
    }
}

extension StoreTx {
    /// The columns of `AccountFields`, in the order the statements list and the rows read them: the INSERT
    /// and UPDATE column lists, their arguments and the positional read all come from this table, so a new
    /// account field is one entry here (and its migration). Currency comes before the Ordering section,
    /// whose credit limit is read in it.
    static let accountFieldColumns: [AccountColumn] = [
        .field("name", \.name),
        .field("trading_name", \.tradingName),
        AccountColumn(names: ["type"], write: { [$0.type.rawValue] },
                      read: { f, row, i in f.type = AccountType(rawValue: row[i]) ?? .customer }),
        .field("email", \.email),
        .field("phone", \.phone),
        .field("website", \.website),
        .field("registration_number", \.registrationNumber),
        .field("tax_authority", \.taxAuthority),
        .field("description", \.description),
        .field("street", \.address.street),
        .field("city", \.address.city),
        .field("postcode", \.address.postcode),
        .field("state", \.address.state),
        .field("country", \.address.country),
        .field("currency", \.currency),
        .field("account_manager", \.accountManager),
        orderingColumns,
        .field("separate_invoices", \.separateInvoices),
        .field("tax_exempt", \.taxExempt),
        .field("tax_exemption_reason", \.taxExemptionReason),
        .field("payment_terms_days", \.paymentTermsDays),
    ]

    /// The Ordering section: off is `enable_ordering` 0 with the other five empty (a CHECK holds them to it).
    private static let orderingColumns = AccountColumn(
        names: ["enable_ordering", "credit_limit_minor", "credit_unlimited", "billing_day", "partial_charges",
                "enable_reselling"],
        write: { f in
            let o = f.ordering
            var limit: Int64?
            if case .amount(let m)? = o?.creditLimit { limit = m.minor }
            return [o != nil, limit, o?.creditLimit == .unlimited, o?.prorateBillingDay?.text,
                    o?.partialChargesInvoicing.rawValue, o?.enableReselling ?? false]
        },
        read: { f, row, i in
            guard row[i] as Bool else { f.ordering = nil; return }
            let limit: CreditLimit = (row[i + 2] as Bool) ? .unlimited
                : .amount(Money(minor: row[i + 1] ?? 0, currency: f.currency))
            f.ordering = Ordering(creditLimit: limit,
                                  prorateBillingDay: (row[i + 3] as String?).flatMap { try? BillingDay.parse($0) },
                                  partialChargesInvoicing: PartialChargesInvoicing(rawValue: row[i + 4] ?? "")
                                      ?? .onOrderDay,
                                  enableReselling: row[i + 5])
        })

    /// The field columns' names, in order.
    static let accountFieldNames = accountFieldColumns.flatMap(\.names)

    /// Each entry with the position of its first column in `accountSelect` (after `id`).
    static let accountFieldReads: [(column: AccountColumn, at: Int)] = {
        var at = 1
        return accountFieldColumns.map { column in
            defer { at += column.names.count }
            return (column, at)
        }
    }()

    /// The columns that are not fields, read after them in this order.
    static let accountRecordNames = ["parent_account_id", "version", "created_at", "updated_at", "updated_by",
                                     "status", "status_reason", "status_by"]

    static func arguments(_ f: AccountFields) -> [(any DatabaseValueConvertible)?] {
        accountFieldColumns.flatMap { $0.write(f) }
    }

    /// What `accountFields` starts from: every entry of the table sets its own field over it.
    static let blankAccountFields = AccountFields(name: "", type: .customer, email: "", address: Address(country: ""),
                                                  currency: "", accountManager: "", separateInvoices: false,
                                                  taxExempt: false)

    /// The fields of a row read by `accountSelect`.
    static func accountFields(_ row: SQLRow) -> AccountFields {
        var fields = blankAccountFields
        for (column, at) in accountFieldReads { column.read(&fields, row, at) }
        return fields
    }
}

extension Store {
    /// Every column of `accounts`, for tools that copy the table row by row (the benchmark's sqlite3 script).
    public static var accountTableColumns: [String] {
        ["id"] + StoreTx.accountFieldNames + StoreTx.accountRecordNames
    }
}
