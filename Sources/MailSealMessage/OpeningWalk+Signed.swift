import Foundation
import MailSealMIME
import MailSealSMIME

/// `multipart/signed`, for both PGP/MIME (RFC 3156 s5) and S/MIME (RFC 8551 s3.5.3).
extension OpeningWalk {
    func openSigned(_ entity: MIMEEntity, path: [Int], whole: Bool, depth: Int) throws
        -> MIMEEntity
    {
        let proto = entity.contentType[parameter: "protocol"]?.lowercased() ?? "(none)"
        guard case .multipart(let multipart) = entity.body, multipart.parts.count == 2 else {
            warnings.append("part \(Self.partName(path)): multipart/signed without exactly "
                + "two parts; its signature cannot be checked")
            return try unwrapFirstPart(entity, path: path, depth: depth)
        }
        try enterLayer()

        let signedPart = multipart.parts[0]
        // The signature covers the part's bytes exactly as sent, in canonical CRLF form;
        // the CRLF before the boundary belongs to the boundary (RFC 2046 s5.1.1).
        let signedBytes = LineEndings.canonical(signedPart.rawBytes ?? signedPart.serialized())
        let signature = try multipart.parts[1].decodedBody()

        switch proto {
        case PGPMIMEFraming.signatureProtocol:
            checkOpenPGP(signedBytes, signature: signature, path: path, whole: whole)
        case "application/pkcs7-signature", "application/x-pkcs7-signature":
            try checkSMIME(signature, detachedContent: signedBytes, path: path, whole: whole)
        default:
            warnings.append("part \(Self.partName(path)): signature protocol \(proto) "
                + "is not known; the signature was not checked")
        }

        adoptProtectedHeader(of: signedPart, whole: whole)
        return try unwrap(signedPart, path: path + [1], whole: whole, depth: depth + 1)
    }

    private func checkOpenPGP(_ signed: Data, signature: Data, path: [Int], whole: Bool) {
        do {
            let results = try keyring.openPGP.verifyDetached(
                signedData: signed, signature: signature)
            for result in results {
                signatures.append(report(result, path: path + [1], whole: whole))
            }
            if results.contains(where: { $0.status == .unknownKey }) {
                unknownSignerChecks.append(.detached(signed: signed, signature: signature))
            }
        } catch {
            signatures.append(SignatureReport(
                method: .pgp, status: .error, fingerprint: nil, signerAddresses: [],
                signingTime: nil, matchesFrom: false, coverage: whole ? .entire : .partial,
                part: Self.partName(path + [1]), details: ["\(error)"]))
        }
    }

    private func unwrapFirstPart(_ entity: MIMEEntity, path: [Int], depth: Int) throws
        -> MIMEEntity
    {
        guard case .multipart(let multipart) = entity.body, let first = multipart.parts.first
        else { return entity }
        return try unwrap(first, path: path + [1], whole: false, depth: depth + 1)
    }
}
