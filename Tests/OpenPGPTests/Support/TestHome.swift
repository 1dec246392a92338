import Foundation
import MailSealOpenPGP
import TestSupport

/// One test's own GnuPG home at `<tmp>/gnupg`, removed (agent killed) with the value.
final class TestHome {
    let directory: TemporaryDirectory
    let context: OpenPGPContext

    var home: URL { directory.file("gnupg") }

    /// A home holding the public keys of `publicKeys` and the secret keys of `secretKeys`,
    /// with the passphrase of the first secret key unless `passphrase` says otherwise.
    init(
        publicKeys: [TestKey] = [], secretKeys: [TestKey] = [], passphrase: String? = nil
    ) throws {
        // A short prefix: gpg-agent's socket path must stay short.
        directory = TemporaryDirectory("pgp")
        let secret = passphrase ?? secretKeys.first?.passphrase
        context = try OpenPGPContext(
            homeDirectory: directory.file("gnupg"), passphrase: secret.map { .literal($0) })
        for key in publicKeys { _ = try context.importKeys(key.publicKey) }
        for key in secretKeys { _ = try context.importKeys(key.secretKey) }
    }

    deinit { removeGnuPGHome(home) }

    /// Writes `data` into the test's folder and returns its location.
    func write(_ name: String, _ data: Data) throws -> URL {
        let url = directory.file(name)
        try data.write(to: url)
        return url
    }

    /// Runs gpg on this very home, as a peer would (`--batch`, never ~/.gnupg).
    func gpg(_ arguments: [String], input: Data? = nil) throws -> ProcessResult {
        try ProcessRunner.run(
            "gpg", ["--homedir", home.path, "--batch", "--yes", "--no-tty"] + arguments,
            input: input)
    }
}

/// Stops the agent of a GnuPG home and removes the home, retrying while the agent
/// still writes: after unlocking a key it rewrites the key file, and a removal that
/// races with that write leaves files (secret keys among them) behind.
func removeGnuPGHome(_ home: URL) {
    _ = try? ProcessRunner.run("gpgconf", ["--homedir", home.path, "--kill", "all"])
    for _ in 0..<50 {
        guard FileManager.default.fileExists(atPath: home.path) else { return }
        if (try? FileManager.default.removeItem(at: home)) != nil { return }
        usleep(100_000)
    }
}
