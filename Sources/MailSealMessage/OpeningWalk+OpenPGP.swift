import Foundation
import MailSealMIME
import MailSealOpenPGP

/// PGP/MIME (RFC 3156) and inline OpenPGP layers.
extension OpeningWalk {
    /// `multipart/encrypted; protocol="application/pgp-encrypted"` (RFC 3156 s4).
    func openPGPEncrypted(_ entity: MIMEEntity, path: [Int], whole: Bool, depth: Int) throws
        -> MIMEEntity
    {
        let proto = entity.contentType[parameter: "protocol"]?.lowercased()
        guard proto == PGPMIMEFraming.encryptedProtocol,
              case .multipart(let multipart) = entity.body, multipart.parts.count >= 2
        else {
            warnings.append("part \(Self.partName(path)): multipart/encrypted with protocol "
                + "\(proto ?? "(none)") is not PGP/MIME; left as it is")
            return entity
        }
        try enterLayer()

        let ciphertext = try multipart.parts[1].decodedBody()
        let decryption = try decrypt(ciphertext)
        recordDecryption(decryption, of: ciphertext, path: path, whole: whole)

        let inner = try decryptedEntity(decryption.plaintext, path: path)
        adoptProtectedHeader(of: inner, whole: whole)
        return try unwrap(inner, path: path, whole: whole, depth: depth + 1)
    }

    /// `text/plain` holding an inline OpenPGP block (armored message or cleartext signature).
    func openInlinePGP(_ entity: MIMEEntity, path: [Int], whole: Bool, depth: Int) throws
        -> MIMEEntity
    {
        guard case .leaf = entity.body, let body = try? entity.decodedBody(),
              let block = InlinePGPBlock.find(in: body)
        else { return entity }
        try enterLayer()

        let coversAll = whole && block.isWholeBody
        let plaintext: Data
        switch block.kind {
        case .message:
            let decryption = try decrypt(block.bytes)
            recordDecryption(decryption, of: block.bytes, path: path, whole: coversAll)
            plaintext = decryption.plaintext
        case .signedMessage:
            let verified: (plaintext: Data, signatures: [OpenPGPSignature])
            do {
                verified = try keyring.openPGP.verifyInline(block.bytes)
            } catch {
                throw MessageError(.cryptoFailure, "cannot check the inline signature: \(error)")
            }
            for signature in verified.signatures {
                signatures.append(report(signature, path: path, whole: coversAll))
            }
            if verified.signatures.contains(where: { $0.status == .unknownKey }) {
                unknownSignerChecks.append(.inline(block.bytes))
            }
            plaintext = verified.plaintext
        }

        let text = block.replacing(in: body, with: plaintext)
        var header = Header()
        for field in entity.header.fields
        where field.name.lowercased() != "content-transfer-encoding" {
            header.append(field.name, field.value)
        }
        header.remove("Content-Type")
        return MIMEEntity.leaf(
            ContentType("text", "plain", parameters: [("charset", "utf-8")]),
            body: text, header: header)
    }

    /// RFC 3156 s4 wants a MIME entity inside, but some senders encrypt bare text: that
    /// is shown as the RFC 2045 s5.2 default, text/plain, with a warning, not refused.
    private func decryptedEntity(_ plaintext: Data, path: [Int]) throws -> MIMEEntity {
        do {
            return try MIMEParser().parse(plaintext)
        } catch let error as MIMEError where error.code == .notMIME {
            warnings.append("part \(Self.partName(path)): the decrypted content is not a "
                + "MIME entity (RFC 3156 s4); shown as it is")
            let type = String(data: plaintext, encoding: .utf8) == nil
                ? ContentType("application", "octet-stream")
                : ContentType("text", "plain", parameters: [("charset", "utf-8")])
            return MIMEEntity.leaf(type, body: plaintext)
        } catch {
            throw MessageError(
                .malformedMessage, "the decrypted content is not a MIME entity: \(error)")
        }
    }

    private func decrypt(_ ciphertext: Data) throws -> OpenPGPDecryption {
        do {
            return try keyring.openPGP.decrypt(
                ciphertext,
                allowMissingIntegrityProtection: opener.allowMissingIntegrityProtection)
        } catch let error as OpenPGPError {
            let code: MessageError.Code
            switch error.code {
            case .noSecretKeyForRecipient: code = .noDecryptionKey
            case .unsupportedMessageFormat: code = .unsupported
            case .malformedData: code = .malformedMessage
            default: code = .cryptoFailure
            }
            throw MessageError(code, "cannot decrypt the OpenPGP message: \(error)")
        }
    }

    private func recordDecryption(
        _ decryption: OpenPGPDecryption, of ciphertext: Data, path: [Int], whole: Bool
    ) {
        encryption.append(EncryptionLayer(
            method: .pgp, cipher: decryption.cipher,
            integrityProtected: decryption.integrityProtected,
            coverage: whole ? .entire : .partial))
        if !decryption.integrityProtected {
            warnings.append("the OpenPGP message has no integrity protection (no MDC): "
                + "it may have been altered")
        }
        for signature in decryption.signatures {
            signatures.append(report(signature, path: path, whole: whole))
        }
        if decryption.signatures.contains(where: { $0.status == .unknownKey }) {
            unknownSignerChecks.append(.encrypted(ciphertext))
        }
    }

    /// A GPGME signature result in the report's terms.
    func report(_ signature: OpenPGPSignature, path: [Int], whole: Bool) -> SignatureReport {
        var details: [String] = []
        let status: SignatureReport.Status
        switch signature.status {
        case .good where signature.wrongKeyUsage:
            status = .bad
            details.append("made with a key that is not allowed to sign")
        case .good: status = .good
        case .bad: status = .bad
        case .unknownKey:
            status = .unknownKey
            details.append("the signing key \(signature.fingerprint) is not available")
        case .expiredKey: status = .expiredKey
        case .revokedKey: status = .revokedKey
        case .expiredSignature:
            status = .expiredKey
            details.append("the signature itself has expired")
        case .error(let reason):
            status = .error
            details.append(reason)
        }
        if let hash = signature.hashAlgorithm { details.append("hash \(hash)") }
        return SignatureReport(
            method: .pgp, status: status,
            fingerprint: signature.primaryFingerprint ?? signature.fingerprint,
            signerAddresses: signature.signerAddresses, signingTime: signature.created,
            matchesFrom: false, coverage: whole ? .entire : .partial,
            part: Self.partName(path), details: details)
    }
}
