internal import COpenSSL
import Foundation

/// OpenSSL's thread-local error queue, which every public call empties on entry and exit.
enum OpenSSLErrorQueue {
    /// Removes and describes every entry, oldest first.
    static func drain() -> [String] {
        var entries: [String] = []
        while true {
            var data: UnsafePointer<CChar>?
            var flags: Int32 = 0
            let code = ERR_get_error_all(nil, nil, nil, &data, &flags)
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            var entry = String(cString: buffer)
            if let data, flags & ERR_TXT_STRING != 0, data.pointee != 0 {
                entry += " (\(String(cString: data)))"
            }
            entries.append(entry)
        }
        return entries
    }

    /// Runs one public operation between two clears of the queue.
    ///
    /// Anything left on the queue by earlier, unrelated calls would otherwise be blamed
    /// on this one; anything this call leaves would be blamed on the next.
    static func run<T>(_ body: () throws -> T) throws -> T {
        ERR_clear_error()
        defer { ERR_clear_error() }
        return try body()
    }

    /// Runs a step that reports problems in its result and never throws, and removes
    /// whatever it queued, but nothing queued before it.
    ///
    /// Getters run inside failing operations too (a certificate's subject goes into an
    /// error's reason), so they must not wipe the errors that operation is reporting.
    static func runQuietly<T>(_ body: () -> T) -> T {
        ERR_set_mark()
        defer { ERR_pop_to_mark() }
        return body()
    }
}

extension SMIMEError {
    /// An error carrying whatever OpenSSL queued while the failing step ran.
    static func openSSL(_ code: Code, _ reason: String, function: String) -> SMIMEError {
        SMIMEError(code, reason, openSSLErrors: OpenSSLErrorQueue.drain(), function: function)
    }
}
