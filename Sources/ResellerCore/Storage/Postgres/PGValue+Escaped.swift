import CLibPQ
import Foundation
import GRDB

extension PGValue {
    /// bytea in the escape form (a server with `bytea_output = escape`), decoded by libpq.
    static func escapedBlob(_ text: UnsafeBufferPointer<UInt8>) -> DatabaseValue {
        // PQunescapeBytea reads a NUL-terminated string: the cell is one (libpq ends every value with NUL).
        var length = 0
        guard let bytes = PQunescapeBytea(text.baseAddress, &length) else { return .null }
        defer { PQfreemem(bytes) }
        return Data(bytes: bytes, count: length).databaseValue
    }
}
