import Foundation
import MailSealSMIME
import Testing
import TestSupport

/// Against GnuPG's `gpgsm`, in a temporary GNUPGHOME that trusts the test CA through
/// trustlist.txt. CRL checks are off: the test CA publishes no CRL.
@Suite struct GpgsmInteropTests {
    let content = Data("gpgsm interop body\r\n".utf8)

    final class Home {
        let directory = TemporaryDirectory("mailseal-gpgsm")
        // TemporaryDirectory stops the agent of a home named "gnupg" when it goes.
        var path: String { directory.file("gnupg").path }

        init() throws {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: false,
                attributes: [.posixPermissions: 0o700])
            try Data("disable-crl-checks\n".utf8).write(
                to: URL(fileURLWithPath: path).appendingPathComponent("gpgsm.conf"))
            let fingerprint = try TestIdentity.ca.sha1FingerprintWithColons()
            try Data("\(fingerprint) S\n".utf8).write(
                to: URL(fileURLWithPath: path).appendingPathComponent("trustlist.txt"))
            try gpgsm(["--import"] + ["ca", "alice", "bob"].map {
                TestIdentity.url("\($0).crt").path
            })
        }

        @discardableResult
        func gpgsm(_ arguments: [String], expectSuccess: Bool = true) throws -> ProcessResult {
            let all = ["--homedir", path, "--batch", "--status-fd", "1"] + arguments
            return expectSuccess
                ? try peer("gpgsm", all) : try ProcessRunner.run("gpgsm", all)
        }
    }

    @Test(arguments: ["alice", "bob"])
    func whatWeSignDetachedGpgsmFindsGoodAndTrusted(signer: String) throws {
        let home = try Home()
        let der = try CMS.sign(
            content, signer: TestIdentity.certificate(signer), key: TestIdentity.key(signer),
            detached: true)

        let result = try home.gpgsm([
            "--verify", der.written(to: home.directory, as: "sig.der"),
            content.written(to: home.directory, as: "content.txt"),
        ])

        #expect(result.stdoutText.contains("[GNUPG:] GOODSIG"))
        #expect(result.stdoutText.contains("[GNUPG:] VALIDSIG"))
        #expect(result.stdoutText.contains("[GNUPG:] TRUST_FULLY"))
    }

    @Test func whatWeSignOpaqueGpgsmVerifiesAndUnwraps() throws {
        let home = try Home()
        let output = home.directory.file("content.out")
        let der = try CMS.sign(
            content, signer: TestIdentity.certificate("alice"), key: TestIdentity.key("alice"),
            detached: false)

        let result = try home.gpgsm([
            "--output", output.path, "--verify", der.written(to: home.directory, as: "s.der"),
        ])

        #expect(result.stdoutText.contains("[GNUPG:] GOODSIG"))
        #expect(try Data(contentsOf: output) == content)
    }

    @Test func gpgsmCallsOurSignatureBadWhenTheContentChanged() throws {
        let home = try Home()
        let der = try CMS.sign(
            content, signer: TestIdentity.certificate("alice"), key: TestIdentity.key("alice"),
            detached: true)

        let result = try home.gpgsm([
            "--verify", der.written(to: home.directory, as: "sig.der"),
            content.flippingByte(at: 0).written(to: home.directory, as: "content.txt"),
        ], expectSuccess: false)

        #expect(result.status != 0)
        #expect(result.stdoutText.contains("[GNUPG:] BADSIG"))
    }

    @Test func whatGpgsmEncryptsWeDecrypt() throws {
        let home = try Home()
        let output = home.directory.file("sealed.der")
        try home.gpgsm([
            "--encrypt", "-r", "alice@example.org", "--output", output.path,
            content.written(to: home.directory, as: "plain.txt"),
        ])

        let result = try CMS.decrypt(
            Data(contentsOf: output), key: TestIdentity.key("alice"),
            certificate: TestIdentity.certificate("alice"))

        #expect(result.content == content)
        #expect(result.contentType == .data)
    }
}

extension Certificate {
    /// The SHA-1 fingerprint as gpg-agent's trustlist.txt writes it, `AB:CD:…`.
    func sha1FingerprintWithColons() throws -> String {
        let result = try ProcessRunner.run(
            "openssl", ["x509", "-inform", "DER", "-noout", "-fingerprint", "-sha1"],
            input: derRepresentation)
        let value = result.stdoutText.split(separator: "=").last ?? ""
        return value.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
