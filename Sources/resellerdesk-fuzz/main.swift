// libFuzzer targets. A normal build makes a program that does nothing; `scripts/fuzz` builds it with
// `-sanitize=fuzzer -parse-as-library`, and libFuzzer then calls `LLVMFuzzerTestOneInput` with each input.
// RESELLERDESK_FUZZ_TARGET picks the code under test. Each target checks what must always hold, and
// traps (a crash libFuzzer reports and saves) when it does not.
import Foundation
import FormCoding
import Mail
import ResellerCore
import TerminalKit

enum FuzzTarget: String, CaseIterable {
    case money, csv, email, header, keys, sanitizer, form, camt
}

let target = FuzzTarget(rawValue: ProcessInfo.processInfo.environment["RESELLERDESK_FUZZ_TARGET"] ?? "") ?? .money
let mail = try! MessageBuilder(settings: MailSettings(ConfigFile(), environment: [:]))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)
    switch target {
    case .money: money(text)
    case .csv: _ = try? PriceListCSV.parse(text, currency: Currency.named("EUR")!)
    case .email: email(text)
    case .header: header(text)
    case .keys: keys(bytes)
    case .sanitizer: sanitizer(text)
    case .form: form(bytes)
    case .camt: camt(bytes)
    }
    return 0
}

/// A parsed amount prints back to a text that parses to the same amount; a valid prefix never traps.
func money(_ text: String) {
    for code in ["EUR", "JPY", "BHD"] {
        let currency = Currency.named(code)!
        _ = Money.isValidPrefix(text, currency: currency)
        if let m = try? Money.parse(text, currency: currency, field: "amount") {
            let again = try? Money.parse(m.decimalString, currency: currency, field: "amount")
            precondition(again == m, "\(text) → \(m.decimalString) does not parse back")
            _ = m.display
        }
    }
}

/// An accepted email address is one line of printable text.
func email(_ text: String) {
    if let valid = try? EmailAddress.validate(text, field: "email") ?? "" {
        precondition(!valid.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "control character in \(valid.debugDescription)")
    }
}

/// Whatever a name, subject or address holds, the message's header has no line it did not write.
func header(_ text: String) {
    let parts = text.split(separator: "\u{0}", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
    let name = parts[0], subject = parts.count > 1 ? parts[1] : "s", address = parts.count > 2 ? parts[2] : "a@example.com"
    let message = OutboxMessage(id: 1, kind: .test, toAddress: address, toName: name, subject: subject, params: [:],
                                createdAt: Date(timeIntervalSince1970: 0), nextAttemptAt: Date(timeIntervalSince1970: 0))
    guard let data = try? mail.build(message).data else { preconditionFailure("the built-in templates render") }
    let raw = String(decoding: data, as: UTF8.self)
    guard let end = raw.range(of: "\r\n\r\n") else { preconditionFailure("no end of header") }
    let names = ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Auto-Submitted"]
    for line in raw[..<end.lowerBound].components(separatedBy: "\r\n") {
        precondition(!line.contains("\r") && !line.contains("\n"), "bare CR or LF in a header line")
        precondition(line.hasPrefix(" ") || names.contains { line.hasPrefix($0 + ":") }, "unexpected header line: \(line.prefix(80))")
    }
}

/// Key codes never trap; a paste's text never holds its end marker and stops at its limit.
func keys(_ bytes: [UInt8]) {
    var paste = PasteReader(limit: 64)
    for (i, b) in bytes.enumerated() {
        let value = i + 1 < bytes.count && b >= 0xF0 ? UInt32(b) << 8 | UInt32(bytes[i + 1]) : UInt32(b)
        _ = KeyDecoder.key(value)
        if !paste.feed(value) { break }
    }
    if case .paste(let text) = paste.key, paste.finished {
        precondition(!text.contains("\u{1B}[201~"), "the end marker became text")
    }
}

/// What is drawn holds no control character, escape or bidi override, and fits the width asked for.
func sanitizer(_ text: String) {
    let clean = Sanitizer.clean(text, maxCharacters: 300)
    precondition(!clean.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value)
        || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) }, "a control reached the screen")
    let cut = DisplayWidth.truncate(clean, to: 20)
    precondition(DisplayWidth.of(cut) <= 20, "truncated text is wider than asked")
    var grid = Grid(width: 30, height: 2)
    let used = grid.put(text, x: 2, y: 1, maxWidth: 25)
    precondition(used <= 25, "drew past its width")
}

/// A decoded form has at most the allowed fields, no NUL and valid UTF-8 (a Swift String is).
func form(_ bytes: [UInt8]) {
    if let body = try? FormBody.parse(bytes) {
        precondition(body.fields.count <= FormBody.maxFields, "too many fields")
        precondition(body.fields.allSatisfy { !$0.name.contains("\u{0}") && !$0.value.contains("\u{0}") }, "NUL in a field")
    }
}

/// Any bytes as a bank file: the XML reader and the camt reader refuse or read, never trap; what they read
/// is a statement the desk can book (amounts in minor units, never negative; a key for every transaction).
func camt(_ bytes: [UInt8]) {
    _ = try? XMLReader.parse(bytes)
    guard let items = try? StatementFile.items(bytes, file: "fuzz.xml") else { return }
    for item in items {
        precondition(item.amount.minor >= 0, "a negative amount read: \(item.amount.minor)")
        precondition(!item.key.isEmpty, "a transaction without a key")
        _ = RemittanceReferences(structured: item.structured, unstructured: item.unstructured)
    }
}
