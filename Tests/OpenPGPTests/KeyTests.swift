import Foundation
import MailSealOpenPGP
import Testing
import TestSupport

@Suite struct KeyListingTests {
    @Test func anEd25519KeyIsDescribedWithItsSubkeyAndUserID() throws {
        let home = try TestHome(publicKeys: [.alice])

        let key = try home.context.key(fingerprint: TestKey.alice.fingerprint)

        #expect(key.fingerprint == TestKey.alice.fingerprint)
        #expect(key.keyID == String(TestKey.alice.fingerprint.suffix(16)))
        #expect(key.algorithm == "ed25519")
        #expect(key.subkeys.map(\.algorithm) == ["ed25519", "cv25519"])
        #expect(key.subkeys[1].canEncrypt && !key.subkeys[1].canSign)
        #expect(key.subkeys[0].canSign && key.subkeys[0].canCertify)
        #expect(key.userIDs.map(\.text) == ["Alice Example <alice@example.org>"])
        #expect(key.userIDs.first?.name == "Alice Example")
        #expect(key.addresses == ["alice@example.org"])
        #expect(key.canEncrypt && key.canSign)
        #expect(!key.hasSecret && !key.isExpired && !key.isRevoked && !key.isDisabled)
        #expect(key.expires == nil)
        let created = try #require(key.created)
        #expect(created < Date() && created > Date(timeIntervalSince1970: 1_600_000_000))
    }

    @Test func anRSAKeyNamesItsSize() throws {
        let home = try TestHome(secretKeys: [.bob])

        let key = try home.context.key(fingerprint: TestKey.bob.fingerprint)

        #expect(key.algorithm == "rsa3072")
        #expect(key.subkeys.map(\.algorithm) == ["rsa3072", "rsa3072"])
        #expect(key.hasSecret)
        #expect(key.subkeys.allSatisfy { $0.hasSecret })
    }

    @Test func aFingerprintIsFoundWhateverItsSpellingAndASubkeyFindsItsKey() throws {
        let home = try TestHome(publicKeys: [.alice, .carol])
        let alice = try home.context.key(fingerprint: TestKey.alice.fingerprint)
        let spaced = stride(from: 0, to: 40, by: 4).map { offset -> String in
            let start = TestKey.alice.fingerprint.index(
                TestKey.alice.fingerprint.startIndex, offsetBy: offset)
            return String(TestKey.alice.fingerprint[start...].prefix(4))
        }.joined(separator: " ").lowercased()

        #expect(try home.context.key(fingerprint: spaced).fingerprint == alice.fingerprint)
        #expect(try home.context.key(fingerprint: "0x" + alice.fingerprint).fingerprint
            == alice.fingerprint)
        #expect(try home.context.key(fingerprint: alice.subkeys[1].fingerprint).fingerprint
            == alice.fingerprint)
    }

    @Test func aMalformedOrUnknownFingerprintIsRefusedByName() throws {
        let home = try TestHome(publicKeys: [.alice])

        let malformed = try #require(throws: OpenPGPError.self) {
            try home.context.key(fingerprint: "alice@example.org")
        }
        let unknown = try #require(throws: OpenPGPError.self) {
            try home.context.key(fingerprint: TestKey.bob.fingerprint)
        }

        #expect(malformed.code == .invalidArgument)
        #expect(unknown.code == .noKey)
        #expect(unknown.keys == [TestKey.bob.fingerprint])
    }

    @Test func addressLookupIsExactAndIgnoresCase() throws {
        let home = try TestHome(publicKeys: [.alice, .bob])

        let found = try home.context.keys(forAddress: "ALICE@Example.ORG")

        #expect(found.map(\.fingerprint) == [TestKey.alice.fingerprint])
        #expect(try home.context.keys(forAddress: "lice@example.org").isEmpty)
        #expect(try home.context.keys(forAddress: "alice@example.org.evil").isEmpty)
        #expect(try home.context.keys(forAddress: "alice").isEmpty)
        #expect(throws: OpenPGPError.self) { try home.context.keys(forAddress: "<a@b> c") }
    }

    @Test func listingSecretKeysOnlyGivesTheKeysWithSecrets() throws {
        let home = try TestHome(publicKeys: [.carol, .bob], secretKeys: [.alice])

        let all = try home.context.listKeys()
        let secret = try home.context.listKeys(secretOnly: true)

        #expect(Set(all.map(\.fingerprint))
            == Set([TestKey.alice, .bob, .carol].map(\.fingerprint)))
        #expect(secret.map(\.fingerprint) == [TestKey.alice.fingerprint])
        #expect(all.filter(\.hasSecret).map(\.fingerprint) == [TestKey.alice.fingerprint])
    }

    @Test func expiredAndRevokedKeysAreFlagged() throws {
        let home = try TestHome(publicKeys: [.expired, .revoked])

        let expired = try home.context.key(fingerprint: TestKey.expired.fingerprint)
        let revoked = try home.context.key(fingerprint: TestKey.revoked.fingerprint)

        #expect(expired.isExpired && !expired.isRevoked && !expired.canEncrypt)
        #expect(try #require(expired.expires) < Date())
        #expect(revoked.isRevoked && !revoked.canEncrypt && !revoked.canSign)
    }
}

@Suite struct UsableKeyTests {
    @Test func aValidKeyIsUsableForEncryptionAndForSigningWithItsSecret() throws {
        let home = try TestHome(publicKeys: [.bob], secretKeys: [.alice])

        let encryptTo = try home.context.usableKey(forAddress: "Bob@example.org", purpose: .encrypt)
        let signWith = try home.context.usableKey(forAddress: "alice@example.org", purpose: .sign)

        #expect(encryptTo.fingerprint == TestKey.bob.fingerprint)
        #expect(signWith.fingerprint == TestKey.alice.fingerprint)
    }

