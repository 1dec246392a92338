import Foundation
import Testing
import TestSupport

/// One person's MailSeal home in a temporary folder, set up from TestKeys with the tool
/// itself (`keys import`, `keys trust`), and the folder of files the test works on.
final class MailSealUser: @unchecked Sendable {
    // Immutable after init; the folder goes when the value does.
    let name: String
    let directory: TemporaryDirectory

    /// The home: the temporary folder itself, so that its `gnupg` agent is stopped.
    var home: URL { directory.url }
    var address: String { "\(name)@example.org" }
    var passphrase: String { "\(name)-passphrase" }
    /// Where the test keeps its messages, apart from the home's own files.
    var files: URL { directory.file("files") }

    /// A home for `name` ("alice", "bob", "carol") with their own OpenPGP secret key
    /// and S/MIME identity, the public keys and certificates of `correspondents`, and
    /// the test CA as trust anchor when `trustsCA`.
    init(_ name: String, knowing correspondents: [String] = ["alice", "bob", "carol"],
         trustsCA: Bool = true, ownKeys: Bool = true) throws {
        self.name = name
        directory = TemporaryDirectory("mailseal-cli-\(name)")
        try FileManager.default.createDirectory(
            at: files, withIntermediateDirectories: false,
            attributes: [.posixPermissions: 0o700])

        var keyFiles: [URL] = []
        if ownKeys {
            keyFiles.append(TestKey.openPGP("\(name).sec.asc"))
            // carol has no PKCS#12 bundle: her certificate and PEM key instead.
            keyFiles += name == "carol"
                ? [TestKey.smime("carol.crt"), TestKey.smime("carol.key")]
                : [TestKey.smime("\(name).p12")]
        }
        for other in correspondents where other != name {
            keyFiles += [TestKey.openPGP("\(other).pub.asc"), TestKey.smime("\(other).crt")]
        }
        if !keyFiles.isEmpty {
            try mailseal(["keys", "import"] + keyFiles.map(\.path)).requireSuccess()
        }
        if trustsCA {
            try mailseal(["keys", "trust", TestKey.smime("ca.crt").path]).requireSuccess()
        }
    }

    /// Runs the built `mailseal` on this home, with this person's passphrase.
    @discardableResult
    func mailseal(
        _ arguments: [String], input: Data? = nil, environment: [String: String] = [:]
    ) throws -> ProcessResult {
        var env = ["MAILSEAL_HOME": home.path, "MAILSEAL_PASSPHRASE": passphrase]
        env.merge(environment) { _, new in new }
        return try ProcessRunner.run(
            ProjectPaths.mailsealBinary.path, arguments, input: input, environment: env,
            currentDirectory: files)
    }

    /// A file in this person's working folder.
    func file(_ name: String) -> URL { files.appendingPathComponent(name) }

    /// Writes `data` into the working folder and returns its path.
    @discardableResult
    func write(_ name: String, _ data: Data) throws -> URL {
        let url = file(name)
        try data.write(to: url)
        return url
    }

    /// The names in the working folder, hidden ones included, sorted.
    func fileNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: files.path).sorted()
    }
}
