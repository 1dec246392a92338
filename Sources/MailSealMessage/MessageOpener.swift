import Foundation
import MailSealKeys
import MailSealMIME

/// Opens a received message: peels every cryptographic layer, checks every signature,
/// and reports what was proven over which part.
public struct MessageOpener {
    public let keyring: Keyring
    /// Accept OpenPGP data without integrity protection (no MDC); refused by default.
    public var allowMissingIntegrityProtection = false
    /// The time certificates are checked at, besides the signing time.
    public var now = Date()

    public init(keyring: Keyring) {
        self.keyring = keyring
    }

    /// Opens the RFC 5322 message in `data`.
    public func open(_ data: Data) throws -> OpenedMessage {
        let root: MIMEEntity
        do {
            root = try MIMEParser().parse(data)
        } catch {
            // The parser's reason, not where in the parser it was raised.
            let reason = (error as? MIMEError)?.reason ?? "\(error)"
            throw MessageError(.malformedMessage, "not a readable message: \(reason)")
        }

        let walk = OpeningWalk(opener: self)
        let inner = try walk.unwrap(root, path: [], whole: true, depth: 0)

        let outerFields = HeaderProtection.messageFields(of: root.header)
        let shownFields = walk.protectedFields.map {
            HeaderProtection.merge(outer: outerFields, protected: $0)
        } ?? outerFields
        var shownHeader = Header()
        for field in shownFields { shownHeader.append(field.name, field.value) }

        let sender = SenderAddress.of(shownHeader)
        if let problem = sender.problem { walk.warnings.append(problem) }
        if let protected = walk.protectedFields {
            walk.warnings += HeaderProtection.differences(outer: outerFields, protected: protected)
        }
        let report = walk.report(fromAddress: sender.address)
        let autocrypt = autocryptKey(
            outer: root.header, protected: walk.protectedFields, fromAddress: sender.address,
            walk: walk)
        return OpenedMessage(
            report: report, header: shownHeader, body: inner, autocryptKey: autocrypt)
    }
}

/// A message with its cryptographic layers removed, and the report of what they proved.
public struct OpenedMessage: Sendable {
    public var report: OpenReport
    /// The header fields to show: the protected ones where the message had them.
    public var header: Header
    /// The content, with Content-* fields of its own.
    public var body: MIMEEntity
    /// A new key from the Autocrypt header that this message's signature vouches for;
    /// not imported: the caller decides, and records where it came from.
    public var autocryptKey: AutocryptKey?

    /// The opened message as RFC 5322 bytes, canonical CRLF.
    public func serialized() -> Data {
        var message = body
        var header = self.header
        header.append("MIME-Version", "1.0")
        for field in body.header.fields where HeaderProtection.isContentField(field.name) {
            switch field.name.lowercased() {
            case "mime-version":
                continue
            case "content-type":
                // Once opened, the message no longer travels protected: drop `hp`.
                var contentType = body.contentType
                contentType.parameters.removeAll { $0.name == "hp" }
                header.append(field.name, contentType.headerValue)
            default:
                header.append(field.name, field.value)
            }
        }
        message.header = header
        message.rawBytes = nil
        return message.serialized()
    }
}
