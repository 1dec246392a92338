import Foundation
import MailSealKeys
import MailSealMIME
import MailSealOpenPGP
import MailSealSMIME

/// Seals an ordinary message: header protection, then signing and encryption with
/// PGP/MIME (RFC 3156) or S/MIME (RFC 8551) framing.
public struct MessageSealer {
    public let keyring: Keyring
    public var now = Date()

    public init(keyring: Keyring) {
        self.keyring = keyring
    }

    /// Seals the RFC 5322 message in `data` as `request` asks.
    public func seal(_ data: Data, request: SealRequest) throws -> SealedMessage {
        let message: MIMEEntity
        do {
            message = try MIMEParser().parse(data)
        } catch {
            // The parser's reason, not where in the parser it was raised.
            let reason = (error as? MIMEError)?.reason ?? "\(error)"
            throw MessageError(.malformedMessage, "not a readable message: \(reason)")
        }
        guard request.encrypt || request.sign else {
            throw MessageError(.invalidRequest, "nothing to do: neither encrypt nor sign")
        }
        if request.encrypt, request.recipients.isEmpty {
            throw MessageError(.invalidRequest, "no recipients to encrypt to (use --to)")
        }

        let sender = try senderAddress(of: message, request: request)
        let resolver = RecipientResolver(keyring: keyring, now: now)
        let method = try request.method
            ?? (request.encrypt
                ? resolver.commonMethod(for: request.recipients)
                : signingMethod(for: sender))

        var sealed: SealedMessage
        switch method {
        case .pgp:
            sealed = try OpenPGPSealer(keyring: keyring, resolver: resolver)
                .seal(message, request: request, sender: sender)
        case .smime:
            sealed = try SMIMESealer(keyring: keyring, resolver: resolver)
                .seal(message, request: request, sender: sender)
        }
        sealed.notes += advisories(message, request: request, sender: sender)
        return sealed
    }

    /// What the sender should hear about the header: Bcc dropped, addressees who were
    /// not made recipients and so cannot read the message.
    private func advisories(_ message: MIMEEntity, request: SealRequest, sender: String?)
        -> [String]
    {
        var notes: [String] = []
        if message.header.contains("Bcc") {
            notes.append("the Bcc field was removed: it would show every recipient who "
                + "was hidden")
        }
        guard request.encrypt else { return notes }
        let recipients = Set(request.recipients.map { $0.lowercased() })
            .union([sender].compactMap { $0 })
        let addressed = (message.header.values("To") + message.header.values("Cc"))
            .flatMap(MailAddress.parseList).map { $0.address.lowercased() }
        for address in Set(addressed).subtracting(recipients).sorted() {
            notes.append("\(address) is in To or Cc but not a recipient (--to): "
                + "they will not be able to read the message")
        }
        return notes
    }

    /// The address the message is from: `--from`, else the From header field.
    private func senderAddress(of message: MIMEEntity, request: SealRequest) throws -> String? {
        if let sender = request.sender { return sender.lowercased() }
        let from = message.header["From"].map(MailAddress.parseList) ?? []
        if let address = from.first?.address { return address }
        if request.sign {
            throw MessageError(.invalidRequest, "the message has no From address; use --from")
        }
        return nil
    }

    /// For a message that is only signed: the method the sender has a signing key for.
    private func signingMethod(for sender: String?) throws -> CryptoMethod {
        guard let sender else {
            throw MessageError(.invalidRequest, "no sender to sign as; use --from")
        }
        // Whether a key is there, not whether it unlocks: a wrong passphrase is reported
        // when signing, not hidden behind another method.
        if (try? keyring.smime.certificateWithPrivateKey(forAddress: sender)) != nil {
            return .smime
        }
        if (try? keyring.openPGP.usableKey(forAddress: sender, purpose: .sign)) != nil {
            return .pgp
        }
        throw MessageError(
            .noSigningKey, "no S/MIME certificate with a private key and no OpenPGP "
                + "secret key to sign as \(sender)")
    }
}

/// Puts the sealed entity under the outer header and serializes the whole message.
enum OuterMessage {
    static func assemble(
        original: MIMEEntity, protected entity: MIMEEntity, encrypted: Bool
    ) -> Data {
        var header = Header()
        for field in HeaderProtection.outerFields(of: original.header, encrypted: encrypted) {
            header.append(field.name, field.value)
        }
        header.append("MIME-Version", "1.0")
        // Content-Type first among the Content-* fields, as readers expect.
        let contentFields = entity.header.fields.sorted {
            ($0.name.lowercased() == "content-type" ? 0 : 1)
                < ($1.name.lowercased() == "content-type" ? 0 : 1)
        }
        for field in contentFields { header.append(field.name, field.value) }

        var message = entity
        message.header = header
        message.rawBytes = nil
        return message.serialized()
    }
}
