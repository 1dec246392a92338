import Foundation

extension MIMEEntity {
    /// The body with its transfer encoding undone: base64, quoted-printable, or 7bit, 8bit
    /// and binary as they stand. For message/rfc822 it is the embedded message, serialized.
    /// - Throws: `.notALeaf` for a multipart, `.unsupportedTransferEncoding` for an encoding
    ///   RFC 2045 does not define (uuencode, for example), `.badBase64` never in practice:
    ///   decoding is lenient.
    public func decodedBody() throws -> Data {
        switch body {
        case .multipart:
            throw MIMEError(.notALeaf, "A multipart has no body of its own; decode its parts.")
        case .message(let message):
            return message.serialized()
        case .leaf(let encoded):
            if let value = header["Content-Transfer-Encoding"],
               TransferEncoding(headerValue: value) == nil {
                let name = ASCII.trimmingWhitespace(value).prefix(40)
                throw MIMEError(.unsupportedTransferEncoding, "The Content-Transfer-Encoding "
                    + "\"\(name)\" is not one of RFC 2045's; the body cannot be decoded.")
            }
            return try contentTransferEncoding.decode(encoded)
        }
    }

    /// The decoded body as text in the charset its Content-Type names (US-ASCII when it
    /// names none, RFC 2045 s5.2). Mislabelled US-ASCII and ISO-8859-1 are read as UTF-8 or
    /// windows-1252, as mail readers do.
    /// - Throws: `.unsupportedCharset` for a charset this platform cannot convert,
    ///   `.badEncoding` when the bytes are not valid in the charset.
    public func text() throws -> String {
        let bytes = try decodedBody()
        let charset = contentType.charset ?? "us-ascii"
        guard Charset.isSupported(charset) else {
            if let text = String(validating: bytes, as: UTF8.self), !bytes.contains(0x1B) {
                return text
            }
            throw MIMEError(.unsupportedCharset, "The text is in the charset "
                + "\"\(charset.prefix(40))\", which cannot be converted here.")
        }
        guard let text = Charset.decode(bytes, charset: charset) else {
            throw MIMEError(.badEncoding, "The text is not valid \(charset.prefix(40)).")
        }
        return text
    }
}
