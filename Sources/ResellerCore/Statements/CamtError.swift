/// Why a bank file was refused: the line of the element at fault and what was expected there. One error
/// refuses the whole file, so nothing of a half-understood statement is ever booked.
public struct CamtError: Error, Sendable, Equatable, CustomStringConvertible {
    public let line: Int?
    public let message: String

    public init(line: Int?, _ message: String) {
        self.line = line
        self.message = message
    }

    init(_ error: XMLReadError) { self.init(line: error.line, error.message) }

    public var description: String { line.map { "line \($0): \(message)" } ?? message }
}
