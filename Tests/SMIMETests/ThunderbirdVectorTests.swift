import Foundation
import MailSealSMIME
import Testing
import TestSupport

/// thunderbird-signed.eml: a real multipart/signed (SHA-1, RSA) from 2013, checked
/// against the StartCom root alone.
@Suite struct ThunderbirdVectorTests {
    let message: ThunderbirdMessage
    let root: Certificate
    let intermediate: Certificate

    init() throws {
        message = try ThunderbirdMessage()
        root = try Certificate(pemEncoded: SMIMEVector.data("startcom-root.crt"))
        intermediate = try Certificate(
            pemEncoded: SMIMEVector.data("startcom-class1-client.crt"))
    }

    @Test func splitFindsTheSignedPartAndTheSignature() throws {
        let content = String(decoding: message.signedContent, as: UTF8.self)

        #expect(content.hasPrefix("Content-Type: multipart/mixed;\r\n boundary="))
        #expect(content.hasSuffix("--------------090306060102060402000809--\r\n"))
        #expect(!content.contains("\r\r") && !content.contains("ms000505020301050400050509"))
        #expect(message.parts.signatureHeaders.contains("application/pkcs7-signature"))
        #expect(CMS.kind(of: message.signature) == .signedData)
    }

    @Test func atItsSigningTimeSignatureAndChainAreValid() throws {
        let probe = try CMS.verify(
            message.signature, detachedContent: message.signedContent, trustAnchors: [root])
        let signingTime = try #require(probe.signers.first?.signingTime)

        let result = try CMS.verify(
            message.signature, detachedContent: message.signedContent,
            trustAnchors: [root], at: signingTime)
        let signer = try #require(result.signers.first)

        #expect(result.signers.count == 1)
        #expect(result.isDetached)
        #expect(result.content == message.signedContent)
        #expect(signer.signatureIntact)
        #expect(signer.signatureProblem == nil)
        #expect(signer.digestAlgorithm == "sha1")
        #expect(signer.signingTime == message.date)
        #expect(signer.chainAtSigningTime == .valid)
        #expect(signer.chainProblemsAtSigningTime.isEmpty)
        #expect(signer.chainNow == .valid)
        #expect(signer.chain == [intermediate, root])
    }

    @Test func signerAddressMatchesFrom() throws {
        let result = try CMS.verify(
            message.signature, detachedContent: message.signedContent, trustAnchors: [root])
        let certificate = try #require(result.signers.first?.certificate)
        let from = try #require(message.fromAddress)

        #expect(from == "fejj@gnome.org")
        #expect(certificate.emailAddresses.contains(from))
    }

    @Test func nowTheSignatureIsIntactButSignerAndIntermediateHaveExpired() throws {
        let result = try CMS.verify(
            message.signature, detachedContent: message.signedContent, trustAnchors: [root])
        let signer = try #require(result.signers.first)
        let certificate = try #require(signer.certificate)
        let calendar = Calendar(identifier: .gregorian)

        #expect(signer.signatureIntact)
        #expect(signer.chainAtSigningTime == .valid)
        #expect(signer.chainNow == .expired(
            subject: certificate.subject, notAfter: certificate.notAfter))
        #expect(signer.chainProblemsNow == [
            .expired(subject: certificate.subject, notAfter: certificate.notAfter),
            .expired(subject: intermediate.subject, notAfter: intermediate.notAfter),
        ])
        #expect(calendar.component(.year, from: certificate.notAfter) == 2014)
        #expect(calendar.component(.year, from: intermediate.notAfter) == 2017)
    }

    @Test func aChangedByteInTheSignedPartBreaksOnlyTheSignature() throws {
        let tampered = message.signedContent.flippingByte(at: 200)

        let result = try CMS.verify(
            message.signature, detachedContent: tampered, trustAnchors: [root])
        let signer = try #require(result.signers.first)

        #expect(!signer.signatureIntact)
        #expect(signer.signatureProblem?.contains("sha1 digest differs") == true)
        #expect(signer.chainAtSigningTime == .valid)
    }

    @Test func withoutTheRootTheChainIsUntrustedAtAnyTime() throws {
        let result = try CMS.verify(
            message.signature, detachedContent: message.signedContent, trustAnchors: [])
        let signer = try #require(result.signers.first)

        #expect(signer.signatureIntact)
        guard case .untrusted = signer.chainAtSigningTime else {
            Issue.record("expected untrusted, got \(signer.chainAtSigningTime)")
            return
        }
    }
}
