import Foundation
import MailSealMIME

/// Puts an entity in the form that survives transport unchanged, before it is signed.
///
/// RFC 3156 s5 and RFC 8551 s3.1: signed data must be 7-bit, with CRLF line endings,
/// and should not carry trailing whitespace that relays may strip. Leaves that are not
/// are re-encoded (quoted-printable for text, base64 otherwise).
enum SignedPayload {
    /// The longest line RFC 5322 s2.1.1 allows, without its CRLF.
    private static let maximumLineLength = 998

    /// Returns the canonical bytes to sign and the entity parsed back from exactly them.
    static func prepare(_ entity: MIMEEntity) throws -> (entity: MIMEEntity, bytes: Data) {
        let safe = try sevenBit(entity, depth: 0)
        let bytes = safe.serialized()
        let parsed = try MIMEParser().parse(bytes)
        return (parsed, bytes)
    }

    private static func sevenBit(_ entity: MIMEEntity, depth: Int) throws -> MIMEEntity {
        guard depth < 64 else {
            throw MessageError(.malformedMessage, "the message nests too deeply to sign")
        }
        var result = entity
        switch entity.body {
        case .leaf(let encoded):
            guard needsReencoding(entity, encoded) else { return entity }
            let decoded = try entity.decodedBody()
            let isText = entity.contentType.type == "text"
            let encoding: TransferEncoding = isText ? .quotedPrintable : .base64
            let body = isText ? QuotedPrintable.encode(decoded) : Base64.encode(decoded)
            result.header.set("Content-Transfer-Encoding", encoding.rawValue)
            result.body = .leaf(body)
        case .multipart(var multipart):
            multipart.parts = try multipart.parts.map { try sevenBit($0, depth: depth + 1) }
            result.body = .multipart(multipart)
        case .message(let inner):
            // The forwarded message's own parts are re-encoded, so it stays 7-bit too.
            result.body = .message(try sevenBit(inner, depth: depth + 1))
        }
        result.rawBytes = nil
        return result
    }

    private static func needsReencoding(_ entity: MIMEEntity, _ encoded: Data) -> Bool {
        switch entity.contentTransferEncoding {
        case .base64, .quotedPrintable: return false
        case .eightBit, .binary: return true
        case .sevenBit: break
        }

        var lineLength = 0
        var previous: UInt8 = 0
        for byte in encoded {
            if byte >= 0x80 || byte == 0 { return true }
            if byte == UInt8(ascii: "\n") {
                if previous == UInt8(ascii: " ") || previous == UInt8(ascii: "\t") {
                    return true
                }
                lineLength = 0
            } else if byte != UInt8(ascii: "\r") {
                lineLength += 1
                if lineLength > maximumLineLength { return true }
            }
            if byte != UInt8(ascii: "\r") { previous = byte }
        }
        return false
    }
}
