import Foundation
import MailSealOpenPGP
import Testing
import TestSupport

@Suite struct ImportTests {
    @Test func importingAPublicKeyReportsItsCountsAndFingerprint() throws {
        let home = try TestHome()

        let result = try home.context.importKeys(TestKey.alice.publicKey)

        #expect(result.considered == 1)
        #expect(result.imported == 1)
        #expect(result.secretImported == 0)
        #expect(result.fingerprints == [TestKey.alice.fingerprint])
        #expect(try home.context.listKeys().map(\.fingerprint) == [TestKey.alice.fingerprint])
    }

    @Test func importingASecretKeyMakesItAvailableForSecretOperations() throws {
        let home = try TestHome()

        let result = try home.context.importKeys(TestKey.bob.secretKey)

        #expect(result.secretRead == 1)
        #expect(result.secretImported == 1)
        #expect(result.fingerprints == [TestKey.bob.fingerprint])
        let secret = try home.context.listKeys(secretOnly: true)
        #expect(secret.map(\.fingerprint) == [TestKey.bob.fingerprint])
        #expect(secret.first?.hasSecret == true)
    }

    @Test func importingTheSameKeyTwiceLeavesItUnchanged() throws {
        let home = try TestHome(publicKeys: [.carol])

        let result = try home.context.importKeys(TestKey.carol.publicKey)

        #expect(result.imported == 0)
        #expect(result.unchanged == 1)
        #expect(result.fingerprints == [TestKey.carol.fingerprint])
    }

    @Test func importingSeveralKeysAtOnceListsEveryFingerprint() throws {
        let home = try TestHome()
        let bundle = TestKey.alice.publicKey + TestKey.bob.publicKey + TestKey.carol.publicKey

        let result = try home.context.importKeys(bundle)

        #expect(result.imported == 3)
        #expect(Set(result.fingerprints) == Set([TestKey.alice, .bob, .carol].map(\.fingerprint)))
    }

    @Test func aBinaryKeyImportsLikeAnArmoredOne() throws {
        let source = try TestHome(publicKeys: [.bob])
        let binary = try source.context.export(fingerprint: TestKey.bob.fingerprint, armored: false)
        let home = try TestHome()

        let result = try home.context.importKeys(binary)

        #expect(binary.first.map { $0 & 0x80 } == 0x80)
        #expect(result.fingerprints == [TestKey.bob.fingerprint])
    }

    @Test func aVersion6KeyIsRefusedAndTheKeyringStaysUnchanged() throws {
        let home = try TestHome(publicKeys: [.alice])
        let v6 = try Vector.data("rfc9580/v6-25519-annex-a-4/tsk.asc")

        let error = try #require(throws: OpenPGPError.self) { try home.context.importKeys(v6) }

        #expect(error.code == .unsupportedKeyVersion)
        #expect(error.reason.contains("version 6 key"))
        #expect(error.function == "importKeys")
        #expect(try home.context.listKeys().map(\.fingerprint) == [TestKey.alice.fingerprint])
    }

    @Test func dataWithoutAKeyIsRefusedAsMalformed() throws {
        let home = try TestHome()
        let garbage = Data("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n!!!!not base64@@@\n"
            .utf8) + Data("-----END PGP PUBLIC KEY BLOCK-----\n".utf8)

        for input in [garbage, Data("hello, this is not a key\n".utf8), Data()] {
            let error = try #require(throws: OpenPGPError.self) {
                try home.context.importKeys(input)
            }
            #expect(error.code == .malformedData)
        }
        #expect(try home.context.listKeys().isEmpty)
    }
}

@Suite struct ExportTests {
    @Test func anExportedKeyIsArmoredPublicAndImportsElsewhere() throws {
        let source = try TestHome(secretKeys: [.alice])
        let other = try TestHome()

        let exported = try source.context.export(fingerprint: TestKey.alice.fingerprint)
        let result = try other.context.importKeys(exported)

        let text = String(decoding: exported, as: UTF8.self)
        #expect(text.hasPrefix("-----BEGIN PGP PUBLIC KEY BLOCK-----"))
        #expect(!text.contains("PRIVATE KEY"))
        #expect(result.fingerprints == [TestKey.alice.fingerprint])
        #expect(result.secretRead == 0)
        #expect(try other.context.listKeys(secretOnly: true).isEmpty)
    }

    @Test func exportingAnUnknownKeyNamesTheFingerprint() throws {
        let home = try TestHome(publicKeys: [.alice])

        let error = try #require(throws: OpenPGPError.self) {
            try home.context.export(fingerprint: TestKey.bob.fingerprint)
        }

        #expect(error.code == .noKey)
        #expect(error.reason.contains(TestKey.bob.fingerprint))
    }
}
