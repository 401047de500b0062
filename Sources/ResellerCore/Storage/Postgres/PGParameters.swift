import Foundation
import GRDB

/// A statement's parameters laid out as libpq wants them: numbers and text in text format (NUL-terminated),
/// blobs in binary format (raw bytes, so a bytea parameter needs no escaping), SQL NULL as a nil pointer.
/// All values share one buffer: one allocation per statement, whatever its parameter count.
struct PGParameters {
    private var buffer: [UInt8] = []
    private var offsets: [Int?] = []
    private var lengths: [Int32] = []
    private var formats: [Int32] = []

    init(_ values: [DatabaseValue]) throws(PGError) {
        for value in values {
            switch value.storage {
            case .null:
                offsets.append(nil)
                lengths.append(0)
                formats.append(0)
            case .int64(let number):
                appendText(String(number))
            case .double(let number):
                appendText(Self.text(number))
            case .string(let text):
                // The text format ends a value at its first NUL, and PostgreSQL's text cannot hold one:
                // refuse rather than store a silently cut string.
                guard !text.utf8.contains(0) else {
                    throw PGError(sqlState: "22021", message: "PostgreSQL text cannot hold the NUL character (U+0000)")
                }
                appendText(text)
            case .blob(let data):
                offsets.append(buffer.count)
                lengths.append(Int32(data.count))
                formats.append(1)
                buffer.append(contentsOf: data)
            }
        }
        // A zero-length blob alone must still point somewhere: a nil pointer would mean NULL.
        buffer.append(0)
    }

    private mutating func appendText(_ text: String) {
        offsets.append(buffer.count)
        buffer.append(contentsOf: text.utf8)
        buffer.append(0)
        lengths.append(0)   // ignored by libpq for text format
        formats.append(0)
    }

    /// Swift's shortest round-trip form, which float8 and numeric accept, with PostgreSQL's spelling of the
    /// non-finite values.
    private static func text(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        return number.description
    }

    /// Calls `body` with the count and the arrays PQexecPrepared takes, valid only during the call.
    func withArrays<R>(_ body: (Int32, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?,
                                UnsafePointer<Int32>?) -> R) -> R {
        buffer.withUnsafeBytes { raw in
            let base = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
            let pointers = offsets.map { $0.map { UnsafePointer(base + $0) } }
            return pointers.withUnsafeBufferPointer { values in
                lengths.withUnsafeBufferPointer { lengths in
                    formats.withUnsafeBufferPointer { formats in
                        body(Int32(values.count), values.baseAddress, lengths.baseAddress, formats.baseAddress)
                    }
                }
            }
        }
    }
}
