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
        // Reads of the file's size and one byte more (a file that grows meanwhile takes more of them), into
        // uninitialised arrays: a zero-filled 64 KiB buffer cost 16 page faults per file.
        var info = stat()
        let size = fstat(fd, &info) == 0 ? Int(info.st_size) : 0
        let chunkSize = min(max(size + 1, 4_096), 1 << 20)
        var bytes: [UInt8] = []
        while true {
            var count = 0
            let chunk = [UInt8](unsafeUninitializedCapacity: chunkSize) { buffer, initialized in
                repeat {
                    count = Glibc.read(fd, buffer.baseAddress, chunkSize)
                } while count < 0 && errno == EINTR
                initialized = max(count, 0)
            }
            if count < 0 { throw Unreadable(reason: String(cString: strerror(errno))) }
            if count == 0 { return bytes }
            bytes += chunk
        }
    }
}
