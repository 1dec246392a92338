import MailSealMIME

/// Header protection for cryptographically protected messages (RFC 9788).
///
/// The real header fields travel inside the protected payload; the outer header keeps
/// what transport needs. An encrypted message's outer Subject becomes `[...]`
/// (the `hcp_baseline` policy of RFC 9788 s3.1), and Comments and Keywords stay inside.
enum HeaderProtection {
    /// The outer Subject of an encrypted message (RFC 9788 s3.1).
    static let obscuredSubject = "[...]"

    /// Fields that must not reach any recipient: Bcc names people hidden from the others.
    static let neverSent: Set<String> = ["bcc"]

    /// Fields `hcp_baseline` removes from the outside of an encrypted message.
    private static let removedWhenEncrypted: Set<String> = ["comments", "keywords"]

    /// Whether a field describes the body (Content-*, MIME-Version) rather than the message.
    static func isContentField(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return lowered.hasPrefix("content-") || lowered == "mime-version"
    }

    /// The message's own fields: everything but the Content-* fields.
    static func messageFields(of header: Header) -> [HeaderField] {
        header.fields.filter {
            !isContentField($0.name) && !neverSent.contains($0.name.lowercased())
        }
    }

    /// The fields a sealed message shows outside, before its Content-Type is added.
    static func outerFields(of header: Header, encrypted: Bool) -> [HeaderField] {
        var fields: [HeaderField] = []
        for field in messageFields(of: header) {
            let name = field.name.lowercased()
            if encrypted, removedWhenEncrypted.contains(name) { continue }
            if encrypted, name == "subject" {
                fields.append(HeaderField(name: field.name, value: obscuredSubject))
            } else {
                fields.append(field)
            }
        }
        return fields
    }

    /// The payload that gets signed or encrypted: the body with every header field.
    ///
    /// Its Content-Type carries `hp="cipher"` or `hp="clear"` (RFC 9788 s2.1), and an
    /// encrypted payload records with HP-Outer what the outside shows (s2.2).
    static func innerPayload(of message: MIMEEntity, encrypted: Bool) -> MIMEEntity {
        var payload = message
        var header = Header()
        for field in messageFields(of: message.header) {
            header.append(field.name, field.value)
        }
        if encrypted {
            for field in outerFields(of: message.header, encrypted: true) {
                header.append("HP-Outer", "\(field.name): \(field.value)")
            }
        }

        var contentType = message.contentType
        contentType.parameters.removeAll { $0.name == "hp" }
        contentType.parameters.append(MIMEParameter("hp", encrypted ? "cipher" : "clear"))
        header.append("Content-Type", contentType.headerValue)
        for field in message.header.fields where HeaderProtection.isContentField(field.name) {
            let name = field.name.lowercased()
            if name == "content-type" || name == "mime-version" { continue }
            header.append(field.name, field.value)
        }
        payload.header = header
        payload.rawBytes = nil
        return payload
    }

    /// The header fields a reader should be shown, when `payload` carries protected ones.
    ///
    /// Returns nil when the payload does not declare header protection: RFC 9788's `hp`
    /// parameter, or the older `protected-headers="v1"` that Thunderbird and Enigmail
    /// wrote. Fields only outside (Received, Return-Path) are kept; the protected ones
    /// replace their outer namesakes.
    static func protectedFields(in payload: MIMEEntity) -> [HeaderField]? {
        let contentType = payload.contentType
        let declared = contentType[parameter: "hp"] != nil
            || contentType[parameter: "protected-headers"] != nil
        guard declared else { return nil }
        return messageFields(of: payload.header).filter {
            $0.name.lowercased() != "hp-outer"
        }
    }

    /// Fields whose outer value says something else than the protected one: a sign that
    /// the outside was changed on the way, or written to mislead (RFC 9788 s4.5).
    static func differences(outer: [HeaderField], protected: [HeaderField]) -> [String] {
        var warnings: [String] = []
        for name in ["From", "To", "Cc", "Reply-To", "Subject", "Date"] {
            let inside = protected.filter { $0.name.lowercased() == name.lowercased() }
            let outside = outer.filter { $0.name.lowercased() == name.lowercased() }
            guard !inside.isEmpty, !outside.isEmpty else { continue }
            if name == "Subject", outside.map(\.value) == [obscuredSubject] { continue }
            if inside.map(\.value) != outside.map(\.value) {
                warnings.append("the outer \(name) field differs from the protected one; "
                    + "the protected one is shown")
            }
        }
        return warnings
    }

    /// Outer fields merged with protected ones: protected names win, others stay.
    static func merge(outer: [HeaderField], protected: [HeaderField]) -> [HeaderField] {
        let protectedNames = Set(protected.map { $0.name.lowercased() })
        let kept = outer.filter { !protectedNames.contains($0.name.lowercased()) }
        return kept + protected
    }
}
