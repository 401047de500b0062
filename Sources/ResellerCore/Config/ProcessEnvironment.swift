#if canImport(Glibc)
import Glibc
#endif

/// The process's environment variables, read from `environ` at each call (a test may set one in between).
/// Every default that reads the environment comes here rather than to `ProcessInfo.processInfo.environment`,
/// whose first use builds Foundation's ProcessInfo: about 0.4 ms of every start of the terminal, before its
/// first frame.
public enum ProcessEnvironment {
    public static func read() -> [String: String] {
        var values: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            // As getenv: the first definition of a name is the one in force.
            if let equals = text.utf8.firstIndex(of: UInt8(ascii: "=")) {
                let name = String(text[..<equals])
                if values[name] == nil { values[name] = String(text[text.index(after: equals)...]) }
            }
            entry += 1
        }
        return values
    }
}
