import Foundation

/// Writes whole files so that a reader sees either the old file or the new one.
public enum AtomicFile {
    /// Writes `data` to a temporary file beside `url`, syncs it, then renames it over `url`.
    ///
    /// The temporary file is created with `permissions` from the start, so key material
    /// is never readable by others, not even for a moment.
    /// A destination that is a symbolic link is followed, and one that is not a regular
    /// file (a device such as /dev/null, a FIFO) is written to in place: renaming over it
    /// would replace the device with a file.
    public static func write(_ data: Data, to url: URL, permissions: mode_t = 0o644) throws {
        let url = try finalDestination(of: url)
        var status = stat()
        if stat(url.path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
            guard status.st_mode & S_IFMT != S_IFDIR else {
                throw AtomicFileError(url: url, errno: EISDIR)
            }
            try writeInPlace(data, to: url)
            return
        }
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(
            ".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, permissions)
        guard descriptor >= 0 else { throw AtomicFileError(url: url, errno: errno) }

        PendingFiles.shared.add(temporary.path)
        defer { PendingFiles.shared.remove(temporary.path) }

        var failure = writeAll(data, to: descriptor)
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        close(descriptor)

        if failure == 0, rename(temporary.path, url.path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary.path)
            throw AtomicFileError(url: url, errno: failure)
        }
    }

    /// Follows symbolic links, dangling ones too, to the path that will really be written.
    private static func finalDestination(of url: URL) throws -> URL {
        var current = url
        for _ in 0..<16 {
            var status = stat()
            guard lstat(current.path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else {
                return current
            }
            let target = try FileManager.default.destinationOfSymbolicLink(atPath: current.path)
            current = target.hasPrefix("/")
                ? URL(fileURLWithPath: target)
                : current.deletingLastPathComponent().appendingPathComponent(target)
        }
        throw AtomicFileError(url: url, errno: ELOOP)
    }

    /// Writes all of `data` to an open descriptor; returns 0 or the errno that stopped it.
    public static func writeAll(_ data: Data, to descriptor: Int32) -> Int32 {
        data.withUnsafeBytes { buffer -> Int32 in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(
                    descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return 0
        }
    }

    private static func writeInPlace(_ data: Data, to url: URL) throws {
        let descriptor = open(url.path, O_WRONLY)
        guard descriptor >= 0 else { throw AtomicFileError(url: url, errno: errno) }
        defer { close(descriptor) }
        let failure = writeAll(data, to: descriptor)
        guard failure == 0 else { throw AtomicFileError(url: url, errno: failure) }
    }
}

/// A file could not be written; says which and why.
public struct AtomicFileError: Error, CustomStringConvertible {
    public var url: URL
    public var errno: Int32

    public var description: String {
        "cannot write \(url.path): \(String(cString: strerror(errno)))"
    }
}
