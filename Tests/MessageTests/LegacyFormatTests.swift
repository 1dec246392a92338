import Foundation
import MailSealMIME
import MailSealMessage
import MailSealOpenPGP
import Testing
import TestSupport

/// What older clients send: inline OpenPGP in text/plain, x-pkcs7-* types, OAEP keys.
@Suite struct LegacyFormatTests {
    private func textMessage(_ body: Data) -> Data {
        var message = Data("""
            From: Alice Example <alice@example.org>\r
            To: bob@example.org\r
            Subject: inline\r
            Content-Type: text/plain; charset=utf-8\r
            \r

            """.utf8)
        message.append(body)
        return message
    }

    @Test func inlinePGPMessageInPlainTextIsDecryptedAndItsSignatureChecked() throws {
        let alice = try PersonHome("alice", contacts: ["bob"], smime: false)
        let bob = try PersonHome("bob", contacts: ["alice"], smime: false)
        let bobKey = try bob.keyring.openPGP.usableKey(
            forAddress: "bob@example.org", purpose: .encrypt)
        let aliceKey = try alice.keyring.openPGP.usableKey(
            forAddress: "alice@example.org", purpose: .sign)
        let armored = try alice.keyring.openPGP.encrypt(
            Data("Grüße, the results are normal.\r\n".utf8),
            recipients: [bobKey.fingerprint], signer: aliceKey.fingerprint)

        let opened = try bob.opener.open(textMessage(armored))
        #expect(opened.report.encrypted)
        #expect(opened.report.encryptionCoverage == .entire)
        #expect(opened.report.signatures.map(\.status) == [.good])
        #expect(opened.report.isFullyVerified)
        #expect(try opened.body.text() == "Grüße, the results are normal.\r\n")
    }

    @Test func cleartextSignatureWithTextAroundItCoversOnlyPart() throws {
        let alice = try PersonHome("alice", smime: false)
        let bob = try PersonHome("bob", contacts: ["alice"], smime: false)
        let key = try alice.keyring.openPGP.usableKey(
            forAddress: "alice@example.org", purpose: .sign)
        let signed = try alice.keyring.openPGP.sign(
            Data("Appointment moved to Friday.\n".utf8), signer: key.fingerprint,
            mode: .clearText)

        let whole = try bob.opener.open(textMessage(signed)).report
        #expect(whole.signatures.map(\.status) == [.good])
        #expect(whole.signatures.first?.coverage == .entire)

        var withFooter = signed
        withFooter.append(Data("\n-- \nSent through the clinic list\n".utf8))
        let footed = try bob.opener.open(textMessage(withFooter)).report
        #expect(footed.signatures.map(\.status) == [.good])
        #expect(footed.signatures.first?.coverage == .partial)
        #expect(!footed.isFullyVerified)
    }

    @Test func legacyXPKCS7MimeTypeOpens() throws {
        let alice = try PersonHome("alice", contacts: ["bob"], openPGP: false)
        let bob = try PersonHome("bob", openPGP: false)
        let sealed = try alice.sealer.seal(
            try Example.data("plain.eml"),
            request: SealRequest(recipients: ["bob@example.org"], method: .smime))
        let legacy = try replacing(
            "application/pkcs7-mime", with: "application/x-pkcs7-mime", in: sealed.data)

        let opened = try bob.opener.open(legacy)
        #expect(opened.report.method == .smime)
        #expect(opened.header["Subject"] == "Prescription renewed")
    }

    @Test func oaepWrappedKeyOpensForAnRSARecipient() throws {
        let alice = try PersonHome("alice", contacts: ["carol"], openPGP: false)
        let carol = try PersonHome("carol", openPGP: false)
        var request = SealRequest(recipients: ["carol@example.org"], method: .smime)
        request.rsaKeyTransport = .oaep

        let sealed = try alice.sealer.seal(try Example.data("plain.eml"), request: request)
        let opened = try carol.opener.open(sealed.data)
        #expect(opened.header["Subject"] == "Prescription renewed")
        #expect(try firstText(opened.body)?.contains("pharmacy from tomorrow") == true)
    }
}
