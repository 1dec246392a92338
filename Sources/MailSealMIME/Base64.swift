import Foundation

/// Base64 content transfer encoding (RFC 2045 s6.8), linear and table driven.
public enum Base64 {
    static let alphabet: [UInt8] = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// 0...63 for alphabet bytes, 64 for "=", 0xFF for anything else.
    static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        table[Int(ASCII.equals)] = 64
        return table
    }()

    /// Encodes `data` in lines of `lineLength` characters (rounded down to a multiple of 4),
    /// each ending in CRLF; a `lineLength` of 0 gives one line without a line break.
    public static func encode(_ data: Data, lineLength: Int = 76) -> Data {
        guard !data.isEmpty else { return Data() }
        let perLine = lineLength > 0 ? max(4, lineLength / 4 * 4) : Int.max
        let encodedCount = (data.count + 2) / 3 * 4
        let breaks = lineLength > 0 ? (encodedCount + perLine - 1) / perLine : 0
        var out = Data(count: encodedCount + breaks * 2)
        out.withUnsafeMutableBytes { (output: UnsafeMutableRawBufferPointer) in
            data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
                alphabet.withUnsafeBufferPointer { table in
                    encode(
                        input.baseAddress!.assumingMemoryBound(to: UInt8.self), input.count,
                        into: output.baseAddress!.assumingMemoryBound(to: UInt8.self),
                        table: table.baseAddress!, perLine: perLine, breaks: breaks > 0)
                }
            }
        }
        return out
    }

    private static func encode(
        _ input: UnsafePointer<UInt8>, _ count: Int, into output: UnsafeMutablePointer<UInt8>,
        table: UnsafePointer<UInt8>, perLine: Int, breaks: Bool
    ) {
        var o = 0, column = 0, i = 0
        while i < count {
            let b0 = input[i]
            let b1 = i + 1 < count ? input[i + 1] : 0
            let b2 = i + 2 < count ? input[i + 2] : 0
            output[o] = table[Int(b0 >> 2)]
            output[o + 1] = table[Int((b0 & 0x03) << 4 | b1 >> 4)]
            output[o + 2] = i + 1 < count ? table[Int((b1 & 0x0F) << 2 | b2 >> 6)] : ASCII.equals
            output[o + 3] = i + 2 < count ? table[Int(b2 & 0x3F)] : ASCII.equals
            o += 4
            i += 3
            column += 4
            if breaks && (column >= perLine || i >= count) {
                output[o] = ASCII.cr
                output[o + 1] = ASCII.lf
                o += 2
                column = 0
            }
        }
    }

    /// Decodes base64 text.
    ///
    /// Lenient by default, as RFC 2045 s6.8 asks: bytes outside the alphabet are skipped, and
    /// a padded quantum may be followed by more base64 (concatenated bodies).
    /// - Parameter strict: reject anything but the alphabet, whitespace and correct padding.
    /// - Throws: `MIMEError.badBase64` in strict mode.
    public static func decode(_ data: Data, strict: Bool = false) throws -> Data {
        var out = Data(count: data.count / 4 * 3 + 3)
        var decoder = Decoder(strict: strict)
        let written = out.withUnsafeMutableBytes { (output: UnsafeMutableRawBufferPointer) in
            data.withUnsafeBytes { (input: UnsafeRawBufferPointer) -> Int in
                values.withUnsafeBufferPointer { table in
                    guard let source = input.baseAddress else { return 0 }
                    return decoder.run(
                        source.assumingMemoryBound(to: UInt8.self), input.count,
                        into: output.baseAddress!.assumingMemoryBound(to: UInt8.self),
                        table: table.baseAddress!)
                }
            }
        }
        if let problem = decoder.problem {
            throw MIMEError(.badBase64, "The base64 data is invalid: \(problem).")
        }
        out.count = written
        return out
    }

    /// The state of one decoding pass; `problem` is only set in strict mode.
    private struct Decoder {
        let strict: Bool
        var problem: String?
        var quantum: UInt32 = 0
        var filled = 0
        var padding = 0
        var symbols = 0

        init(strict: Bool) { self.strict = strict }

        mutating func run(
            _ input: UnsafePointer<UInt8>, _ count: Int, into output: UnsafeMutablePointer<UInt8>,
            table: UnsafePointer<UInt8>
        ) -> Int {
            var o = 0
            for i in 0..<count {
                let value = table[Int(input[i])]
                if value < 64 {
                    if padding > 0 {
                        if strict { problem = problem ?? "data follows the padding" }
                        padding = 0
                    }
                    quantum = quantum << 6 | UInt32(value)
                    filled += 1
                    symbols += 1
                    if filled == 4 {
                        output[o] = UInt8(truncatingIfNeeded: quantum >> 16)
                        output[o + 1] = UInt8(truncatingIfNeeded: quantum >> 8)
                        output[o + 2] = UInt8(truncatingIfNeeded: quantum)
                        o += 3
                        quantum = 0
                        filled = 0
                    }
                } else if value == 64 {
                    if strict && padding == 0 && filled < 2 {
                        problem = problem ?? "the padding is misplaced"
                    }
                    padding += 1
                    symbols += 1
                    o += flush(into: output + o)
                } else if strict && !isSpace(input[i]) {
                    problem = problem ?? "byte 0x\(String(input[i], radix: 16)) is not base64"
                }
            }
            if strict && symbols % 4 != 0 { problem = problem ?? "the data ends mid-quantum" }
            o += flush(into: output + o)
            return o
        }

        /// Writes the whole bytes of a partial quantum (2 or 3 characters) and resets it.
        private mutating func flush(into output: UnsafeMutablePointer<UInt8>) -> Int {
            defer {
                quantum = 0
                filled = 0
            }
            switch filled {
            case 2:
                output[0] = UInt8(truncatingIfNeeded: quantum >> 4)
                return 1
            case 3:
                output[0] = UInt8(truncatingIfNeeded: quantum >> 10)
                output[1] = UInt8(truncatingIfNeeded: quantum >> 2)
                return 2
            default:
                return 0
            }
        }

        private func isSpace(_ byte: UInt8) -> Bool {
            byte == ASCII.space || byte == ASCII.tab || byte == ASCII.cr || byte == ASCII.lf
        }
    }
}
