import Foundation
import MailSealDelivery
import Testing

/// The parts of SMTP and MTA-STS evidence that no world server shows: REQUIRETLS
/// (Postfix does not offer it), EHLO parameters, MTA-STS wildcards.
struct SMTPEvidenceTests {
    @Test func ehloKeywordsAreReadWithTheirParameters() {
        let extensions = SMTPExtensions(ehloLines: [
            "mx.example.net Hello", "pipelining", "SIZE 52428800", "STARTTLS", "8BITMIME",
        ])

        #expect(extensions.keywords == ["PIPELINING", "SIZE", "STARTTLS", "8BITMIME"])
        #expect(extensions.sizeLimit == 52_428_800)
        #expect(extensions.contains("starttls"))
        #expect(!extensions.contains("mx.example.net"))
    }

    @Test func requireTLSCountsWhenOfferedInsideTLS() {
        var result = SMTPProbeResult(host: "mx.example.net", port: 25)
        result.extensions = SMTPExtensions(ehloLines: ["mx.example.net", "STARTTLS"])
        #expect(!result.offersREQUIRETLS)

        result.extensionsAfterTLS = SMTPExtensions(ehloLines: ["mx.example.net", "REQUIRETLS"])

        #expect(result.offersSTARTTLS)
        #expect(result.offersREQUIRETLS)
    }

    @Test func mtaSTSWildcardCoversExactlyOneLabel() {
        let policy = MTASTSEvidence(
            mode: .enforce, mxPatterns: ["*.mail.example.net", "MX1.example.net"])

        #expect(policy.matches(host: "a.mail.example.net"))
        #expect(policy.matches(host: "mx1.example.net."))
        #expect(!policy.matches(host: "mail.example.net"))
        #expect(!policy.matches(host: "a.b.mail.example.net"))
        #expect(!policy.matches(host: "mx2.example.net"))
    }

    @Test func tlsLevelFollowsCertificateMTASTSAndDANE() {
        func server(
            valid: Bool, mode: MTASTSEvidence.Mode?, listed: Bool?, dane: DANEResult.Status
        ) -> MXServerEvidence {
            var probe = SMTPProbeResult(host: "mx.example.net", port: 25)
            probe.extensions = SMTPExtensions(ehloLines: ["mx.example.net", "STARTTLS"])
            probe.tls = TLSHandshakeResult(
                version: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384", bits: 256, chain: [],
                chainVerified: valid, verifyError: valid ? nil : "self-signed certificate",
                nameMatches: true)
            return MXServerEvidence(
                host: "mx.example.net", preference: 10, probe: probe,
                dane: DANEResult(status: dane, detail: ""), mtaSTSMatches: listed,
                mtaSTSMode: mode)
        }

        #expect(server(valid: false, mode: nil, listed: nil, dane: .noRecords).tlsLevel
            == .opportunistic)
        #expect(server(valid: true, mode: nil, listed: nil, dane: .noRecords).tlsLevel == .verified)
        #expect(server(valid: true, mode: .enforce, listed: true, dane: .noRecords).tlsLevel
            == .enforced)
        #expect(server(valid: true, mode: .enforce, listed: false, dane: .noRecords).tlsLevel
            == .verified)
        #expect(server(valid: false, mode: .enforce, listed: true, dane: .noRecords).tlsLevel
            == .opportunistic)
        #expect(server(valid: false, mode: nil, listed: nil, dane: .validated).tlsLevel
            == .enforced)
        #expect(server(valid: true, mode: .enforce, listed: true, dane: .mismatch).tlsLevel
            == TLSLevel.none)
    }
}
