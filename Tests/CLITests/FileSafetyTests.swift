import Foundation
import Testing
import TestSupport

/// Plaintext and keys are never readable by others, and no temporary file survives.
@Suite struct FileSafetyTests {
    private func mode(_ url: URL) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return try #require(attributes[.posixPermissions] as? Int) & 0o777
    }

    /// Alice's S/MIME message for Bob, in Bob's working folder.
    private func sealedForBob(_ bob: MailSealUser) throws -> URL {
        let alice = try MailSealUser("alice")
        let sealed = try alice.mailseal(
            ["encrypt", "--method", "smime", "--to", "bob@example.org",
             Example.url("plain.eml").path])
        try sealed.requireSuccess()
        return try bob.write("in.eml", sealed.stdout)
    }

    @Test(arguments: [false, true])
    func theDecryptedMessageIsReadableOnlyByItsOwner(replacingAnOpenFile: Bool) throws {
        let bob = try MailSealUser("bob")
        let input = try sealedForBob(bob)
        let output = bob.file("opened.eml")
        if replacingAnOpenFile {
            try bob.write("opened.eml", Data("old".utf8))
            try FileManager.default.setAttributes(
                [.posixPermissions: 0o644], ofItemAtPath: output.path)
        }

        try bob.mailseal(["decrypt", "-o", output.path, input.path]).requireSuccess()

        #expect(try mode(output) == 0o600)
        #expect(try Data(contentsOf: output).text.contains("Subject: Prescription renewed"))
        // Nothing but the input and the output: no temporary file beside them.
        #expect(try bob.fileNames() == ["in.eml", "opened.eml"])
    }

    @Test func afterAFailedDecryptionNoFileIsLeftBeside() throws {
        let carol = try MailSealUser("carol")
        let bob = try MailSealUser("bob")
        let input = try sealedForBob(bob)
        let sealed = try carol.write("in.eml", Data(contentsOf: input))

        let result = try carol.mailseal(
            ["decrypt", "-o", carol.file("opened.eml").path, sealed.path])

        #expect(result.status == 1)
        #expect(try carol.fileNames() == ["in.eml"])
    }

    @Test func aWriteThatFailsAtTheLastStepLeavesNoTemporaryFile() throws {
        let bob = try MailSealUser("bob")
        let input = try sealedForBob(bob)
        // A folder where the output should go: the temporary file beside it can be made,
        // but it cannot be renamed over the folder.
        let output = bob.file("opened.eml")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: false)

        let result = try bob.mailseal(["decrypt", "-o", output.path, input.path])

        result.expectError(74, naming: output.path, ["cannot write"])
        #expect(try bob.fileNames() == ["in.eml", "opened.eml"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).isEmpty)
    }

    @Test func importedKeysAreReadableOnlyByTheirOwner() throws {
        let bob = try MailSealUser("bob")
        let smimeKeys = bob.home.appendingPathComponent("smime/keys")
        let gnupgKeys = bob.home.appendingPathComponent("gnupg/private-keys-v1.d")

        let smime = try FileManager.default.contentsOfDirectory(atPath: smimeKeys.path)
        let gnupg = try FileManager.default.contentsOfDirectory(atPath: gnupgKeys.path)

        #expect(!smime.isEmpty)
        #expect(!gnupg.isEmpty)
        for name in smime {
            #expect(try mode(smimeKeys.appendingPathComponent(name)) == 0o600, "\(name)")
        }
        for name in gnupg {
            #expect(try mode(gnupgKeys.appendingPathComponent(name)) == 0o600, "\(name)")
        }
        for folder in [bob.home, smimeKeys, gnupgKeys] {
            #expect(try mode(folder) == 0o700, "\(folder.path)")
        }
    }
}
