import Foundation
import MailSealSMIME
import Testing
import TestSupport

/// How verification reports trust, time and missing pieces, apart from signature math.
@Suite struct VerificationReportTests {
    let content = Data("Content-Type: text/plain\r\n\r\nSigned by us.\r\n".utf8)

    @Test func expiredSignerIsIntactButExpiredNotBad() throws {
        let expired = try TestIdentity.certificate("expired")
        let der = try CMS.sign(
            content, signer: expired, key: TestIdentity.key("expired"), detached: true)

        let result = try CMS.verify(der, detachedContent: content, trustAnchors: [TestIdentity.ca])
        let signer = try #require(result.signers.first)

        #expect(signer.signatureIntact)
        #expect(signer.chainNow == .expired(subject: expired.subject, notAfter: expired.notAfter))
        #expect(signer.chainProblemsNow.count == 1)
    }

    @Test func verificationTimeIsTheCallersChoice() throws {
        let alice = try TestIdentity.certificate("alice")
        let ca = try TestIdentity.ca
        let der = try CMS.sign(
            content, signer: alice, key: TestIdentity.key("alice"), detached: true)
        let in2050 = try #require(ISO8601DateFormatter().date(from: "2050-06-01T00:00:00Z"))
        let in2020 = try #require(ISO8601DateFormatter().date(from: "2020-06-01T00:00:00Z"))

        let later = try #require(try CMS.verify(
            der, detachedContent: content, trustAnchors: [ca], at: in2050).signers.first)
        let earlier = try #require(try CMS.verify(
            der, detachedContent: content, trustAnchors: [ca], at: in2020).signers.first)

        #expect(later.chainNow == .expired(subject: alice.subject, notAfter: alice.notAfter))
        #expect(later.chainProblemsNow == [
            .expired(subject: alice.subject, notAfter: alice.notAfter),
            .expired(subject: ca.subject, notAfter: ca.notAfter),
        ])
        #expect(later.chainAtSigningTime == .valid)
        #expect(earlier.chainNow == .notYetValid(
            subject: alice.subject, notBefore: alice.notBefore))
        #expect(later.signatureIntact && earlier.signatureIntact)
    }

    @Test func signerFromAnotherCAIsUntrusted() throws {
        let stranger = try TestIdentity.certificate("stranger")
        let der = try CMS.sign(
            content, signer: stranger, key: TestIdentity.key("stranger"), detached: true)

        let signer = try #require(try CMS.verify(
            der, detachedContent: content, trustAnchors: [TestIdentity.ca]).signers.first)

        #expect(signer.signatureIntact)
        #expect(signer.chainNow == .untrusted(
            reason: "the issuer of \(stranger.subject) (\(stranger.issuer)) is neither a "
                + "trust anchor nor among the certificates available"))
        #expect(signer.chainAtSigningTime == signer.chainNow)
    }

    @Test func signerCertificateMayComeFromOutsideTheMessage() throws {
        let directory = TemporaryDirectory()
        let contentPath = try content.written(to: directory, as: "content.txt")
        let der = try peer("openssl", [
            "cms", "-sign", "-binary", "-nodetach", "-nocerts", "-outform", "DER",
            "-in", contentPath,
            "-signer", TestIdentity.url("carol.crt").path,
            "-inkey", TestIdentity.url("carol.key").path,
        ]).stdout

        let without = try #require(try CMS.verify(
            der, trustAnchors: [TestIdentity.ca]).signers.first)
        let with = try #require(try CMS.verify(
            der, trustAnchors: [TestIdentity.ca],
            additionalCertificates: [TestIdentity.certificate("carol")]).signers.first)

        #expect(without.certificate == nil)
        #expect(!without.signatureIntact)
        #expect(without.signatureProblem?.contains("neither in the message") == true)
        #expect(without.chainNow == .noSignerCertificate)
        #expect(with.certificate == (try TestIdentity.certificate("carol")))
        #expect(with.signatureIntact && with.chainNow == .valid)
    }

    @Test func certificateNotForEmailProtectionIsReportedSo() throws {
        let directory = TemporaryDirectory()
        let server = try ThrowawayIdentity(
            subject: "/CN=Server Only/emailAddress=server@example.org",
            extensions: "extendedKeyUsage=serverAuth\nkeyUsage=digitalSignature\n",
            in: directory)
        let contentPath = try content.written(to: directory, as: "content.txt")
        let der = try peer("openssl", [
            "cms", "-sign", "-binary", "-nodetach", "-outform", "DER", "-in", contentPath,
            "-signer", server.certificatePath, "-inkey", server.keyPath,
        ]).stdout

        let signer = try #require(try CMS.verify(
            der, trustAnchors: [TestIdentity.ca]).signers.first)

        #expect(signer.signatureIntact)
        #expect(signer.chainNow == .notForEmailProtection)
        let refused = #expect(throws: SMIMEError.self) {
            try CMS.sign(content, signer: server.certificate, key: server.key, detached: true)
        }
        #expect(refused?.code == .unsuitableCertificate)
    }

    @Test func signatureWithoutSignedAttributesHasNoSigningTimeToCheckAt() throws {
        let directory = TemporaryDirectory()
        let der = try peer("openssl", [
            "cms", "-sign", "-binary", "-noattr", "-outform", "DER",
            "-in", content.written(to: directory, as: "content.txt"),
            "-signer", TestIdentity.url("alice.crt").path,
            "-inkey", TestIdentity.url("alice.key").path,
        ]).stdout

        let good = try #require(try CMS.verify(
            der, detachedContent: content, trustAnchors: [TestIdentity.ca]).signers.first)
        let bad = try #require(try CMS.verify(
            der, detachedContent: content.flippingByte(at: 0),
            trustAnchors: [TestIdentity.ca]).signers.first)

        #expect(good.signatureIntact)
        #expect(good.signingTime == nil)
        #expect(good.capabilities.isEmpty)
        #expect(good.chainNow == .valid)
        #expect(good.chainAtSigningTime == .noSigningTime)
        #expect(!bad.signatureIntact)
        #expect(
            bad.signatureProblem?.hasPrefix("the signature does not match the content") == true)
    }

    @Test func eachSignerIsJudgedOnItsOwn() throws {
        let directory = TemporaryDirectory()
        let der = try peer("openssl", [
            "cms", "-sign", "-binary", "-outform", "DER",
            "-in", content.written(to: directory, as: "content.txt"),
            "-signer", TestIdentity.url("alice.crt").path,
            "-inkey", TestIdentity.url("alice.key").path,
            "-signer", TestIdentity.url("stranger.crt").path,
            "-inkey", TestIdentity.url("stranger.key").path,
        ]).stdout

        let result = try CMS.verify(
            der, detachedContent: content, trustAnchors: [TestIdentity.ca])

        #expect(result.signers.map(\.certificate) == [
            try TestIdentity.certificate("alice"), try TestIdentity.certificate("stranger"),
        ])
        #expect(result.signers.map(\.signatureIntact) == [true, true])
        #expect(result.signers[0].chainNow == .valid)
        #expect(!result.signers[1].chainNow.isValid)
    }

    @Test func aTrustAnchorNeedNotBeARoot() throws {
        let alice = try TestIdentity.certificate("alice")
        let der = try CMS.sign(
            content, signer: alice, key: TestIdentity.key("alice"), detached: true)

        let signer = try #require(try CMS.verify(
            der, detachedContent: content, trustAnchors: [alice]).signers.first)

        #expect(signer.chainNow == .valid)
        #expect(signer.chain.isEmpty)
    }
}
