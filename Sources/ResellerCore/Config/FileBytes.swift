import Glibc

/// A whole file, read with open and read. The terminal reads two configuration files and its draft before the
/// first frame: Foundation's FileManager took 0.1 ms there on its first use, and a missing file cost it an
/// NSError (issue #27).
public enum FileBytes {
    public struct Unreadable: Error, Equatable {
        /// The system's reason, as strerror words it ("Permission denied").
        public let reason: String
    }

    /// The file's bytes; nil when there is no such file. One that is there but cannot be read throws why.
    /// Non-blocking, so that a FIFO in the file's place cannot hang the start.
    public static func read(_ path: String) throws(Unreadable) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw Unreadable(reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = Glibc.read(fd, &chunk, chunk.count)
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw Unreadable(reason: String(cString: strerror(errno)))
            }
            bytes += chunk[..<count]
        }
    }
}
