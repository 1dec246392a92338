import Foundation

/// Writes whole files so that a reader sees either the old file or the new one.
public enum AtomicFile {
    /// Writes `data` to a temporary file beside `url`, syncs it, then renames it over `url`.
    ///
    /// The temporary file is created with `permissions` from the start, so key material
    /// is never readable by others, not even for a moment.
    public static func write(_ data: Data, to url: URL, permissions: mode_t = 0o644) throws {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(
            ".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, permissions)
        guard descriptor >= 0 else { throw AtomicFileError(url: url, errno: errno) }

        var failure: Int32 = 0
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(
                    descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        close(descriptor)

        if failure == 0, rename(temporary.path, url.path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary.path)
            throw AtomicFileError(url: url, errno: failure)
        }
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
