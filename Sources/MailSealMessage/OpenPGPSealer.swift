import Foundation
import MailSealKeys
import MailSealMIME
import MailSealOpenPGP

/// Seals a message with OpenPGP in PGP/MIME framing (RFC 3156).
struct OpenPGPSealer {
    let keyring: Keyring
    let resolver: RecipientResolver

    func seal(_ message: MIMEEntity, request: SealRequest, sender: String?) throws
        -> SealedMessage
    {
        let signer = try request.sign ? signingKey(for: sender) : nil
        guard request.encrypt else {
            return try signOnly(message, signer: signer!)
        }

        var notes: [String] = []
        var recipients = try recipientKeys(request.recipients)
        if let sender, !recipients.contains(where: { $0.address == sender }) {
            switch resolver.openPGPKey(for: sender) {
            case .success(let key):
                recipients.append(SealedRecipient(
                    address: sender, fingerprint: key.fingerprint, isSender: true))
            case .failure(let error):
                notes.append("the sender's own copy will not be readable: \(error)")
            }
        }

        // RFC 3156 s6.2: signing and encrypting in one OpenPGP message.
        let payload = HeaderProtection.innerPayload(of: message, encrypted: true)
        let ciphertext = try keyring.openPGP.encrypt(
            payload.serialized(), recipients: recipients.map(\.fingerprint),
            signer: signer?.fingerprint, armored: true)
        let entity = PGPMIMEFraming.encrypted(armoredCiphertext: ciphertext)
        return SealedMessage(
            data: OuterMessage.assemble(original: message, protected: entity, encrypted: true),
            method: .pgp, recipients: recipients, cipher: nil,
            signer: signer?.fingerprint, notes: notes)
    }

    private func signOnly(_ message: MIMEEntity, signer: OpenPGPKey) throws -> SealedMessage {
        let payload = HeaderProtection.innerPayload(of: message, encrypted: false)
        let prepared = try SignedPayload.prepare(payload)
        let signature = try keyring.openPGP.signDetached(
            prepared.bytes, signer: signer.fingerprint, armored: true)
        let entity = PGPMIMEFraming.signed(
            signedPart: prepared.entity, armoredSignature: signature.signature,
            micalg: signature.micalg)
        return SealedMessage(
            data: OuterMessage.assemble(original: message, protected: entity, encrypted: false),
            method: .pgp, recipients: [], cipher: nil, signer: signer.fingerprint, notes: [])
    }

    private func recipientKeys(_ addresses: [String]) throws -> [SealedRecipient] {
        try resolver.resolveAll(addresses, resolver.openPGPKey(for:)).map {
            SealedRecipient(address: $0.address, fingerprint: $0.key.fingerprint, isSender: false)
        }
    }

    private func signingKey(for sender: String?) throws -> OpenPGPKey {
        guard let sender else {
            throw MessageError(.invalidRequest, "no sender to sign as; use --from")
        }
        do {
            return try keyring.openPGP.usableKey(forAddress: sender, purpose: .sign)
        } catch {
            throw MessageError(.noSigningKey, "cannot sign as \(sender): \(error)")
        }
    }
}
