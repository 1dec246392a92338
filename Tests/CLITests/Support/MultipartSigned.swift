import Foundation
import Testing
import TestSupport

/// A multipart/signed message (RFC 1847 s2.1) cut by hand out of its bytes, and put
/// together by hand, so that the bytes under the signature are never re-serialized.
struct MultipartSigned {
    /// The first part exactly as signed: between the delimiter line and the CRLF that
    /// belongs to the next delimiter (RFC 2046 s5.1.1).
    var signedBytes: Data
    /// The body of the second part, still transfer-encoded.
    var signatureBody: Data

    private static let crlf = Data("\r\n".utf8)

    /// Cuts `message`, whose boundary Python's `email` package reads from its header.
    init(_ message: Data, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let root = try #require(
            try PythonEmail.tree(of: message)["message"], sourceLocation: sourceLocation)
        let boundary = try #require(root.params["boundary"], sourceLocation: sourceLocation)
        let delimiter = Self.crlf + Data("--\(boundary)".utf8)
        let headerEnd = try #require(
            message.range(of: Self.crlf + Self.crlf), sourceLocation: sourceLocation)

        // The body starts with the blank line's CRLF, so the first delimiter is found
        // like the others even with no preamble.
        var cursor = headerEnd.lowerBound + 2
        var bodies: [Data] = []
        while bodies.count < 2 {
            let open = try #require(
                message.range(of: delimiter, in: cursor..<message.endIndex),
                "delimiter \(bodies.count + 1)", sourceLocation: sourceLocation)
            let lineEnd = try #require(
                message.range(of: Self.crlf, in: open.upperBound..<message.endIndex),
                sourceLocation: sourceLocation)
            let next = try #require(
                message.range(of: delimiter, in: lineEnd.upperBound..<message.endIndex),
                sourceLocation: sourceLocation)
            bodies.append(message.subdata(in: lineEnd.upperBound..<next.lowerBound))
            cursor = next.lowerBound
        }
        signedBytes = bodies[0]
        let partHeaderEnd = try #require(
            bodies[1].range(of: Self.crlf + Self.crlf), sourceLocation: sourceLocation)
        signatureBody = bodies[1].subdata(in: partHeaderEnd.upperBound..<bodies[1].endIndex)
    }

    /// The signature part's body read as base64 (S/MIME).
    func signatureDER(sourceLocation: SourceLocation = #_sourceLocation) throws -> Data {
        try #require(
            Data(base64Encoded: signatureBody, options: .ignoreUnknownCharacters),
            sourceLocation: sourceLocation)
    }

    /// A whole message: `from`, `subject`, then a multipart/signed whose first part is
    /// `signed` byte for byte and whose second part carries `signature`.
    static func compose(
        signed: Data, signature: Data, protocol proto: String, micalg: String,
        subject: String, from: String = "Alice Example <alice@example.org>"
    ) -> Data {
        let boundary = "peer-\(UUID().uuidString)"
        let base64 = proto.contains("pkcs7")
        let signatureType = base64
            ? "\(proto); name=smime.p7s\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=smime.p7s"
            : proto
        let signatureBody = base64
            ? Data(signature.base64EncodedString(options: [.lineLength76Characters,
                                                             .endLineWithCarriageReturn,
                                                             .endLineWithLineFeed]).utf8)
            : signature

        var message = Data(("From: \(from)\r\nTo: Bob Example <bob@example.org>\r\n"
            + "Subject: \(subject)\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/signed; protocol=\"\(proto)\"; micalg=\(micalg);\r\n"
            + " boundary=\"\(boundary)\"\r\n\r\n"
            + "This is an OpenPGP/MIME or S/MIME signed message.\r\n"
            + "--\(boundary)\r\n").utf8)
        message += signed
        message += Data("\r\n--\(boundary)\r\nContent-Type: \(signatureType)\r\n\r\n".utf8)
        message += signatureBody
        message += Data("\r\n--\(boundary)--\r\n".utf8)
        return message
    }
}

extension Data {
    /// A copy with the byte at `offset` changed (negative: counted from the end).
    func flippingByte(at offset: Int) -> Data {
        var copy = self
        let index = offset >= 0 ? copy.startIndex + offset : copy.endIndex + offset
        copy[index] ^= 0x01
        return copy
    }

    /// The bytes as text, for `contains` checks.
    var text: String { String(decoding: self, as: UTF8.self) }
}
