import Foundation
import MailSealOpenPGP
import Testing
import TestSupport

@Suite struct ContextTests {
    @Test func creatingAContextMakesThePrivateHomeFolder() throws {
        let directory = TemporaryDirectory("pgp")
        defer { withExtendedLifetime(directory) {} }
        let home = directory.file("gnupg/nested")

        let context = try OpenPGPContext(homeDirectory: home)

        let attributes = try FileManager.default.attributesOfItem(atPath: home.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        #expect(context.homeDirectory.path == home.path)
        // No operation here: an agent for this nested home would outlive the test.
    }

    @Test func anExistingHomeHasItsModeTightened() throws {
        let directory = TemporaryDirectory("pgp")
        defer { withExtendedLifetime(directory) {} }
        let home = directory.file("gnupg")
        try FileManager.default.createDirectory(
            at: home, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])

        _ = try OpenPGPContext(homeDirectory: home)

        let attributes = try FileManager.default.attributesOfItem(atPath: home.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
    }

    @Test func aFileWhereTheHomeShouldBeIsRefused() throws {
        let directory = TemporaryDirectory("pgp")
        defer { withExtendedLifetime(directory) {} }
        let file = directory.file("gnupg")
        try Data("x".utf8).write(to: file)

        let error = try #require(throws: OpenPGPError.self) {
            try OpenPGPContext(homeDirectory: file)
        }
        #expect(error.code == .homeDirectory)
        #expect(error.reason.contains(file.path))
    }
}

@Suite struct PassphraseTests {
    @Test func aPassphraseFileGivesItsFirstLineOnly() throws {
        let directory = TemporaryDirectory("pgp")
        defer { withExtendedLifetime(directory) {} }
        let file = directory.file("pass")
        try Data("alice-passphrase\r\nsecond line\n".utf8).write(to: file)
        let home = try TestHome(secretKeys: [.alice], passphrase: "unused")
        defer { withExtendedLifetime(home) {} }
        let context = try OpenPGPContext(
            homeDirectory: home.home, passphrase: .file(file))

        let signature = try context.signDetached(Data("x".utf8), signer: TestKey.alice.fingerprint)

        #expect(!signature.signature.isEmpty)
    }

    @Test func aMissingPassphraseFileIsNamed() throws {
        let missing = URL(fileURLWithPath: "/nonexistent/mailseal-pass")

        let error = try #require(throws: OpenPGPError.self) { try OpenPGPPassphrase.file(missing) }

        #expect(error.code == .passphraseUnavailable)
        #expect(error.reason.contains("/nonexistent/mailseal-pass"))
    }

    @Test func anUnsetEnvironmentVariableIsNamed() throws {
        let name = "MAILSEAL_TEST_UNSET_\(UUID().uuidString.prefix(8))"

        let error = try #require(throws: OpenPGPError.self) {
            try OpenPGPPassphrase.environment(name)
        }

        #expect(error.code == .passphraseUnavailable)
        #expect(error.reason.contains(name))
    }

    @Test func thePassphraseNeverAppearsInDescriptions() throws {
        let passphrase = OpenPGPPassphrase.literal("s3cret-value")

        let texts = [
            passphrase.description, String(reflecting: passphrase), "\(passphrase)",
            String(describing: Mirror(reflecting: passphrase).children.map(\.value)),
        ]

        for text in texts { #expect(!text.contains("s3cret-value")) }
        #expect(passphrase.description.contains("literal"))
    }
}
