import Foundation
import MailSealKeys
import MailSealMessage
import MailSealSMIME
import Testing
import TestSupport

/// S/MIME private keys in the home: encrypted under the import passphrase, unlocked
/// only to sign or decrypt, and only the keys a message needs.
@Suite struct SMIMEKeyAtRestTests {
    /// The stored key file of `name`'s certificate in `home`.
    private func keyFile(_ name: String, in home: PersonHome) throws -> URL {
        let certificate = try Certificate(pemEncoded: Data(contentsOf: ProjectPaths.testKeys
            .appendingPathComponent("smime/\(name).crt")))
        return home.keyring.home.privateKeysFolder
            .appendingPathComponent(certificate.fingerprintSHA256 + ".pem")
    }

    private func permissions(_ url: URL) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions]
            as? Int)
    }

    /// The same home opened with another passphrase (or none).
    private func keyring(_ home: PersonHome, passphrase: String?) throws -> Keyring {
        try Keyring(home: home.keyring.home, smimePassphrase: passphrase)
    }

    @Test func keyImportedWithAPassphraseIsEncryptedAtRestAndPrivate() throws {
        let alice = try PersonHome("alice", openPGP: false)
        let file = try keyFile("alice", in: alice)

        let text = try String(contentsOf: file, encoding: .utf8)

        #expect(text.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"))
        #expect(!text.contains("-----BEGIN PRIVATE KEY-----"))
        #expect(try permissions(file) == 0o600)
    }

    @Test func storedKeyUnlocksOnlyWithItsPassphrase() throws {
        let alice = try PersonHome("alice", openPGP: false)
        let certificate = try #require(
            try alice.keyring.smime.certificates(forAddress: "alice@example.org").first)

        let unlocked = try alice.keyring.smime.privateKey(for: certificate)
        let wrong = #expect(throws: SMIMEError.self) {
            try keyring(alice, passphrase: "not-alice").smime.privateKey(for: certificate)
        }
        let missing = #expect(throws: SMIMEError.self) {
            try keyring(alice, passphrase: nil).smime.privateKey(for: certificate)
        }

        #expect(unlocked?.matches(certificate) == true)
        #expect(wrong?.code == .wrongPassphrase)
        #expect(wrong?.reason
            == "the private key for alice@example.org is protected and the passphrase is wrong")
        #expect(missing?.code == .wrongPassphrase)
        #expect(missing?.reason.hasPrefix(
            "the private key for alice@example.org is protected and no passphrase") == true)
    }

    @Test func signingWithTheWrongPassphraseIsRefusedByName() throws {
        let alice = try PersonHome("alice", openPGP: false)
        let sealer = MessageSealer(keyring: try keyring(alice, passphrase: "not-alice"))

        let error = #expect(throws: MessageError.self) {
            try sealer.seal(try Example.data("plain.eml"),
                            request: SealRequest(sign: true, encrypt: false))
        }

        // Without --method the S/MIME key is still chosen: it exists, it just is locked.
        #expect(error?.code == .wrongPassphrase)
        #expect(error?.reason.contains("alice@example.org") == true)
        #expect(error?.reason.contains("passphrase is wrong") == true)
    }

    @Test func listingKeysNeedsNoPassphrase() throws {
        let alice = try PersonHome("alice", contacts: ["bob"], openPGP: false)
        let locked = try keyring(alice, passphrase: nil)

        let withKeys = try locked.smime.certificatesWithPrivateKey()

        #expect(withKeys.flatMap(\.emailAddresses) == ["alice@example.org"])
        #expect(try locked.smime.certificateWithPrivateKey(forAddress: "alice@example.org")
            == withKeys.first)
        #expect(try locked.smime.certificateWithPrivateKey(forAddress: "bob@example.org")
            == nil)
    }

    @Test func decryptionTellsAWrongPassphraseFromNoKeyForAnyRecipient() throws {
        let alice = try PersonHome("alice", contacts: ["bob"], openPGP: false)
        let bob = try PersonHome("bob", openPGP: false)
        let carol = try PersonHome("carol", openPGP: false)
        let sealed = try alice.sealer.seal(
            try Example.data("plain.eml"),
            request: SealRequest(recipients: ["bob@example.org"], method: .smime))

        let locked = #expect(throws: MessageError.self) {
            try MessageOpener(keyring: keyring(bob, passphrase: "not-bob")).open(sealed.data)
        }
        let stranger = #expect(throws: MessageError.self) {
            try carol.opener.open(sealed.data)
        }

        #expect(locked?.code == .wrongPassphrase)
        #expect(locked?.reason
            == "the private key for bob@example.org is protected and the passphrase is wrong")
        #expect(stranger?.code == .noDecryptionKey)
        #expect(stranger?.reason.contains("no private key for any recipient") == true)
        #expect(try bob.opener.open(sealed.data).report.method == .smime)
    }

    @Test func decryptionUnlocksOnlyTheKeysOfTheMessagesRecipients() throws {
        let alice = try PersonHome("alice", contacts: ["bob"], openPGP: false)
        let bob = try PersonHome("bob", openPGP: false)
        // Bob's home also holds Carol's key, protected by Carol's passphrase.
        let carolKeys = KeyImporter(keyring: bob.keyring, passphrase: "carol-passphrase")
        for file in ["carol.crt", "carol.key"] {
            let url = ProjectPaths.testKeys.appendingPathComponent("smime/\(file)")
            _ = try carolKeys.importKeys(Data(contentsOf: url), source: file)
        }
        let sealed = try alice.sealer.seal(
            try Example.data("plain.eml"),
            request: SealRequest(recipients: ["bob@example.org"], method: .smime))

        let opened = try bob.opener.open(sealed.data)
        let withCarols = #expect(throws: MessageError.self) {
            try MessageOpener(keyring: keyring(bob, passphrase: "carol-passphrase"))
                .open(sealed.data)
        }

        // Carol's key does not unlock with Bob's passphrase, and is never tried.
        #expect(opened.report.method == .smime)
        // Carol's key would unlock with hers, but it is not a recipient's.
        #expect(withCarols?.code == .wrongPassphrase)
        #expect(withCarols?.reason
            == "the private key for bob@example.org is protected and the passphrase is wrong")
    }

    @Test func keyImportedWithoutAPassphraseStaysPlainButPrivate() throws {
        let folder = TemporaryDirectory("ms")
        let keyring = try Keyring(home: MailSealHome(url: folder.url))
        let importer = KeyImporter(keyring: keyring)
        for file in ["carol.crt", "carol.key"] {
            let url = ProjectPaths.testKeys.appendingPathComponent("smime/\(file)")
            _ = try importer.importKeys(Data(contentsOf: url), source: file)
        }
        let certificate = try #require(try keyring.smime.certificatesWithPrivateKey().first)
        let file = keyring.home.privateKeysFolder
            .appendingPathComponent(certificate.fingerprintSHA256 + ".pem")

        let text = try String(contentsOf: file, encoding: .utf8)

        #expect(text.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        #expect(try permissions(file) == 0o600)
        #expect(try keyring.smime.identity(forAddress: "carol@example.org")?.key
            .matches(certificate) == true)
    }
}
