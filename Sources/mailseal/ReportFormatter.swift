import Foundation
import MailSealMessage

/// Prints an open report as plain sentences, or as JSON for programs.
enum ReportFormatter {
    static func render(_ report: OpenReport, json: Bool) throws -> String {
        json ? try renderJSON(report) : renderText(report)
    }

    static func renderJSON(_ report: OpenReport) throws -> String {
        try JSONOutput.text(report)
    }

    static func renderText(_ report: OpenReport) -> String {
        var lines: [String] = []
        lines.append(encryptionLine(report))
        if report.headerProtection != .none {
            lines.append("Header fields: protected (\(report.headerProtection.rawValue)); "
                + "the ones shown are the protected ones")
        }
        if report.signatures.isEmpty { lines.append("Signatures: none") }
        for (index, signature) in report.signatures.enumerated() {
            lines.append(contentsOf: signatureLines(signature, number: index + 1))
        }
        for warning in report.warnings { lines.append("Warning: \(warning)") }
        lines.append(verdict(report))
        return lines.joined(separator: "\n") + "\n"
    }

    private static func encryptionLine(_ report: OpenReport) -> String {
        guard report.encrypted else { return "Encrypted: no" }
        var parts = [report.method?.displayName ?? "unknown method"]
        if let cipher = report.cipher { parts.append(cipher) }
        parts.append(report.integrityProtected == true
            ? "integrity-protected" : "NOT integrity-protected")
        if report.encryptionCoverage == .partial { parts.append("only part of the message") }
        return "Encrypted: yes (" + parts.joined(separator: ", ") + ")"
    }

    private static func signatureLines(_ signature: SignatureReport, number: Int) -> [String] {
        var head = "Signature \(number): \(statusWords(signature.status))"
        head += " (\(signature.method.displayName)"
        if let fingerprint = signature.fingerprint { head += ", \(fingerprint)" }
        head += ")"
        var lines = [head]
        let who = signature.signerAddresses.isEmpty
            ? "unknown" : signature.signerAddresses.joined(separator: ", ")
        lines.append("  signer: \(who); is the From address: "
            + (signature.matchesFrom ? "yes" : "no"))
        if let time = signature.signingTime {
            lines.append("  signed: \(ISO8601DateFormatter().string(from: time))")
        }
        lines.append("  covers: " + (signature.coverage == .entire
            ? "the entire message" : "only part \(signature.part) of the message"))
        for detail in signature.details { lines.append("  \(detail)") }
        return lines
    }

    private static func statusWords(_ status: SignatureReport.Status) -> String {
        switch status {
        case .good: "good"
        case .bad: "BAD (the message or the signature was altered)"
        case .unknownKey: "unknown key (cannot be checked)"
        case .expiredKey: "made by an expired key"
        case .revokedKey: "made by a REVOKED key"
        case .untrustedCertificate: "intact, but the certificate is not trusted"
        case .expiredCertificate: "intact, but the certificate has expired"
        case .error: "could not be checked"
        }
    }

    private static func verdict(_ report: OpenReport) -> String {
        if report.isFullyVerified {
            return "Verified: signed by the sender, covering the entire message."
        }
        return "Not verified: " + (report.signatures.isEmpty
            ? "the message is not signed." : "see the signatures above.")
    }
}
