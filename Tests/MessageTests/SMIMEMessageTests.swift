import Foundation
import MailSealMIME
import MailSealMessage
import MailSealSMIME
import Testing
import TestSupport

@Suite struct SMIMEMessageTests {
    @Test func envelopedMessageUsesCBCByDefaultAndOpensForTheRecipient() throws {
        let alice = try PersonHome("alice", contacts: ["bob"], openPGP: false)
        let bob = try PersonHome("bob", contacts: ["alice"], openPGP: false)

        let sealed = try alice.sealer.seal(
            try Example.data("lab-result.eml"),
            request: SealRequest(recipients: ["bob@example.org"], method: .smime))
        #expect(sealed.cipher == .aes256CBC)
        let outer = try MIMEParser().parse(sealed.data)
        #expect(outer.contentType.mimeType == "application/pkcs7-mime")
        #expect(outer.contentType[parameter: "smime-type"] == "enveloped-data")
        #expect(outer.header["Subject"] == "[...]")

        let opened = try bob.opener.open(sealed.data)
        #expect(opened.report.method == .smime)
        #expect(opened.report.cipher == "AES-256-CBC")
        #expect(opened.report.integrityProtected == false)
        #expect(opened.header["Subject"] == "Your laboratory results are ready")
        let original = try MIMEParser().parse(try Example.data("lab-result.eml"))
        let pdf = try #require(original.leaves().first { $0.entity.contentType.subtype == "pdf" }?.entity)
        let openedPDF = try #require(opened.body.leaves().first { $0.entity.contentType.subtype == "pdf" }?.entity)
        #expect(try openedPDF.decodedBody() == pdf.decodedBody())
    }

    @Test func gcmIsAuthenticatedEnvelopedDataAndReportedIntegrityProtected() throws {
        let alice = try PersonHome("alice", contacts: ["bob"], openPGP: false)
        let bob = try PersonHome("bob", openPGP: false)

        let sealed = try alice.sealer.seal(
            try Example.data("plain.eml"),
            request: SealRequest(recipients: ["bob@example.org"], method: .smime,
                                 cipher: .aes256GCM))
        let outer = try MIMEParser().parse(sealed.data)
        #expect(outer.contentType[parameter: "smime-type"] == "authEnveloped-data")

        let report = try bob.opener.open(sealed.data).report
        #expect(report.cipher == "AES-256-GCM")
        #expect(report.integrityProtected == true)
    }

    @Test func signedThenEncryptedReportsTheSignerAndTeachesCapabilities() throws {
        let alice = try PersonHome("alice", contacts: ["bob"], openPGP: false)
        let bob = try PersonHome("bob", contacts: ["alice"], openPGP: false)

        let sealed = try alice.sealer.seal(
            try Example.data("alternative.eml"),
            request: SealRequest(recipients: ["bob@example.org"], method: .smime, sign: true))
        let report = try bob.opener.open(sealed.data).report
        let signature = try #require(report.signatures.first)
        #expect(signature.status == .good)
        #expect(signature.matchesFrom)
        #expect(signature.coverage == .entire)
        #expect(report.isFullyVerified)
        #expect(report.headerProtection == .encrypted)

        // Alice's signature announced AES-256-GCM, so Bob's reply to her uses it.
        #expect(try bob.keyring.capabilities.algorithms(for: "alice@example.org")
            .contains(.aes256GCM))
        var reply = SealRequest(recipients: ["alice@example.org"], method: .smime)
        reply.sender = "bob@example.org"
        let replied = try bob.sealer.seal(try Example.data("plain.eml"), request: reply)
        #expect(replied.cipher == .aes256GCM)
    }

    @Test func detachedAndOpaqueSignaturesVerify() throws {
        let alice = try PersonHome("alice", openPGP: false)
        let bob = try PersonHome("bob", openPGP: false)

        for opaque in [false, true] {
            let sealed = try alice.sealer.seal(
                try Example.data("plain.eml"),
                request: SealRequest(method: .smime, sign: true, encrypt: false,
                                     opaqueSignature: opaque))
            let outer = try MIMEParser().parse(sealed.data)
            #expect(outer.contentType.mimeType
                == (opaque ? "application/pkcs7-mime" : "multipart/signed"))
            let report = try bob.opener.open(sealed.data).report
            #expect(report.signatures.map(\.status) == [.good])
            #expect(report.isFullyVerified)
        }
    }

    @Test func thunderbirdSignatureIsIntactButItsCertificateHasExpired() throws {
        let home = try PersonHome("bob", openPGP: false, smime: false)
        let root = try Example.vector("smime/startcom-root.crt")
        for anchor in try Certificate.load(root) { try home.keyring.smime.trust(anchor) }
        let message = try Example.vector("smime/thunderbird-signed.eml")

        let now = try home.opener.open(message).report
        let signature = try #require(now.signatures.first)
        #expect(signature.status == .expiredCertificate)
        #expect(signature.matchesFrom)
        #expect(signature.details.contains("signature intact"))
        #expect(signature.details.contains("chain at signing time: valid"))

        var thenOpener = home.opener
        thenOpener.now = try #require(signature.signingTime).addingTimeInterval(60)
        let then = try thenOpener.open(message).report
        #expect(then.signatures.map(\.status) == [.good])
        #expect(then.isFullyVerified)
    }

    @Test func capabilitiesAreNotLearnedFromAnUntrustedSigner() throws {
        let stranger = try PersonHome("stranger", openPGP: false)
        let bob = try PersonHome("bob", openPGP: false)
        var request = SealRequest(method: .smime, sign: true, encrypt: false)
        request.sender = "stranger@example.org"

        let sealed = try stranger.sealer.seal(try Example.data("plain.eml"), request: request)
        let report = try bob.opener.open(sealed.data).report
        #expect(report.signatures.map(\.status) == [.untrustedCertificate])
        #expect(try bob.keyring.capabilities.algorithms(for: "stranger@example.org").isEmpty)
    }

    @Test func expiredRecipientCertificateIsRefusedByName() throws {
        let alice = try PersonHome("alice", contacts: ["expired"], openPGP: false)
        let error = #expect(throws: MessageError.self) {
            try alice.sealer.seal(
                try Example.data("plain.eml"),
                request: SealRequest(recipients: ["expired@example.org"], method: .smime))
        }
        #expect(error?.reason.contains("expired@example.org") == true)
        #expect(error?.reason.contains("expired on 2021-01-01") == true)
    }
}
