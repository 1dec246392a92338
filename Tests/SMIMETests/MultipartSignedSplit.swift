import Foundation

/// The two parts of a multipart/signed message (RFC 1847 s2.1), cut out of the raw
/// bytes without a MIME parser: the signed part exactly as signed, and the signature.
///
/// This is deliberately small; the real MIME code lives elsewhere. It canonicalises
/// line ends to CRLF first, as RFC 8551 s3.1.1 requires before signing or verifying.
struct MultipartSigned {
    var headers: String
    var signedContent: Data
    var signatureHeaders: String
    var signature: Data

    init(raw: Data) throws {
        let text = Self.canonical(raw)
        let crlf = Data("\r\n".utf8)

        guard let headerEnd = text.range(of: Data("\r\n\r\n".utf8)) else {
            throw SplitError.noHeaderEnd
        }
        headers = String(decoding: text[..<headerEnd.lowerBound], as: UTF8.self)
        let boundary = try Self.boundary(in: headers)

        // Every delimiter, the first included, starts after a CRLF (RFC 2046 s5.1.1);
        // the CRLF before it belongs to the delimiter, not to the part.
        let delimiter = crlf + Data("--\(boundary)".utf8)
        let bodyStart = headerEnd.lowerBound
        guard let first = text.range(of: delimiter, in: bodyStart..<text.endIndex),
              let firstLineEnd = text.range(of: crlf, in: first.upperBound..<text.endIndex),
              let second = text.range(of: delimiter, in: firstLineEnd.upperBound..<text.endIndex),
              let secondLineEnd = text.range(of: crlf, in: second.upperBound..<text.endIndex),
              let close = text.range(
                  of: delimiter + Data("--".utf8), in: secondLineEnd.upperBound..<text.endIndex)
        else { throw SplitError.missingDelimiter(boundary) }

        signedContent = text.subdata(in: firstLineEnd.upperBound..<second.lowerBound)
        let signaturePart = text.subdata(in: secondLineEnd.upperBound..<close.lowerBound)
        guard let partHeaderEnd = signaturePart.range(of: Data("\r\n\r\n".utf8)) else {
            throw SplitError.noHeaderEnd
        }
        signatureHeaders = String(
            decoding: signaturePart[..<partHeaderEnd.lowerBound], as: UTF8.self)
        let base64 = String(
            decoding: signaturePart[partHeaderEnd.upperBound...], as: UTF8.self)
        guard let decoded = Data(base64Encoded: base64, options: .ignoreUnknownCharacters)
        else { throw SplitError.badBase64 }
        signature = decoded
    }

    /// The value of a top-level header field, unfolded.
    func header(_ name: String) -> String? {
        let unfolded = headers.replacingOccurrences(of: "\r\n ", with: " ")
            .replacingOccurrences(of: "\r\n\t", with: " ")
        for line in unfolded.components(separatedBy: "\r\n") {
            let prefix = name.lowercased() + ":"
            if line.lowercased().hasPrefix(prefix) {
                return line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    enum SplitError: Error { case noHeaderEnd, noBoundary, missingDelimiter(String), badBase64 }

    /// Lone LF becomes CRLF; existing CRLF stays.
    private static func canonical(_ raw: Data) -> Data {
        var output = Data(capacity: raw.count + raw.count / 40)
        var previous: UInt8 = 0
        for byte in raw {
            if byte == 0x0A, previous != 0x0D { output.append(0x0D) }
            output.append(byte)
            previous = byte
        }
        return output
    }

    private static func boundary(in headers: String) throws -> String {
        let unfolded = headers.replacingOccurrences(of: "\r\n ", with: " ")
        guard let range = unfolded.range(of: "boundary=\"") else { throw SplitError.noBoundary }
        let rest = unfolded[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { throw SplitError.noBoundary }
        return String(rest[..<end])
    }
}

/// thunderbird-signed.eml from the shared vectors, split.
struct ThunderbirdMessage {
    var parts: MultipartSigned
    var signedContent: Data { parts.signedContent }
    var signature: Data { parts.signature }

    init() throws {
        parts = try MultipartSigned(raw: SMIMEVector.data("thunderbird-signed.eml"))
    }

    /// The address inside the From field's angle brackets.
    var fromAddress: String? {
        guard let from = parts.header("From"), let open = from.firstIndex(of: "<"),
              let close = from.firstIndex(of: ">")
        else { return nil }
        return String(from[from.index(after: open)..<close]).lowercased()
    }

    /// The Date field as an instant.
    var date: Date? {
        guard let value = parts.header("Date") else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.date(from: value)
    }
}
