import CLibPQ
import Foundation
import GRDB

/// A statement's whole answer, read into Swift values by column type the way SQLite's would come back.
public struct PGResult: Sendable {
    public let columns: [String]
    public let rows: [[DatabaseValue]]
    /// The count of rows an INSERT, UPDATE, DELETE, SELECT or MOVE touched (PQcmdTuples); 0 for the rest.
    public let affectedRows: Int

    /// Reads and frees `result`, or throws the error it holds (or the connection's, when libpq gave none).
    static func take(_ result: OpaquePointer?, from connection: PGConnection) throws(PGError) -> PGResult {
        guard let result else { throw connection.lastError() }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return try PGResult(result)
        default:
            throw PGError(result: result, connectionBad: connection.isBroken)
        }
    }

    private init(_ result: OpaquePointer) throws(PGError) {
        let columnCount = PQnfields(result)
        let rowCount = PQntuples(result)
        columns = (0..<columnCount).map { String(cString: PQfname(result, $0)) }
        let types = (0..<columnCount).map { PQftype(result, $0) }
        var rows: [[DatabaseValue]] = []
        rows.reserveCapacity(Int(rowCount))
        for row in 0..<rowCount {
            var values: [DatabaseValue] = []
            values.reserveCapacity(Int(columnCount))
            for column in 0..<columnCount {
                if PQgetisnull(result, row, column) != 0 {
                    values.append(.null)
                    continue
                }
                let text = UnsafeRawBufferPointer(start: PQgetvalue(result, row, column),
                                                  count: Int(PQgetlength(result, row, column)))
                values.append(try PGValue.decode(text.assumingMemoryBound(to: UInt8.self), type: types[Int(column)]))
            }
            rows.append(values)
        }
        self.rows = rows
        affectedRows = Int(String(cString: PQcmdTuples(result))) ?? 0
    }
}

extension PGError {
    /// The fields of an error result: the server's SQLSTATE, message, detail and hint.
    init(result: OpaquePointer, connectionBad: Bool) {
        func field(_ code: Int32) -> String? {
            PQresultErrorField(result, code).map { String(cString: $0) }
        }
        let message = field(RD_PG_DIAG_MESSAGE_PRIMARY) ?? String(cString: PQresultErrorMessage(result))
        let sqlState = field(RD_PG_DIAG_SQLSTATE)
        // Every error the server sends has a SQLSTATE; one without came from libpq itself, about the connection.
        // A failed send ("server closed the connection unexpectedly") leaves PQstatus OK until the next read.
        self.init(sqlState: sqlState, message: message, detail: field(RD_PG_DIAG_MESSAGE_DETAIL),
                  hint: field(RD_PG_DIAG_MESSAGE_HINT), connectionBad: connectionBad || sqlState == nil)
    }
}