    @Test func noKeyForTheAddressIsNamed() throws {
        let home = try TestHome(publicKeys: [.alice])

        let error = try #require(throws: OpenPGPError.self) {
            try home.context.usableKey(forAddress: "dave@example.org", purpose: .encrypt)
        }

        #expect(error.code == .noKey)
        #expect(error.address == "dave@example.org")
        #expect(error.reason.contains("dave@example.org"))
    }

    @Test func anExpiredKeyIsNamedWithItsExpiryDate() throws {
        let home = try TestHome(publicKeys: [.expired])
        let key = try home.context.key(fingerprint: TestKey.expired.fingerprint)

        let error = try #require(throws: OpenPGPError.self) {
            try home.context.usableKey(forAddress: TestKey.expired.address, purpose: .encrypt)
        }

        #expect(error.code == .keyExpired)
        #expect(error.date == key.expires)
        #expect(error.keys == [TestKey.expired.fingerprint])
        #expect(error.reason.contains("expired@example.org"))
        let day = String(ISO8601DateFormatter().string(from: try #require(key.expires)).prefix(10))
        #expect(error.reason.contains(day))
    }

    @Test func aRevokedKeyIsNamed() throws {
        let home = try TestHome(publicKeys: [.revoked])

        let error = try #require(throws: OpenPGPError.self) {
            try home.context.usableKey(forAddress: TestKey.revoked.address, purpose: .encrypt)
        }

        #expect(error.code == .keyRevoked)
        #expect(error.reason.contains(TestKey.revoked.fingerprint))
        #expect(error.reason.contains("revoked"))
    }

    @Test func aDisabledKeyIsNamed() throws {
        let home = try TestHome(publicKeys: [.carol])
        let disabled = try home.gpg(["--edit-key", TestKey.carol.fingerprint, "disable", "quit"])
        try #require(disabled.status == 0)

        let error = try #require(throws: OpenPGPError.self) {
            try home.context.usableKey(fingerprint: TestKey.carol.fingerprint, purpose: .encrypt)
        }

        #expect(error.code == .keyDisabled)
        #expect(try home.context.key(fingerprint: TestKey.carol.fingerprint).isDisabled)
    }

    @Test func aSignOnlyKeyIsNotUsableForEncryption() throws {
        let home = try TestHome()
        let made = try home.gpg([
            "--passphrase", "", "--pinentry-mode", "loopback", "--quick-gen-key",
            "Signer <signer@example.org>", "ed25519", "sign", "never",
        ])
        try #require(made.status == 0)

        let error = try #require(throws: OpenPGPError.self) {
            try home.context.usableKey(forAddress: "signer@example.org", purpose: .encrypt)
        }
        let signer = try home.context.usableKey(forAddress: "signer@example.org", purpose: .sign)

        #expect(error.code == .notUsableForEncryption)
        #expect(error.reason.contains("no valid subkey that may encrypt"))
        #expect(signer.canSign && !signer.canEncrypt)
    }

    @Test func aRevokedUserIDMakesItsAddressUnusableButNotTheOthers() throws {
        let home = try TestHome()
        let options = ["--passphrase", "", "--pinentry-mode", "loopback"]
        let made = try home.gpg(options + [
            "--quick-gen-key", "Dora <dora@example.org>", "future-default", "default", "never",
        ])
        try #require(made.status == 0)
        let fingerprint = try #require(try home.context.keys(forAddress: "dora@example.org")
            .first?.fingerprint)
        let old = "Dora <old@example.org>"
        let added = try home.gpg(options + ["--quick-add-uid", fingerprint, old])
        let revoked = try home.gpg(options + ["--quick-revoke-uid", fingerprint, old])
        try #require(added.status == 0 && revoked.status == 0, "\(revoked.stderrText)")

        let error = try #require(throws: OpenPGPError.self) {
            try home.context.usableKey(forAddress: "old@example.org", purpose: .encrypt)
        }
        let current = try home.context.usableKey(forAddress: "dora@example.org", purpose: .encrypt)

        #expect(error.code == .keyRevoked)
        #expect(error.reason.contains("revoked its user ID for this address"))
        #expect(current.fingerprint == fingerprint)
        #expect(current.addresses == ["dora@example.org"])
        #expect(current.userIDs.filter(\.isRevoked).map(\.email) == ["old@example.org"])
    }

    @Test func anExpiredOlderKeyDoesNotHideANewerValidOne() throws {
        let home = try TestHome(publicKeys: [.expired])
        let made = try home.gpg([
            "--passphrase", "", "--pinentry-mode", "loopback", "--quick-gen-key",
            "Renewed <expired@example.org>", "future-default", "default", "never",
        ])
        try #require(made.status == 0)

        let chosen = try home.context.usableKey(
            forAddress: "expired@example.org", purpose: .encrypt)

        #expect(try home.context.keys(forAddress: "expired@example.org").count == 2)
        #expect(chosen.fingerprint != TestKey.expired.fingerprint)
        #expect(chosen.userIDs.first?.name == "Renewed")
    }

    @Test func signingNeedsTheSecretKey() throws {
        let home = try TestHome(publicKeys: [.carol])

        let error = try #require(throws: OpenPGPError.self) {
            try home.context.usableKey(forAddress: TestKey.carol.address, purpose: .sign)
        }

        #expect(error.code == .noSecretKey)
        #expect(error.reason.contains("carol@example.org"))
    }
}
