import Foundation

extension MIMEEntity {
    /// A leaf entity holding `body`, transfer-encoded.
    ///
    /// Text (`text/*`) is first made canonical (CRLF line breaks, RFC 2046 s4.1.1). Without
    /// an `encoding`, 7bit is chosen when the content is ASCII in CRLF lines of at most 78
    /// characters with no trailing whitespace and no line beginning "From " (so that a
    /// signature over it survives transport, RFC 3156 s3), else quoted-printable for text
    /// and base64 for anything else.
    /// - Parameter extra: fields to put first, for example From and Subject of a message;
    ///   its Content-Type and Content-Transfer-Encoding, if any, are replaced.
    public static func leaf(
        _ contentType: ContentType, body: Data, encoding: TransferEncoding? = nil,
        header extra: Header = Header()
    ) -> MIMEEntity {
        let isText = contentType.type == "text"
        let content = isText ? LineEndings.canonical(body) : body
        let fallback: TransferEncoding = isText ? .quotedPrintable : .base64
        let chosen = encoding ?? (isPlainLines(content) ? .sevenBit : fallback)
        let encoded: Data
        switch chosen {
        case .quotedPrintable: encoded = QuotedPrintable.encode(content, binary: !isText)
        default: encoded = chosen.encode(content)
        }
        var header = extra
        header.set("Content-Type", contentType.headerValue)
        header.set("Content-Transfer-Encoding", chosen.rawValue)
        return MIMEEntity(header: header, body: .leaf(encoded))
    }

    /// A text/`subtype` leaf in UTF-8.
    public static func text(
        _ text: String, subtype: String = "plain", header extra: Header = Header()
    ) -> MIMEEntity {
        let type = ContentType("text", subtype, parameters: [("charset", Charset.utf8)])
        return leaf(type, body: Data(text.utf8), header: extra)
    }

    /// A multipart/`subtype` entity holding `parts`.
    ///
    /// The boundary is `boundary` when given, valid and absent from every part, else a
    /// random one checked the same way, so it can never occur inside a part.
    /// - Parameter parameters: more Content-Type parameters, for example `protocol` and
    ///   `micalg` of multipart/signed (RFC 1847 s2.1).
    public static func multipart(
        _ subtype: String, parameters: [(String, String)] = [], parts: [MIMEEntity],
        boundary: String? = nil, header extra: Header = Header()
    ) -> MIMEEntity {
        let chosen = MultipartBoundary.choose(preferred: boundary, for: parts)
        let type = ContentType(
            "multipart", subtype, parameters: [("boundary", chosen)] + parameters)
        var header = extra
        header.set("Content-Type", type.headerValue)
        header.remove("Content-Transfer-Encoding")
        var members = parts
        if type.subtype == "digest" {
            for index in members.indices { members[index].isDigestPart = true }
        }
        let body = MIMEMultipart(boundary: chosen, parts: members)
        return MIMEEntity(header: header, body: .multipart(body))
    }

    /// A message/rfc822 entity holding `message` (RFC 2046 s5.2.1).
    public static func message(
        _ message: MIMEEntity, header extra: Header = Header()
    ) -> MIMEEntity {
        var header = extra
        header.set("Content-Type", ContentType("message", "rfc822").headerValue)
        header.remove("Content-Transfer-Encoding")
        return MIMEEntity(header: header, body: .message(message))
    }

    /// Whether `content` may go as 7bit unchanged and survive transport and signing.
    static func isPlainLines(_ content: Data) -> Bool {
        let from = Array("From ".utf8)
        return content.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Bool in
            guard let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
                return true
            }
            var lineStart = 0
            var index = 0
            let count = buffer.count
            while index <= count {
                let atEnd = index == count
                let byte = atEnd ? 0 : base[index]
                if atEnd || byte == ASCII.cr {
                    let crlf = atEnd || (index + 1 < count && base[index + 1] == ASCII.lf)
                    if !crlf { return false }
                    let length = index - lineStart
                    if length > HeaderFolding.lineLength { return false }
                    if length > 0 && ASCII.isWhitespace(base[index - 1]) { return false }
                    if length >= 5 && memcmp(base + lineStart, from, 5) == 0 { return false }
                    index += 2
                    lineStart = index
                    continue
                }
                if byte == ASCII.lf || byte == 0 || byte >= 0x80 { return false }
                index += 1
            }
            return true
        }
    }
}
