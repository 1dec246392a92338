import Foundation
import MailSealSMIME
import Testing
import TestSupport

/// `Certificate.validateChain`: one certificate's path, as a sender checks a recipient's.
@Suite struct ChainValidationTests {
    @Test func certificateIssuedByATrustedCAIsValidForBothPurposes() throws {
        let alice = try TestIdentity.certificate("alice")
        let anchors = [try TestIdentity.ca]

        #expect(alice.validateChain(trustAnchors: anchors, purpose: .emailEncryption) == .valid)
        #expect(alice.validateChain(trustAnchors: anchors, purpose: .emailSigning) == .valid)
    }

    @Test func ecKeyAgreementCertificateIsValidForEncryptionWhereOpenSSLWouldRefuse() throws {
        let bob = try TestIdentity.certificate("bob")

        let status = bob.validateChain(
            trustAnchors: [try TestIdentity.ca], purpose: .emailEncryption)
        // OpenSSL's smimeencrypt purpose wants keyEncipherment; RFC 5753 uses keyAgreement.
        let openssl = try ProcessRunner.run("openssl", [
            "verify", "-purpose", "smimeencrypt", "-CAfile", TestIdentity.url("ca.crt").path,
            TestIdentity.url("bob.crt").path,
        ])

        #expect(status == .valid)
        #expect(openssl.status != 0)
    }

    @Test func certificateFromAnotherCAIsUntrustedUntilThatCAIsAnAnchor() throws {
        let stranger = try TestIdentity.certificate("stranger")
        let otherCA = try TestIdentity.certificate("other-ca")
        let anchors = [try TestIdentity.ca]

        let alone = stranger.validateChain(trustAnchors: anchors, purpose: .emailEncryption)
        let withIssuer = stranger.validateChain(
            trustAnchors: anchors, intermediates: [otherCA], purpose: .emailEncryption)
        let trusted = stranger.validateChain(
            trustAnchors: anchors + [otherCA], purpose: .emailEncryption)

        #expect(alone == .untrusted(
            reason: "the issuer of \(stranger.subject) (\(stranger.issuer)) is neither a "
                + "trust anchor nor among the certificates available"))
        #expect(withIssuer == .untrusted(
            reason: "\(otherCA.subject) is a self-signed certificate that is not a trust anchor"))
        #expect(trusted == .valid)
    }

    @Test func validityIsJudgedAtTheGivenTime() throws {
        let alice = try TestIdentity.certificate("alice")
        let expired = try TestIdentity.certificate("expired")
        let anchors = [try TestIdentity.ca]
        let before = try #require(ISO8601DateFormatter().date(from: "2024-06-01T00:00:00Z"))
        let later = try #require(ISO8601DateFormatter().date(from: "2030-06-01T00:00:00Z"))

        #expect(expired.validateChain(trustAnchors: anchors, purpose: .emailEncryption)
            == .expired(subject: expired.subject, notAfter: expired.notAfter))
        #expect(alice.validateChain(trustAnchors: anchors, at: before, purpose: .emailSigning)
            == .notYetValid(subject: alice.subject, notBefore: alice.notBefore))
        #expect(alice.validateChain(trustAnchors: anchors, at: later, purpose: .emailSigning)
            == .valid)
    }

    @Test func purposeDecidesWhetherASigningOnlyCertificatePasses() throws {
        let directory = TemporaryDirectory()
        let signing = try ThrowawayIdentity(
            subject: "/CN=Signing Only/emailAddress=signer@example.org",
            extensions: "keyUsage=critical,digitalSignature\nextendedKeyUsage=emailProtection\n",
            in: directory)
        let anchors = [try TestIdentity.ca]

        #expect(signing.certificate.validateChain(trustAnchors: anchors, purpose: .emailSigning)
            == .valid)
        #expect(signing.certificate.validateChain(
            trustAnchors: anchors, purpose: .emailEncryption) == .notForEmailProtection)
    }

    @Test func serverCertificateIsNotForEmailProtectionForEitherPurpose() throws {
        let directory = TemporaryDirectory()
        let server = try ThrowawayIdentity(
            subject: "/CN=Server Only", extensions: "extendedKeyUsage=serverAuth\n",
            in: directory)
        let anchors = [try TestIdentity.ca]

        for purpose in [Certificate.Purpose.emailSigning, .emailEncryption] {
            #expect(server.certificate.validateChain(trustAnchors: anchors, purpose: purpose)
                == .notForEmailProtection)
        }
    }
}
