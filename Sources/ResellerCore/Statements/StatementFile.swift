// TEMPORARY until h-camt merges.
public enum StatementFile {
    public static func items(_ bytes: [UInt8], file: String) throws(ServiceError) -> [StatementItem] { [] }
}
