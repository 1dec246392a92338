import Foundation
import Testing
import TestSupport

/// A separate `gpg` with its own temporary home: the other side of the mail.
final class GnuPGPeer: @unchecked Sendable {
    // Immutable after init; the folder (and its agent) go when the value does.
    let directory = TemporaryDirectory("mailseal-cli-gpg")

    /// Named `gnupg` so that TemporaryDirectory stops its agent.
    var homedir: URL { directory.file("gnupg") }

    /// A peer holding `keyFiles` from TestKeys/openpgp ("bob.sec.asc", "alice.pub.asc").
    init(_ keyFiles: [String]) throws {
        try FileManager.default.createDirectory(
            at: homedir, withIntermediateDirectories: false,
            attributes: [.posixPermissions: 0o700])
        for name in keyFiles {
            try gpg(["--import", TestKey.openPGP(name).path]).requireSuccess()
        }
    }

    /// Runs gpg on the peer's home, status lines on stdout; a passphrase goes through a
    /// 0600 file, never the command line.
    @discardableResult
    func gpg(_ arguments: [String], input: Data? = nil, passphrase: String? = nil) throws
        -> ProcessResult
    {
        var options = ["--homedir", homedir.path, "--batch", "--yes", "--no-tty",
                       "--status-fd", "1"]
        if let passphrase {
            let file = try write("passphrase", Data(passphrase.utf8))
            try FileManager.default.setAttributes(
                [.posixPermissions: 0o600], ofItemAtPath: file.path)
            options += ["--pinentry-mode", "loopback", "--passphrase-file", file.path]
        }
        return try ProcessRunner.run("gpg", options + arguments, input: input)
    }

    /// Writes `data` into the peer's folder and returns its location.
    @discardableResult
    func write(_ name: String, _ data: Data) throws -> URL {
        let url = directory.file(name)
        try data.write(to: url)
        return url
    }

    /// `name`'s secret key with its passphrase removed, for `sq`, which asks for a
    /// passphrase only on a terminal. gpg's `--passwd` takes the old passphrase and an
    /// empty new one (twice) as answers on the command fd.
    static func unprotectedSecretKey(_ name: String, into folder: URL) throws -> URL {
        let peer = try GnuPGPeer(["\(name).sec.asc"])
        let answers = Data("\(name)-passphrase\n\n\n".utf8)
        try peer.gpg(
            ["--pinentry-mode", "loopback", "--command-fd", "0", "--passwd",
             "\(name)@example.org"], input: answers).requireSuccess()
        let exported = try peer.gpg(
            ["--pinentry-mode", "loopback", "--passphrase", "", "--armor",
             "--export-secret-keys", "\(name)@example.org"])
        try exported.requireSuccess()
        let url = folder.appendingPathComponent("\(name).unprotected.asc")
        try exported.stdout.write(to: url)
        return url
    }
}

/// Sequoia's `sq` 0.27, which keeps no state: keys and certificates are files.
enum Sequoia {
    static func run(_ arguments: [String], input: Data? = nil) throws -> ProcessResult {
        try ProcessRunner.run("sq", arguments, input: input)
    }
}
