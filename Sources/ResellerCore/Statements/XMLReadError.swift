/// Why `XMLReader` refused a document: the 1-based line where the problem is and what was wrong there, so a
/// person can open the file at that line and see it.
public struct XMLReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let message: String

    public init(line: Int, _ message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}
