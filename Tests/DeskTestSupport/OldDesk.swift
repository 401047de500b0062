/// SQL that turns a desk of today back into one from before a migration, for the tests of that migration: the
/// columns and tables the migration added are dropped, and `PRAGMA user_version` is set by the caller.
/// Each undoes the later ones too, since a desk set back to a version applies every migration after it.
public enum OldDesk {
    /// Undoes the "collections" migration (issue #25).
    public static let beforeCollections = """
        DROP TABLE bank_entries; DROP TABLE dunning_notices; DROP TABLE collections_holds;
        ALTER TABLE accounts DROP COLUMN status_by;
        """

    /// Undoes the "documents" migration (issue #24).
    public static let beforeDocuments = beforeCollections + """
        DROP TABLE documents;
        """

    /// Undoes the "tax" and "taxRates" migrations (issue #23).
    public static let beforeTax = beforeDocuments + """
        ALTER TABLE price_list_items DROP COLUMN tax_class;
        ALTER TABLE order_lines DROP COLUMN tax_class;
        ALTER TABLE subscriptions DROP COLUMN tax_class;
        ALTER TABLE pending_charges DROP COLUMN tax_class;
        ALTER TABLE invoice_lines DROP COLUMN tax_category; ALTER TABLE invoice_lines DROP COLUMN tax_rate;
        ALTER TABLE credit_note_lines DROP COLUMN tax_category; ALTER TABLE credit_note_lines DROP COLUMN tax_rate;
        ALTER TABLE invoices DROP COLUMN net_minor; ALTER TABLE invoices DROP COLUMN tax_minor;
        ALTER TABLE invoices DROP COLUMN taxes; ALTER TABLE invoices DROP COLUMN seller;
        ALTER TABLE invoices DROP COLUMN buyer_vat_id;
        ALTER TABLE credit_notes DROP COLUMN net_minor; ALTER TABLE credit_notes DROP COLUMN tax_minor;
        ALTER TABLE credit_notes DROP COLUMN taxes; ALTER TABLE credit_notes DROP COLUMN seller;
        ALTER TABLE credit_notes DROP COLUMN buyer_vat_id; ALTER TABLE credit_notes DROP COLUMN credited_invoice_id;
        ALTER TABLE accounts DROP COLUMN tax_exemption_reason;
        ALTER TABLE orders DROP COLUMN net_minor; ALTER TABLE orders DROP COLUMN tax_minor;
        ALTER TABLE orders DROP COLUMN taxes;
        DROP TABLE tax_rates; DROP TABLE vat_confirmations;
        """
}
