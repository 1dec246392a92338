import Foundation
import TestSupport

/// A separate gpg with its own temporary home, standing for the other side of the mail.
final class GPGPeer {
    let directory = TemporaryDirectory("peer")

    var home: URL { directory.file("gnupg") }

    init(importing keys: [Data] = []) throws {
        try FileManager.default.createDirectory(
            at: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        for key in keys {
            let result = try run(["--import"], input: key)
            guard result.status == 0 else { throw PeerFailure(result) }
        }
    }

    deinit { removeGnuPGHome(home) }

    /// Runs gpg on the peer's home; a passphrase goes through a 0600 file, never argv.
    func run(
        _ arguments: [String], input: Data? = nil, passphrase: String? = nil
    ) throws -> ProcessResult {
        var options = ["--homedir", home.path, "--batch", "--yes", "--no-tty", "--status-fd", "2"]
        if let passphrase {
            let file = directory.file("passphrase")
            try Data(passphrase.utf8).write(to: file)
            try FileManager.default.setAttributes(
                [.posixPermissions: 0o600], ofItemAtPath: file.path)
            options += ["--pinentry-mode", "loopback", "--passphrase-file", file.path]
        }
        return try ProcessRunner.run("gpg", options + arguments, input: input)
    }

    /// Writes `data` into the peer's folder and returns its location.
    func write(_ name: String, _ data: Data) throws -> URL {
        let url = directory.file(name)
        try data.write(to: url)
        return url
    }
}

/// Sequoia's `sq` 0.27, which keeps no state: keys and certificates are files.
final class SequoiaPeer {
    let directory = TemporaryDirectory("sq")

    /// A key sq generated without a password, and its certificate.
    let keyFile: URL
    let certificateFile: URL

    init(address: String) throws {
        keyFile = directory.file("key.pgp")
        certificateFile = directory.file("cert.pgp")
        let generated = try SequoiaPeer.run(
            ["key", "generate", "--userid", "<\(address)>", "--export", keyFile.path])
        guard generated.status == 0 else { throw PeerFailure(generated) }
        let extracted = try SequoiaPeer.run(
            ["key", "extract-cert", "--output", certificateFile.path, keyFile.path])
        guard extracted.status == 0 else { throw PeerFailure(extracted) }
    }

    var key: Data { (try? Data(contentsOf: keyFile)) ?? Data() }

    var certificate: Data { (try? Data(contentsOf: certificateFile)) ?? Data() }

    func write(_ name: String, _ data: Data) throws -> URL {
        let url = directory.file(name)
        try data.write(to: url)
        return url
    }

    static func run(_ arguments: [String], input: Data? = nil) throws -> ProcessResult {
        try ProcessRunner.run("sq", arguments, input: input)
    }
}

/// A peer program failed where the test needed it to work.
struct PeerFailure: Error, CustomStringConvertible {
    let status: Int32
    let stderr: String

    init(_ result: ProcessResult) {
        status = result.status
        stderr = result.stderrText
    }

    var description: String { "peer exited \(status): \(stderr)" }
}

extension GPGPeer {
    /// Makes an unprotected key for `userID` and returns its fingerprint.
    func generateKey(
        _ userID: String, algorithm: String = "ed25519", usage: String = "sign",
        expires: String = "never", at time: String? = nil
    ) throws -> String {
        let faked = time.map { ["--faked-system-time", $0] } ?? []
        let made = try run(
            faked + ["--passphrase", "", "--pinentry-mode", "loopback", "--quick-gen-key",
                     userID, algorithm, usage, expires])
        guard made.status == 0 else { throw PeerFailure(made) }

        let listing = try run(["--with-colons", "--list-keys", userID]).stdoutText
        let line = listing.split(separator: "\n").first { $0.hasPrefix("fpr:") }
        guard let fingerprint = line?.split(separator: ":").last else { throw PeerFailure(made) }
        return String(fingerprint)
    }

    /// Imports the revocation certificate gpg stored when it made the key.
    func revoke(_ fingerprint: String) throws {
        let stored = home.appendingPathComponent("openpgp-revocs.d/\(fingerprint).rev")
        // gpg writes the armor line as ":-----BEGIN" so that it is not imported by mistake.
        let text = try String(contentsOf: stored, encoding: .utf8)
            .replacingOccurrences(of: ":-----BEGIN", with: "-----BEGIN")
        let imported = try run(["--import"], input: Data(text.utf8))
        guard imported.status == 0 else { throw PeerFailure(imported) }
    }

    /// The peer's public key, armored.
    func export(_ fingerprint: String) throws -> Data {
        let exported = try run(["--armor", "--export", fingerprint])
        guard exported.status == 0, !exported.stdout.isEmpty else { throw PeerFailure(exported) }
        return exported.stdout
    }
}
