import Foundation
import Testing
import TestSupport

/// `openssl` as an S/MIME peer.
enum OpenSSL {
    @discardableResult
    static func cms(_ arguments: [String], input: Data? = nil) throws -> ProcessResult {
        try ProcessRunner.run("openssl", ["cms"] + arguments, input: input)
    }

    /// The content encryption algorithm of a CMS object as `openssl cms -print` names it.
    static func contentEncryptionAlgorithm(ofSMIME message: URL) throws -> String {
        let printed = try cms(["-cmsout", "-print", "-in", message.path])
        try printed.requireSuccess()
        let lines = printed.stdoutText.split(separator: "\n")
        let header = try #require(lines.firstIndex { $0.contains("contentEncryptionAlgorithm") })
        return lines[header + 1].trimmingCharacters(in: .whitespaces)
    }

    /// `name`'s key and certificate as PKCS#12 with the old 3DES and SHA-1 MAC that
    /// gpgsm 2.2 and every NSS read, under `password`.
    static func legacyPKCS12(_ name: String, password: String, into folder: URL) throws -> URL {
        let url = folder.appendingPathComponent("\(name).legacy.p12")
        try ProcessRunner.run("openssl", [
            "pkcs12", "-export", "-in", TestKey.smime("\(name).crt").path,
            "-inkey", TestKey.smime("\(name).key").path, "-name", name,
            "-keypbe", "PBE-SHA1-3DES", "-certpbe", "PBE-SHA1-3DES", "-macalg", "sha1",
            "-passout", "pass:\(password)", "-out", url.path,
        ]).requireSuccess()
        return url
    }
}

/// A throwaway NSS database (the CMS engine of Thunderbird) for `cmsutil`.
final class NSSDatabase: @unchecked Sendable {
    // Immutable after init; removed with the value.
    let directory = TemporaryDirectory("mailseal-cli-nss")
    var path: String { "sql:\(directory.url.path)" }

    /// A database trusting the test CA and holding the keys of `identities`.
    init(identities: [String]) throws {
        try ProcessRunner.run("certutil", ["-N", "--empty-password", "-d", path])
            .requireSuccess()
        try ProcessRunner.run("certutil", [
            "-A", "-n", "MailSeal Test CA", "-t", "C,C,C", "-d", path,
            "-i", TestKey.smime("ca.crt").path,
        ]).requireSuccess()
        for name in identities {
            let bundle = try OpenSSL.legacyPKCS12(name, password: "nss", into: directory.url)
            try ProcessRunner.run("pk12util", [
                "-i", bundle.path, "-d", path, "-W", "nss", "-K", "",
            ]).requireSuccess()
        }
    }

    @discardableResult
    func cmsutil(_ arguments: [String]) throws -> ProcessResult {
        try ProcessRunner.run("cmsutil", arguments + ["-d", path, "-p", ""])
    }

    func write(_ name: String, _ data: Data) throws -> URL {
        let url = directory.file(name)
        try data.write(to: url)
        return url
    }
}

/// A temporary GNUPGHOME for `gpgsm`: the test CA trusted through trustlist.txt, CRL
/// checks off because the test CA publishes none.
final class GpgsmHome: @unchecked Sendable {
    let directory = TemporaryDirectory("mailseal-cli-gpgsm")
    /// Named `gnupg` so that TemporaryDirectory stops its agent.
    var homedir: URL { directory.file("gnupg") }
    private let password = "gpgsm-test"

    /// A home that knows the CA and, when given, holds `identity`'s key.
    init(identity: String? = nil) throws {
        try FileManager.default.createDirectory(
            at: homedir, withIntermediateDirectories: false,
            attributes: [.posixPermissions: 0o700])
        try Data("disable-crl-checks\n".utf8)
            .write(to: homedir.appendingPathComponent("gpgsm.conf"))
        try Data("\(try Self.caFingerprint()) S\n".utf8)
            .write(to: homedir.appendingPathComponent("trustlist.txt"))
        try gpgsm(["--import", TestKey.smime("ca.crt").path]).requireSuccess()
        if let identity {
            let bundle = try OpenSSL.legacyPKCS12(identity, password: password,
                                                  into: directory.url)
            // gpgsm 2.2 now and then misreads the loopback passphrase of a PKCS#12
            // import under load ("decryption failed"); the import is set-up, not what
            // is tested, so it is tried a second time before the test gives up.
            let first = try gpgsm(["--import", bundle.path], passphrase: true)
            if first.status != 0 {
                try gpgsm(["--import", bundle.path], passphrase: true).requireSuccess()
            }
        }
    }

    /// Runs gpgsm with status lines on stdout; the PKCS#12 password goes on stdin
    /// (gpgsm has no `--passphrase-file`), never on the command line.
    @discardableResult
    func gpgsm(_ arguments: [String], passphrase: Bool = false) throws -> ProcessResult {
        var options = ["--homedir", homedir.path, "--batch", "--status-fd", "1"]
        if passphrase {
            options += ["--pinentry-mode", "loopback", "--passphrase-fd", "0"]
        }
        return try ProcessRunner.run(
            "gpgsm", options + arguments, input: passphrase ? Data("\(password)\n".utf8) : nil)
    }

    func write(_ name: String, _ data: Data) throws -> URL {
        let url = directory.file(name)
        try data.write(to: url)
        return url
    }

    /// The CA's SHA-1 fingerprint as trustlist.txt writes it, `AB:CD:…`.
    private static func caFingerprint() throws -> String {
        let result = try ProcessRunner.run("openssl", [
            "x509", "-in", TestKey.smime("ca.crt").path, "-noout", "-fingerprint", "-sha1",
        ])
        try result.requireSuccess()
        let value = result.stdoutText.split(separator: "=").last ?? ""
        return value.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
