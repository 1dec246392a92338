import Foundation
import MailSealMIME
import MailSealMessage
import Testing
import TestSupport

@Suite struct OpenPGPMessageTests {
    @Test func encryptedMessageOpensWithTheSameContentAndProtectedSubject() throws {
        let alice = try PersonHome("alice", contacts: ["bob"], smime: false)
        let bob = try PersonHome("bob", contacts: ["alice"], smime: false)
        let original = try Example.data("non-ascii.eml")

        let sealed = try alice.sealer.seal(
            original, request: SealRequest(recipients: ["bob@example.org"], method: .pgp))
        #expect(sealed.method == .pgp)
        #expect(sealed.recipients.map(\.address) == ["bob@example.org", "alice@example.org"])

        let outer = try MIMEParser().parse(sealed.data)
        #expect(outer.contentType.mimeType == "multipart/encrypted")
        #expect(outer.header["Subject"] == "[...]")

        let opened = try bob.opener.open(sealed.data)
        #expect(opened.report.encrypted)
        #expect(opened.report.method == .pgp)
        #expect(opened.report.integrityProtected == true)
        #expect(opened.report.signatures.isEmpty)
        #expect(opened.report.headerProtection == .encrypted)
        let originalEntity = try MIMEParser().parse(original)
        #expect(opened.header.decoded("Subject") == originalEntity.header.decoded("Subject"))
        #expect(try firstText(opened.body) == firstText(originalEntity))
    }

    @Test func signedAndEncryptedMessageReportsAGoodSignatureByTheSender() throws {
        let alice = try PersonHome("alice", contacts: ["bob"], smime: false)
        let bob = try PersonHome("bob", contacts: ["alice"], smime: false)

        let sealed = try alice.sealer.seal(
            try Example.data("lab-result.eml"),
            request: SealRequest(recipients: ["bob@example.org"], method: .pgp, sign: true))
        let report = try bob.opener.open(sealed.data).report

        let signature = try #require(report.signatures.first)
        #expect(report.signatures.count == 1)
        #expect(signature.status == .good)
        #expect(signature.signerAddresses == ["alice@example.org"])
        #expect(signature.matchesFrom)
        #expect(signature.coverage == .entire)
        #expect(report.isFullyVerified)
    }

    @Test func signedMessageVerifiesAndAFlippedBodyByteMakesItBad() throws {
        let alice = try PersonHome("alice", smime: false)
        let bob = try PersonHome("bob", contacts: ["alice"], smime: false)

        let sealed = try alice.sealer.seal(
            try Example.data("plain.eml"), request: SealRequest(sign: true, encrypt: false))
        let good = try bob.opener.open(sealed.data).report
        #expect(good.encrypted == false)
        #expect(good.signatures.map(\.status) == [.good])
        #expect(good.isFullyVerified)

        let tamperedData = try replacing("collected", with: "cOllected", in: sealed.data)
        let tampered = try bob.opener.open(tamperedData).report
        #expect(tampered.signatures.map(\.status) == [.bad])
        #expect(!tampered.isFullyVerified)
    }

    @Test func recipientWithoutKeyIsNamedInTheError() throws {
        let alice = try PersonHome("alice", smime: false)
        let error = #expect(throws: MessageError.self) {
            try alice.sealer.seal(
                try Example.data("plain.eml"),
                request: SealRequest(recipients: ["nobody@example.org"], method: .pgp))
        }
        #expect(error?.code == .noUsableKey)
        #expect(error?.reason.contains("nobody@example.org") == true)
    }

    @Test func messageForSomeoneElseFailsWithNoDecryptionKey() throws {
        let alice = try PersonHome("alice", contacts: ["bob"], smime: false)
        let carol = try PersonHome("carol", smime: false)
        var request = SealRequest(recipients: ["bob@example.org"], method: .pgp)
        request.sender = "bob@example.org"
        let sealed = try alice.sealer.seal(try Example.data("plain.eml"), request: request)

        let error = #expect(throws: MessageError.self) { try carol.opener.open(sealed.data) }
        #expect(error?.code == .noDecryptionKey)
    }

    @Test func listFooterOutsideTheSignatureMakesCoveragePartial() throws {
        let home = try PersonHome("carol", smime: false)
        let report = try home.opener.open(
            try Example.vector("openpgp/gnupg-announce-signed.eml")).report

        let signature = try #require(report.signatures.first)
        #expect(signature.status == .unknownKey)
        #expect(signature.coverage == .partial)
        #expect(signature.fingerprint?.isEmpty == false)
        #expect(!report.isFullyVerified)
    }
}
