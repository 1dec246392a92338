internal import COpenSSL
import Foundation

/// Temporary OpenSSL memory BIOs, freed before the closure's caller sees the result.
enum MemoryBIO {
    /// Lends a read-only BIO over `data`, valid only inside `body`.
    static func reading<T>(
        _ data: Data, function: String, _ body: (OpaquePointer) throws -> T
    ) throws -> T {
        try data.withUnsafeBytes { buffer in
            // A read-only memory BIO reports end of file, not "retry", once it is empty.
            let empty: UInt8 = 0
            return try withUnsafePointer(to: empty) { emptyPointer in
                let base = buffer.baseAddress ?? UnsafeRawPointer(emptyPointer)
                guard let bio = BIO_new_mem_buf(base, Int32(buffer.count)) else {
                    throw SMIMEError.openSSL(
                        .operationFailed, "out of memory", function: function)
                }
                defer { BIO_free(bio) }
                return try body(bio)
            }
        }
    }

    /// Lends an empty BIO to write into, and returns what was written next to the result.
    static func writing<T>(
        function: String, _ body: (OpaquePointer) throws -> T
    ) throws -> (T, Data) {
        guard let bio = BIO_new(BIO_s_mem()) else {
            throw SMIMEError.openSSL(.operationFailed, "out of memory", function: function)
        }
        defer { BIO_free(bio) }

        let result = try body(bio)
        return (result, contents(of: bio))
    }

    /// Every byte still readable from `bio`.
    static func contents(of bio: OpaquePointer) -> Data {
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = BIO_read(bio, &chunk, Int32(chunk.count))
            if count <= 0 { break }
            output.append(contentsOf: chunk[0..<Int(count)])
        }
        return output
    }
}
