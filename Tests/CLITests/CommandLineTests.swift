import Foundation
import Testing
import TestSupport

/// The tool's surface: help, version, usage errors, and the exit statuses of missing
/// input and unwritable output (sysexits: 64, 66, 74).
@Suite struct CommandLineTests {
    static let commands = ["encrypt", "sign", "decrypt", "verify", "keys"]

    /// A home with no keys, for commands that fail before any key is needed.
    private func emptyHome() throws -> MailSealUser {
        try MailSealUser("dave", knowing: [], trustsCA: false, ownKeys: false)
    }

    @Test(arguments: commands)
    func helpOnEveryCommandShowsItsUsageAndExitsZero(command: String) throws {
        let home = try emptyHome()

        let result = try home.mailseal([command, "--help"])

        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdoutText.hasPrefix("Usage:\n  mailseal \(command)"))
        #expect(result.stdoutText.contains("--home DIR"))
        #expect(result.stdoutText.contains("--help"))
    }

    @Test func theToolsOwnHelpListsEveryCommand() throws {
        let result = try emptyHome().mailseal(["--help"])

        #expect(result.status == 0)
        for command in Self.commands {
            #expect(result.stdoutText.contains("\n  \(command) "), "\(command)")
        }
    }

    @Test func versionPrintsTheNameAndASemanticVersion() throws {
        let result = try emptyHome().mailseal(["--version"])

        #expect(result.status == 0)
        #expect(result.stdoutText.wholeMatch(of: #/mailseal \d+\.\d+\.\d+\n/#) != nil,
                "\(result.stdoutText)")
    }

    @Test(arguments: commands)
    func anUnknownOptionIsAUsageError(command: String) throws {
        let result = try emptyHome().mailseal([command, "--frobnicate", "x.eml"])

        result.expectError(64, naming: nil, ["unknown option", "--frobnicate"])
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [["bogus"], ["encrypt", "--method", "carrier-pigeon", "--to", "a@b.c"],
                      ["encrypt", "in.eml"], ["decrypt", "a.eml", "b.eml"], ["keys"],
                      ["encrypt", "--to"], ["verify", "--json=yes"]])
    func aMalformedCommandLineIsAUsageError(arguments: [String]) throws {
        let result = try emptyHome().mailseal(arguments)

        result.expectError(64, naming: nil)
        #expect(result.stdout.isEmpty)
    }

    @Test func noArgumentsAtAllIsAUsageError() throws {
        let result = try emptyHome().mailseal([])

        #expect(result.status == 64)
        #expect(result.stderrText.contains("Usage: mailseal COMMAND"))
    }

    @Test(arguments: [["decrypt"], ["verify"], ["sign"], ["encrypt", "--to", "bob@example.org"],
                      ["keys", "import"], ["keys", "trust"]])
    func aMissingInputFileExits66NamingIt(command: [String]) throws {
        let home = try emptyHome()
        let missing = home.file("no-such-message.eml").path

        let result = try home.mailseal(command + [missing])

        result.expectError(66, naming: missing, ["no such file"])
        #expect(try home.fileNames().isEmpty)
    }

    @Test func aFolderAsInputExits66() throws {
        let home = try emptyHome()

        let result = try home.mailseal(["verify", home.files.path])

        result.expectError(66, naming: home.files.path, ["folder"])
    }

    /// Alice's S/MIME message for herself (she keeps a copy), in her working folder.
    private func sealed(by alice: MailSealUser) throws -> URL {
        let result = try alice.mailseal([
            "encrypt", "--method", "smime", "--to", "bob@example.org",
            Example.url("plain.eml").path,
        ])
        try result.requireSuccess()
        return try alice.write("message.eml", result.stdout)
    }

    @Test(arguments: ["sign", "decrypt"], ["missing-folder/out.eml", "plain-file/out.eml"])
    func anUnwritableOutputExits74NamingIt(command: String, output: String) throws {
        let alice = try MailSealUser("alice")
        let input = command == "sign" ? Example.url("plain.eml") : try sealed(by: alice)
        try alice.write("plain-file", Data("not a folder".utf8))
        let before = try alice.fileNames()
        let target = alice.file(output).path

        let result = try alice.mailseal([command, "-o", target, input.path])

        result.expectError(74, naming: target, ["cannot write"])
        #expect(result.stdout.isEmpty)
        #expect(try alice.fileNames() == before)
    }

    @Test(arguments: ["sign", "decrypt"])
    func anOutputThatIsTheInputIsRefusedAndTheInputKept(command: String) throws {
        let alice = try MailSealUser("alice")
        let input = command == "sign"
            ? try alice.write("message.eml", Example.data("plain.eml"))
            : try sealed(by: alice)
        let message = try Data(contentsOf: input)

        // The same file by another spelling: relative, from the working folder.
        let result = try alice.mailseal([command, "-o", "./message.eml", input.path])

        result.expectError(64, naming: "message.eml", ["overwrite the input"])
        #expect(try Data(contentsOf: input) == message)
        #expect(try alice.fileNames() == ["message.eml"])
    }
}
