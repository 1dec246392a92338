import Foundation
import MailSealKeys
import MailSealMIME
import MailSealSMIME

/// Seals a message with S/MIME (RFC 8551): signed, enveloped or both (signed inside).
struct SMIMESealer {
    let keyring: Keyring
    let resolver: RecipientResolver

    func seal(_ message: MIMEEntity, request: SealRequest, sender: String?) throws
        -> SealedMessage
    {
        let identity = try request.sign ? signingIdentity(for: sender) : nil
        let payload = HeaderProtection.innerPayload(of: message, encrypted: request.encrypt)
        let signed = try identity.map { try sign(payload, as: $0, opaque: request.opaqueSignature) }
        guard request.encrypt else {
            return SealedMessage(
                data: OuterMessage.assemble(
                    original: message, protected: signed!, encrypted: false),
                method: .smime, recipients: [], cipher: nil,
                signer: identity?.certificate.fingerprintSHA256, notes: [])
        }

        var notes: [String] = []
        var recipients = try recipientCertificates(request.recipients)
        if let sender, !recipients.contains(where: { $0.0.address == sender }) {
            switch resolver.certificate(for: sender) {
            case .success(let certificate):
                recipients.append((SealedRecipient(
                    address: sender, fingerprint: certificate.fingerprintSHA256,
                    isSender: true), certificate))
            case .failure(let error):
                notes.append("the sender's own copy will not be readable: \(error)")
            }
        }

        let cipher = try request.cipher ?? preferredCipher(request.recipients)
        let content = (signed ?? payload).serialized()
        let der = try CMS.encrypt(
            content, recipients: recipients.map(\.1), algorithm: cipher,
            rsaKeyTransport: request.rsaKeyTransport)
        let type: SMIMEFraming.SMIMEType = cipher.isAuthenticated
            ? .authEnvelopedData : .envelopedData
        let entity = SMIMEFraming.pkcs7MIME(der: der, type: type)
        return SealedMessage(
            data: OuterMessage.assemble(original: message, protected: entity, encrypted: true),
            method: .smime, recipients: recipients.map(\.0), cipher: cipher,
            signer: identity?.certificate.fingerprintSHA256, notes: notes)
    }

    /// AES-256-GCM when every recipient announced it in signed mail, else AES-256-CBC.
    private func preferredCipher(_ addresses: [String]) throws -> ContentEncryptionAlgorithm {
        for address in addresses {
            let announced = try keyring.capabilities.algorithms(for: address)
            if !announced.contains(.aes256GCM) { return .aes256CBC }
        }
        return .aes256GCM
    }

    private func sign(_ payload: MIMEEntity, as identity: SMIMEIdentity, opaque: Bool) throws
        -> MIMEEntity
    {
        let chain = try issuerChain(of: identity.certificate)
        if opaque {
            let der = try CMS.sign(
                payload.serialized(), signer: identity.certificate, key: identity.key,
                chain: chain, detached: false)
            return SMIMEFraming.pkcs7MIME(der: der, type: .signedData)
        }
        let prepared = try SignedPayload.prepare(payload)
        let signature = try CMS.sign(
            prepared.bytes, signer: identity.certificate, key: identity.key,
            chain: chain, detached: true)
        return SMIMEFraming.signed(
            signedPart: prepared.entity, signature: signature, micalg: "sha-256")
    }

    /// The intermediate CAs above `certificate` that the store knows, to send along.
    private func issuerChain(of certificate: Certificate) throws -> [Certificate] {
        let known = try keyring.smime.certificates() + keyring.trustAnchors()
        var chain: [Certificate] = []
        var current = certificate
        while chain.count < 8,
              let issuer = known.first(where: {
                  $0.subject == current.issuer && $0.isCA && !chain.contains($0)
              })
        {
            if issuer.isSelfSigned { break }
            chain.append(issuer)
            current = issuer
        }
        return chain
    }

    private func recipientCertificates(_ addresses: [String]) throws
        -> [(SealedRecipient, Certificate)]
    {
        try resolver.resolveAll(addresses, resolver.certificate(for:)).map {
            (SealedRecipient(
                address: $0.address, fingerprint: $0.key.fingerprintSHA256, isSender: false),
             $0.key)
        }
    }

    private func signingIdentity(for sender: String?) throws -> SMIMEIdentity {
        guard let sender else {
            throw MessageError(.invalidRequest, "no sender to sign as; use --from")
        }
        let identity: SMIMEIdentity?
        do {
            identity = try keyring.smime.identity(forAddress: sender)
        } catch let error as SMIMEError where error.code == .wrongPassphrase {
            throw MessageError(.wrongPassphrase, error.reason)
        }
        guard let identity else {
            throw MessageError(
                .noSigningKey, "no S/MIME certificate with a private key for \(sender)")
        }
        return identity
    }
}
