import Foundation
import MailSealOpenPGP
import Testing
import TestSupport

@Suite struct EncryptDecryptTests {
    let record = Data("Patient: Jane Roe\r\nResult: negative\r\n".utf8)

    @Test func aMessageEncryptedToAliceDecryptsWithHerKey() throws {
        let home = try TestHome(secretKeys: [.alice])
        let alice = try home.context.key(fingerprint: TestKey.alice.fingerprint)

        let ciphertext = try home.context.encrypt(record, recipients: [alice.fingerprint])
        let decrypted = try home.context.decrypt(ciphertext)

        #expect(String(decoding: ciphertext, as: UTF8.self)
            .hasPrefix("-----BEGIN PGP MESSAGE-----"))
        #expect(decrypted.plaintext == record)
        #expect(decrypted.integrityProtected)
        #expect(decrypted.cipher == "AES256")
        #expect(decrypted.recipientKeyIDs == [alice.subkeys[1].keyID])
        #expect(decrypted.signatures.isEmpty)
        #expect(!decrypted.isMIME)
    }

    @Test func binaryOutputIsAPacketStream() throws {
        let home = try TestHome(secretKeys: [.bob])

        let ciphertext = try home.context.encrypt(
            record, recipients: [TestKey.bob.fingerprint], armored: false)

        // A PKESK packet first (tag 1), in either header format (RFC 4880 s4.2).
        let first = try #require(ciphertext.first)
        #expect(first & 0x80 == 0x80)
        #expect(first & 0x40 == 0 ? (first >> 2) & 0x0F == 1 : first & 0x3F == 1)
        #expect(try home.context.decrypt(ciphertext).plaintext == record)
    }

    @Test func aSignedAndEncryptedMessageReportsItsGoodSignature() throws {
        let sender = try TestHome(publicKeys: [.bob], secretKeys: [.alice])
        let receiver = try TestHome(publicKeys: [.alice], secretKeys: [.bob])

        let ciphertext = try sender.context.encrypt(
            record, recipients: [TestKey.bob.fingerprint, TestKey.alice.fingerprint],
            signer: TestKey.alice.fingerprint)
        let decrypted = try receiver.context.decrypt(ciphertext)

        #expect(decrypted.plaintext == record)
        #expect(decrypted.recipientKeyIDs.count == 2)
        let signature = try #require(decrypted.signatures.first)
        #expect(decrypted.signatures.count == 1)
        #expect(signature.status == .good)
        #expect(signature.isGood)
        #expect(signature.fingerprint == TestKey.alice.fingerprint)
        #expect(signature.primaryFingerprint == TestKey.alice.fingerprint)
        #expect(signature.signerAddresses == ["alice@example.org"])
        #expect(signature.publicKeyAlgorithm == "EdDSA")
        #expect(signature.validity == .unknown)
        let created = try #require(signature.created)
        #expect(abs(created.timeIntervalSinceNow) < 600)
    }

    @Test func theSenderCanReadWhatSheEncryptedToHerselfToo() throws {
        let sender = try TestHome(publicKeys: [.bob], secretKeys: [.alice])

        let ciphertext = try sender.context.encrypt(
            record, recipients: [TestKey.bob.fingerprint, TestKey.alice.fingerprint])

        #expect(try sender.context.decrypt(ciphertext).plaintext == record)
    }

    @Test func anExpiredRecipientIsRefusedByName() throws {
        let home = try TestHome(publicKeys: [.alice, .expired])

        let error = try #require(throws: OpenPGPError.self) {
            try home.context.encrypt(
                record, recipients: [TestKey.alice.fingerprint, TestKey.expired.fingerprint])
        }

        #expect(error.code == .keyExpired)
        #expect(error.function == "encrypt")
        #expect(error.keys == [TestKey.expired.fingerprint])
        #expect(error.reason.contains("expired@example.org"))
        #expect(error.date != nil)
    }

    @Test func aRevokedRecipientIsRefusedByName() throws {
        let home = try TestHome(publicKeys: [.revoked])

        let error = try #require(throws: OpenPGPError.self) {
            try home.context.encrypt(record, recipients: [TestKey.revoked.fingerprint])
        }

        #expect(error.code == .keyRevoked)
        #expect(error.reason.contains("revoked@example.org"))
        #expect(error.keys == [TestKey.revoked.fingerprint])
    }

    @Test func aMissingRecipientKeyOrNoRecipientIsRefused() throws {
        let home = try TestHome(publicKeys: [.alice])

        let missing = try #require(throws: OpenPGPError.self) {
            try home.context.encrypt(record, recipients: [TestKey.carol.fingerprint])
        }
        let none = try #require(throws: OpenPGPError.self) {
            try home.context.encrypt(record, recipients: [])
        }

        #expect(missing.code == .noKey)
        #expect(missing.reason.contains(TestKey.carol.fingerprint))
        #expect(none.code == .invalidArgument)
    }

    @Test func signingWhileEncryptingNeedsTheSignersSecretKey() throws {
        let home = try TestHome(publicKeys: [.alice, .bob])

        let error = try #require(throws: OpenPGPError.self) {
            try home.context.encrypt(
                record, recipients: [TestKey.bob.fingerprint], signer: TestKey.alice.fingerprint)
        }

        #expect(error.code == .noSecretKey)
    }

    @Test func aMessageForSomeoneElseNamesItsRecipients() throws {
        let sender = try TestHome(publicKeys: [.carol])
        let ciphertext = try sender.context.encrypt(record, recipients: [TestKey.carol.fingerprint])
        let carol = try sender.context.key(fingerprint: TestKey.carol.fingerprint)
        let receiver = try TestHome(publicKeys: [.carol], secretKeys: [.alice])

        let error = try #require(throws: OpenPGPError.self) {
            try receiver.context.decrypt(ciphertext)
        }

        #expect(error.code == .noSecretKeyForRecipient)
        #expect(error.keys == [carol.subkeys[1].keyID])
        #expect(error.reason.contains("no secret key for any recipient of this message"))
        #expect(error.reason.contains("0x\(carol.subkeys[1].keyID) (carol@example.org)"))
    }

    @Test func aHomeWithoutAnyKeyStillNamesTheRecipientKeyID() throws {
        let sender = try TestHome(publicKeys: [.bob])
        let bob = try sender.context.key(fingerprint: TestKey.bob.fingerprint)
        let ciphertext = try sender.context.encrypt(record, recipients: [bob.fingerprint])
        let empty = try TestHome()

        let error = try #require(throws: OpenPGPError.self) {
            try empty.context.decrypt(ciphertext)
        }

        #expect(error.code == .noSecretKeyForRecipient)
        #expect(error.reason.contains("0x\(bob.subkeys[1].keyID)"))
    }

    @Test func aWrongPassphraseIsReportedAsSuch() throws {
        let home = try TestHome(secretKeys: [.alice], passphrase: "not-alices-passphrase")
        let ciphertext = try home.context.encrypt(record, recipients: [TestKey.alice.fingerprint])

        let error = try #require(throws: OpenPGPError.self) { try home.context.decrypt(ciphertext) }

        #expect(error.code == .badPassphrase)
        #expect(!error.reason.contains("not-alices-passphrase"))
    }

    @Test func aProtectedKeyWithoutConfiguredPassphraseSaysSo() throws {
        let setup = try TestHome(secretKeys: [.alice])
        let ciphertext = try setup.context.encrypt(record, recipients: [TestKey.alice.fingerprint])
        defer { withExtendedLifetime(setup) {} }  // The folder must outlive `context`.
        let context = try OpenPGPContext(homeDirectory: setup.home, passphrase: nil)

        let error = try #require(throws: OpenPGPError.self) { try context.decrypt(ciphertext) }

        #expect(error.code == .passphraseRequired)
    }
}
