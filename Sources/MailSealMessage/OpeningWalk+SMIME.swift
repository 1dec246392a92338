import Foundation
import MailSealKeys
import MailSealMIME
import MailSealSMIME

/// S/MIME layers: `application/pkcs7-mime` enveloped, authEnveloped and opaque signed
/// data (RFC 8551 s3.3, s3.5.2; RFC 5083), and detached signatures.
extension OpeningWalk {
    func openPKCS7(_ entity: MIMEEntity, path: [Int], whole: Bool, depth: Int) throws
        -> MIMEEntity
    {
        let der: Data
        do {
            der = try entity.decodedBody()
        } catch {
            throw MessageError(.malformedMessage, "the S/MIME part is not valid base64: \(error)")
        }
        try enterLayer()

        switch CMS.kind(of: der) {
        case .envelopedData, .authEnvelopedData:
            let decryption = try decryptSMIME(der)
            encryption.append(EncryptionLayer(
                method: .smime, cipher: decryption.algorithm.displayName,
                integrityProtected: decryption.isAuthenticated,
                coverage: whole ? .entire : .partial))
            let inner = try parseInner(decryption.content, what: "decrypted S/MIME content")
            adoptProtectedHeader(of: inner, whole: whole)
            return try unwrap(inner, path: path, whole: whole, depth: depth + 1)
        case .signedData:
            let content = try checkSMIME(der, detachedContent: nil, path: path, whole: whole)
            let inner = try parseInner(content, what: "signed S/MIME content")
            adoptProtectedHeader(of: inner, whole: whole)
            return try unwrap(inner, path: path, whole: whole, depth: depth + 1)
        case .notCMS:
            throw MessageError(
                .malformedMessage, "part \(Self.partName(path)) is not a CMS object: its "
                    + "content is damaged, truncated or not base64")
        default:
            throw MessageError(
                .unsupported, "part \(Self.partName(path)) is a CMS object that is neither "
                    + "signed nor enveloped data")
        }
    }

    /// Tries each certificate with a private key that the message is encrypted to,
    /// unlocking only those keys; the first that decrypts wins.
    private func decryptSMIME(_ der: Data) throws -> CMSDecryption {
        let withKeys = try keyring.smime.certificatesWithPrivateKey()
        let recipients: [Certificate]
        do {
            recipients = try withKeys.filter { try CMS.isEncrypted(der, to: $0) }
        } catch {
            throw MessageError(.cryptoFailure, "cannot decrypt the S/MIME message: \(error)")
        }
        let noKey = MessageError(
            .noDecryptionKey, "no private key for any recipient of this S/MIME message "
                + "(\(withKeys.count) certificate(s) with a key in the home)")
        guard !recipients.isEmpty else { throw noKey }

        var locked: [String] = []
        var failures: [String] = []
        for certificate in recipients {
            do {
                guard let key = try keyring.smime.privateKey(for: certificate) else { continue }
                return try CMS.decrypt(der, key: key, certificate: certificate)
            } catch let error as SMIMEError where error.code == .wrongPassphrase {
                locked.append(error.reason)
            } catch {
                failures.append("\(error)")
            }
        }
        if !failures.isEmpty {
            throw MessageError(
                .cryptoFailure,
                "cannot decrypt the S/MIME message: " + (failures + locked).joined(separator: "; "))
        }
        if !locked.isEmpty {
            throw MessageError(.wrongPassphrase, locked.joined(separator: "; "))
        }
        throw noKey
    }

    /// Verifies a CMS SignedData and reports each signer; returns the signed content.
    @discardableResult
    func checkSMIME(_ der: Data, detachedContent: Data?, path: [Int], whole: Bool) throws
        -> Data
    {
        let verification: CMSVerification
        do {
            verification = try CMS.verify(
                der, detachedContent: detachedContent,
                trustAnchors: try keyring.trustAnchors(), at: opener.now)
        } catch {
            let part = detachedContent == nil ? path : path + [1]
            signatures.append(SignatureReport(
                method: .smime, status: .error, fingerprint: nil, signerAddresses: [],
                signingTime: nil, matchesFrom: false, coverage: whole ? .entire : .partial,
                part: Self.partName(part), details: ["\(error)"]))
            guard let detachedContent else {
                throw MessageError(.malformedMessage, "cannot read the S/MIME signature: \(error)")
            }
            return detachedContent
        }

        let part = detachedContent == nil ? path : path + [1]
        for signer in verification.signers {
            signatures.append(SMIMESignatureReport.make(
                signer, part: Self.partName(part), whole: whole))
            remember(signer)
        }
        return verification.content
    }

    /// RFC 8551 s2.5.2: keep what an intact signer announced it can decrypt.
    ///
    /// Only from a good signature by a certificate that chains to a trust anchor now:
    /// anyone can sign with a made-up certificate for someone else's address.
    private func remember(_ signer: CMSSigner) {
        guard signer.signatureIntact, signer.chainNow == .valid,
              let certificate = signer.certificate, !signer.capabilities.isEmpty
        else { return }
        for address in certificate.emailAddresses {
            try? keyring.capabilities.record(
                signer.capabilities, for: address,
                signedAt: min(signer.signingTime ?? opener.now, opener.now))
        }
    }
}
