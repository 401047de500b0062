import FieldSchema

/// A price list's name, validity and description as the Edit price list dialog and `pricelist update`
/// take them: dates as YYYY-MM-DD, empty for no limit.
public struct PriceListForm: Sendable, Equatable {
    public var name = ""
    public var validFrom = ""
    public var validTo = ""
    public var description = ""
    public init() {}

    public init(_ list: PriceList) {
        name = list.name
        validFrom = list.validFrom?.description ?? ""
        validTo = list.validTo?.description ?? ""
        description = list.description ?? ""
    }

    /// The fields that differ from `list` (surrounding spaces aside).
    public func changedFields(from list: PriceList) -> [PriceListSchema.Field] {
        let was = PriceListForm(list)
        return PriceListSchema.fields.filter {
            $0.text(of: self).trimmingCharacters(in: .whitespaces) != $0.text(of: was)
        }
    }

    /// Only what differs from `list`, as `updatePriceList` takes it (nil: unchanged).
    public func change(from list: PriceList) -> PriceListChange {
        let changed = Set(changedFields(from: list).map(\.id))
        func value(_ spec: PriceListSchema.Field) -> String? {
            changed.contains(spec.id) ? spec.text(of: self).trimmingCharacters(in: .whitespaces) : nil
        }
        typealias S = PriceListSchema
        return PriceListChange(name: value(S.name), validFrom: value(S.validFrom), validTo: value(S.validTo),
                               description: value(S.description))
    }
}

/// The price list's fields: the dialog is laid out from them and the service checks by their names and limits.
public enum PriceListSchema {
    public typealias Field = FieldSpec<PriceListForm>
    public static let name = Field("name", "Name", .text(\.name, maxLength: 100), required: true,
                                   noun: "price list name", help: "The list's name, unique on the desk.")
    public static let validFrom = Field("validFrom", "Valid from", .text(\.validFrom, maxLength: 10),
                                        flag: "valid-from",
                                        help: "The first day it sells, YYYY-MM-DD; empty: no limit.")
    public static let validTo = Field("validTo", "Valid to", .text(\.validTo, maxLength: 10), flag: "valid-to",
                                      help: "The last day it sells, YYYY-MM-DD; empty: no limit.")
    public static let description = Field("description", "Description", .text(\.description, maxLength: 500),
                                          help: "What the list is for, for staff; empty clears it.")
    public static let fields = [name, validFrom, validTo, description]
}
