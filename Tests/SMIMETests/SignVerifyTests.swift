import Foundation
import MailSealSMIME
import Testing
import TestSupport

@Suite struct SignVerifyTests {
    let content = Data("Content-Type: text/plain\r\n\r\nSigned by us.\r\n".utf8)

    @Test(arguments: ["alice", "bob"], [true, false])
    func signatureVerifiesWithEverySignedAttribute(name: String, detached: Bool) throws {
        let certificate = try TestIdentity.certificate(name)
        let before = Date()

        let der = try CMS.sign(
            content, signer: certificate, key: TestIdentity.key(name), detached: detached)
        let result = try CMS.verify(
            der, detachedContent: detached ? content : nil, trustAnchors: [TestIdentity.ca])
        let signer = try #require(result.signers.first)
        let signingTime = try #require(signer.signingTime)

        #expect(result.content == content)
        #expect(result.isDetached == detached)
        #expect(result.contentType == .data)
        #expect(signer.certificate == certificate)
        #expect(signer.signatureIntact)
        #expect(signer.chainNow == .valid)
        #expect(signer.chainAtSigningTime == .valid)
        #expect(signer.chain == [try TestIdentity.ca])
        #expect(signer.digestAlgorithm == "sha256")
        #expect(signer.capabilities == [.aes256GCM, .aes128GCM, .aes256CBC, .aes128CBC])
        #expect(abs(signingTime.timeIntervalSince(before)) < 5)
        #expect(signer.signerIdentifier
            == "serial \(certificate.serialNumber) from \(certificate.issuer)")
    }

    @Test(arguments: DigestAlgorithm.allCases)
    func chosenDigestIsUsed(digest: DigestAlgorithm) throws {
        let der = try CMS.sign(
            content, signer: TestIdentity.certificate("bob"), key: TestIdentity.key("bob"),
            detached: true, digest: digest)

        let signer = try #require(try CMS.verify(
            der, detachedContent: content, trustAnchors: [TestIdentity.ca]).signers.first)

        #expect(signer.digestAlgorithm == digest.rawValue)
        #expect(signer.signatureAlgorithm.hasPrefix("ecdsa-with-SHA"))
        #expect(signer.signatureIntact)
    }

    @Test func chainCertificatesAreCarriedInTheMessage() throws {
        let directory = TemporaryDirectory()
        let der = try CMS.sign(
            content, signer: TestIdentity.certificate("alice"), key: TestIdentity.key("alice"),
            chain: [TestIdentity.ca], detached: true)

        let certificates = try peer("openssl", [
            "pkcs7", "-inform", "DER", "-in", der.written(to: directory, as: "sig.der"),
            "-print_certs", "-noout",
        ]).stdoutText

        #expect(certificates.contains("subject=CN = Alice Example"))
        #expect(certificates.contains("subject=O = MailSeal Test, CN = MailSeal Test CA"))
    }

    @Test func flippedContentByteBreaksTheSignatureButNotTheChain() throws {
        let der = try CMS.sign(
            content, signer: TestIdentity.certificate("alice"), key: TestIdentity.key("alice"),
            detached: true)

        let result = try CMS.verify(
            der, detachedContent: content.flippingByte(at: 5), trustAnchors: [TestIdentity.ca])
        let signer = try #require(result.signers.first)

        #expect(!signer.signatureIntact)
        #expect(signer.signatureProblem
            == "the content's sha256 digest differs from the one the signer signed: "
                + "the content was altered")
        #expect(signer.chainNow == .valid)
    }

    @Test(arguments: ["alice", "bob"])
    func flippedSignatureByteIsReportedNotThrown(name: String) throws {
        let certificate = try TestIdentity.certificate(name)
        // The signature value is the last field of our DER SignedData.
        let der = try CMS.sign(
            content, signer: certificate, key: TestIdentity.key(name), detached: false)

        let result = try CMS.verify(der.flippingByte(at: -1), trustAnchors: [TestIdentity.ca])
        let signer = try #require(result.signers.first)

        #expect(!signer.signatureIntact)
        #expect(signer.signatureProblem?.hasPrefix(
            "the signature does not match the signed attributes under the key of "
                + certificate.subject) == true)
        #expect(result.content == content)
    }

    @Test func flippedByteInTheSignedAttributesBreaksTheSignature() throws {
        let der = try CMS.sign(
            content, signer: TestIdentity.certificate("alice"), key: TestIdentity.key("alice"),
            detached: true)
        // The signingTime value sits inside the signed attributes: change its last digit.
        let marker = Data([0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x05])
        let attribute = try #require(der.range(of: marker))
        // OID, SET header (2), UTCTime header (2), then 13 characters: YYMMDDhhmmssZ.
        let secondDigit = attribute.upperBound + 4 + 11 - der.startIndex

        let result = try CMS.verify(
            der.flippingByte(at: secondDigit), detachedContent: content,
            trustAnchors: [TestIdentity.ca])
        let signer = try #require(result.signers.first)

        #expect(!signer.signatureIntact)
        #expect(signer.signingTime != nil)
    }

    @Test func signingRefusesAKeyOfAnotherCertificate() throws {
        let error = #expect(throws: SMIMEError.self) {
            try CMS.sign(
                content, signer: TestIdentity.certificate("alice"),
                key: TestIdentity.key("carol"), detached: true)
        }

        #expect(error?.code == .keyMismatch)
        #expect(error?.function == "CMS.sign")
    }

    @Test func detachedContentMustBeGivenExactlyWhenDetached() throws {
        let alice = try TestIdentity.certificate("alice")
        let key = try TestIdentity.key("alice")
        let detached = try CMS.sign(content, signer: alice, key: key, detached: true)
        let opaque = try CMS.sign(content, signer: alice, key: key, detached: false)

        let missing = #expect(throws: SMIMEError.self) {
            try CMS.verify(detached, trustAnchors: [])
        }
        let superfluous = #expect(throws: SMIMEError.self) {
            try CMS.verify(opaque, detachedContent: content, trustAnchors: [])
        }

        #expect(missing?.code == .invalidArgument)
        #expect(superfluous?.code == .invalidArgument)
    }

    @Test func malformedOrForeignInputThrows() throws {
        let alice = try TestIdentity.certificate("alice")
        let signed = try CMS.sign(
            content, signer: alice, key: TestIdentity.key("alice"), detached: false)
        let encrypted = try CMS.encrypt(content, recipients: [alice])

        let damaged = [
            signed.prefix(signed.count / 2), signed.flippingByte(at: 1), Data("garbage".utf8),
            Data(),
        ]
        for input in damaged {
            let error = #expect(throws: SMIMEError.self) {
                try CMS.verify(input, trustAnchors: [])
            }
            #expect(error?.code == .malformedInput)
            #expect(error?.function == "CMS.verify")
        }
        let foreign = #expect(throws: SMIMEError.self) {
            try CMS.verify(encrypted, trustAnchors: [])
        }
        #expect(foreign?.code == .wrongContentType)
        #expect(CMS.kind(of: signed) == .signedData)
    }
}
