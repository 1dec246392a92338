import Foundation
import Testing

extension Data {
    /// A copy with the first `old` replaced by `new`.
    func replacing(_ old: String, with new: String,
                   sourceLocation: SourceLocation = #_sourceLocation) throws -> Data {
        let found = try #require(self.range(of: Data(old.utf8)), "\(old) not found",
                                 sourceLocation: sourceLocation)
        var copy = self
        copy.replaceSubrange(found, with: Data(new.utf8))
        return copy
    }

    /// A copy with `block` (found in it once) replaced by `replacement`.
    func replacing(block: Data, with replacement: Data,
                   sourceLocation: SourceLocation = #_sourceLocation) throws -> Data {
        let found = try #require(self.range(of: block), sourceLocation: sourceLocation)
        var copy = self
        copy.replaceSubrange(found, with: replacement)
        return copy
    }
}

/// Damage inside encoded blocks, made below the encoding, so that what breaks is the
/// cryptography and not the armor checksum or the base64.
enum Damage {
    /// The message with the binary packets of its `-----BEGIN PGP <type>-----` block
    /// changed at `offset` (negative: from the end) and armored again (no checksum).
    static func openPGP(_ message: Data, type: String, offset: Int,
                        sourceLocation: SourceLocation = #_sourceLocation) throws -> Data {
        let text = message.text
        let begin = "-----BEGIN PGP \(type)-----", end = "-----END PGP \(type)-----"
        let start = try #require(text.range(of: begin), sourceLocation: sourceLocation)
        let stop = try #require(text.range(of: end), sourceLocation: sourceLocation)
        let block = String(text[start.lowerBound..<stop.upperBound])
        // Armor: header lines, a blank line, base64 lines, "=" checksum line (RFC 9580 s6.2).
        let lines = block.replacingOccurrences(of: "\r\n", with: "\n")
            .components(separatedBy: "\n").map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let blank = try #require(lines.firstIndex(of: ""), sourceLocation: sourceLocation)
        let body = lines[(blank + 1)...].prefix { !$0.hasPrefix("=") && !$0.hasPrefix("-----") }
        let binary = try #require(Data(base64Encoded: body.joined()),
                                  sourceLocation: sourceLocation)
        let armored = "\(begin)\r\n\r\n"
            + binary.flippingByte(at: offset).base64EncodedString(
                options: [.lineLength64Characters, .endLineWithCarriageReturn,
                          .endLineWithLineFeed])
            + "\r\n\(end)"
        return try message.replacing(block: Data(block.utf8), with: Data(armored.utf8))
    }

    /// The message with the base64 body `body` (found in it) decoded, changed at
    /// `offset` (negative: from the end) and encoded again.
    static func base64(_ message: Data, body: Data, offset: Int,
                       sourceLocation: SourceLocation = #_sourceLocation) throws -> Data {
        let trimmed = Data(body.text.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        let der = try #require(Data(base64Encoded: trimmed, options: .ignoreUnknownCharacters),
                               sourceLocation: sourceLocation)
        let encoded = der.flippingByte(at: offset).base64EncodedString(
            options: [.lineLength76Characters, .endLineWithCarriageReturn,
                      .endLineWithLineFeed])
        return try message.replacing(block: trimmed, with: Data(encoded.utf8))
    }

    /// The base64 body of a single-part message (application/pkcs7-mime).
    static func singlePartBody(_ message: Data) throws -> Data {
        let headerEnd = try #require(message.range(of: Data("\r\n\r\n".utf8)))
        return message.subdata(in: headerEnd.upperBound..<message.endIndex)
    }
}
