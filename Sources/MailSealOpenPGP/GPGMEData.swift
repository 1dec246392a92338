import Foundation
internal import CGPGME

/// Temporary `gpgme_data_t` objects, released before the helper returns.
enum GPGMEData {
    /// Runs `body` with a data object that reads a copy of `bytes`.
    static func withInput<T>(
        _ bytes: Data, function: String, _ body: (gpgme_data_t) throws -> T
    ) throws -> T {
        var data: gpgme_data_t?
        let error = bytes.withUnsafeBytes { buffer -> gpgme_error_t in
            guard let base = buffer.baseAddress, buffer.count > 0 else {
                return gpgme_data_new(&data)
            }
            // A copy (last argument 1), so GPGME never points into Swift's storage.
            return gpgme_data_new_from_mem(
                &data, base.assumingMemoryBound(to: CChar.self), buffer.count, 1)
        }
        guard !OpenPGPError.isFailure(error), let data else {
            throw OpenPGPError(gpgme: error, "cannot hand the input to GPGME", function: function)
        }
        defer { gpgme_data_release(data) }
        return try body(data)
    }

    /// Runs `body` with an empty data object and returns what was written into it.
    static func withOutput<T>(
        function: String, _ body: (gpgme_data_t) throws -> T
    ) throws -> (result: T, output: Data) {
        var data: gpgme_data_t?
        let error = gpgme_data_new(&data)
        guard !OpenPGPError.isFailure(error), let data else {
            throw OpenPGPError(gpgme: error, "cannot create a GPGME buffer", function: function)
        }
        defer { gpgme_data_release(data) }

        let result = try body(data)
        return (result, try contents(of: data, function: function))
    }

    /// Everything in `data`, read from its start.
    private static func contents(of data: gpgme_data_t, function: String) throws -> Data {
        guard gpgme_data_seek(data, 0, SEEK_SET) == 0 else {
            throw OpenPGPError(
                .operationFailed, "cannot rewind GPGME's output buffer", function: function)
        }

        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes {
                gpgme_data_read(data, $0.baseAddress, $0.count)
            }
            if count == 0 { break }
            guard count > 0 else {
                throw OpenPGPError(
                    .operationFailed, "cannot read GPGME's output buffer", function: function)
            }
            output.append(contentsOf: chunk[..<count])
        }
        return output
    }
}
