import Foundation
import MailSealSMIME

/// Turns one CMS signer's checks into a signature report, keeping the signature's own
/// integrity apart from the certificate's trust and validity (as Thunderbird does).
enum SMIMESignatureReport {
    static func make(_ signer: CMSSigner, part: String, whole: Bool) -> SignatureReport {
        var details: [String] = []
        let status: SignatureReport.Status

        // Without the signer's certificate nothing could be checked: that is an unknown
        // key, not an altered message.
        if signer.certificate == nil {
            status = .unknownKey
            details.append("the signer's certificate (\(signer.signerIdentifier)) is not "
                + "in the message or the home")
        } else if !signer.signatureIntact {
            status = .bad
            details.append(signer.signatureProblem
                ?? "the signed content or the signature was altered")
        } else {
            details.append("signature intact")
            details.append("chain at signing time: \(describe(signer.chainAtSigningTime))")
            details.append("chain now: \(describe(signer.chainNow))")
            status = statusNow(signer.chainNow)
        }
        details.append("digest \(signer.digestAlgorithm)")

        return SignatureReport(
            method: .smime, status: status,
            fingerprint: signer.certificate?.fingerprintSHA256,
            signerAddresses: signer.certificate?.emailAddresses ?? [],
            signingTime: signer.signingTime, matchesFrom: false,
            coverage: whole ? .entire : .partial, part: part, details: details)
    }

    private static func statusNow(_ chain: ChainStatus) -> SignatureReport.Status {
        switch chain {
        case .valid: .good
        case .expired: .expiredCertificate
        default: .untrustedCertificate
        }
    }

    static func describe(_ chain: ChainStatus) -> String {
        switch chain {
        case .valid: "valid"
        case .expired(let subject, let notAfter):
            "\(subject) expired on \(ReportDate.day(notAfter))"
        default: "\(chain)"
        }
    }
}
