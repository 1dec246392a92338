import Foundation
import Testing
import TestSupport

/// `verify` and `decrypt` learn the OpenPGP key of a signed message's Autocrypt header
/// when the signature checks out with it, and `probe` reports the key by that source.
@Suite struct AutocryptLearningTests {
    @Test func keyOfAVerifiedAutocryptHeaderIsLearnedAndUsedForDelivery() throws {
        let bob = try MailSealUser("bob", knowing: [])
        let message = try signedByAlice(autocrypt: header(addr: "alice@example.org"))

        let verified = try bob.mailseal(["verify", bob.write("in.eml", message).path])
        let fingerprint = try TestKey.fingerprint("alice")
        let short = "0x\(fingerprint.prefix(16))…"
        #expect(verified.stdoutText.contains(
            "learned the OpenPGP key \(short) for alice@example.org from its Autocrypt header"))

        let probe = try bob.mailseal(["probe", "--offline", "alice@example.org"])
        try probe.requireSuccess()
        #expect(probe.stdoutText.hasPrefix(
            "alice@example.org  pgp: key \(short) learned from an Autocrypt header"))

        let encrypted = try bob.mailseal(
            ["encrypt", "--to", "alice@example.org", "--method", "pgp", "-o", "out.eml",
             Example.url("plain.eml").path])
        try encrypted.requireSuccess()
        let sealed = try String(contentsOf: bob.file("out.eml"), encoding: .utf8)
        #expect(sealed.contains("multipart/encrypted"))
    }

    @Test func keyOfASignedAndEncryptedMessageIsLearnedByDecrypt() throws {
        let bob = try MailSealUser("bob", knowing: [])
        let message = try signedByAlice(
            autocrypt: header(addr: "alice@example.org"),
            command: ["encrypt", "--sign", "--to", "bob@example.org"])

        let decrypted = try bob.mailseal(
            ["decrypt", "-o", "out.eml", bob.write("in.eml", message).path])

        #expect(decrypted.stderrText.contains("from its Autocrypt header"))
        let probe = try bob.mailseal(["probe", "--offline", "alice@example.org"])
        #expect(probe.stdoutText.contains("pgp: key 0x"))
        #expect(probe.stdoutText.contains("learned from an Autocrypt header"))
    }

    @Test func policyRefusingDiscoveredKeysRefusesAnAutocryptKey() throws {
        let bob = try MailSealUser("bob", knowing: [])
        let message = try signedByAlice(autocrypt: header(addr: "alice@example.org"))
        try bob.mailseal(["verify", bob.write("in.eml", message).path])
        let policy = try bob.write("policy.json", Data("""
            { "version": 1, "methods": ["pgp", "portal"], "allowDiscoveredKeys": false }
            """.utf8))

        let probe = try bob.mailseal(
            ["probe", "--offline", "--policy", policy.path, "alice@example.org"])

        try probe.requireSuccess()
        #expect(probe.stdoutText.hasPrefix("alice@example.org  portal:"))
        #expect(probe.stdoutText.contains(
            "learned from an Autocrypt header, but the policy refuses discovered keys"))
    }

    @Test func keyTheUserImportedStaysMarkedAsImported() throws {
        let bob = try MailSealUser("bob", knowing: ["alice"])
        let message = try signedByAlice(autocrypt: header(addr: "alice@example.org"))

        let verified = try bob.mailseal(["verify", bob.write("in.eml", message).path])

        try verified.requireSuccess()
        #expect(!verified.stdoutText.contains("learned"))
        let policy = try bob.write("policy.json", Data("""
            { "version": 1, "methods": ["pgp", "portal"] }
            """.utf8))
        let probe = try bob.mailseal(
            ["probe", "--offline", "--policy", policy.path, "alice@example.org"])
        #expect(!probe.stdoutText.contains("Autocrypt"))
        #expect(probe.stdoutText.hasPrefix("alice@example.org  pgp: key 0x"))
        #expect(probe.stdoutText.contains("in the home"))
    }

    @Test func headerForAnotherAddressThanFromTeachesNothing() throws {
        let bob = try MailSealUser("bob", knowing: [])
        let message = try signedByAlice(autocrypt: header(addr: "carol@example.org"))

        try expectNothingLearned(bob, from: message)
    }

    @Test func alteredSignedMessageTeachesNothing() throws {
        let bob = try MailSealUser("bob", knowing: [])
        let message = try signedByAlice(autocrypt: header(addr: "alice@example.org"))
        let altered = try #require(String(data: message, encoding: .utf8))
            .replacingOccurrences(of: "pharmacy", with: "pharmacx")
        #expect(altered.utf8.count == message.count)

        try expectNothingLearned(bob, from: Data(altered.utf8))
    }

    @Test func headerCarryingAKeyForAnotherPersonTeachesNothing() throws {
        let bob = try MailSealUser("bob", knowing: [])
        let message = try signedByAlice(
            autocrypt: header(addr: "alice@example.org", keyOf: "carol"))

        try expectNothingLearned(bob, from: message)
        let carol = try bob.mailseal(["probe", "--offline", "carol@example.org"])
        #expect(!carol.stdoutText.contains("pgp:"))
    }

    // MARK: - Helpers

    private func expectNothingLearned(
        _ bob: MailSealUser, from message: Data,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let verified = try bob.mailseal(["verify", bob.write("in.eml", message).path])
        #expect(verified.status == 1, sourceLocation: sourceLocation)
        #expect(!verified.stdoutText.contains("learned"), sourceLocation: sourceLocation)

        let probe = try bob.mailseal(["probe", "--offline", "alice@example.org"])
        #expect(probe.stdoutText.hasPrefix("alice@example.org  portal: no key or certificate"),
                sourceLocation: sourceLocation)
    }

    /// Examples/plain.eml with `autocrypt` added, signed by Alice with `mailseal sign`
    /// (or `command`).
    private func signedByAlice(autocrypt: String, command: [String] = ["sign"]) throws -> Data {
        let alice = try MailSealUser("alice", knowing: ["bob"])
        let plain = try String(contentsOf: Example.url("plain.eml"), encoding: .utf8)
        let input = "Autocrypt: \(autocrypt)\n" + plain
        let path = try alice.write("plain.eml", Data(input.utf8)).path
        try alice.mailseal(command + ["--method", "pgp", "-o", "signed.eml", path])
            .requireSuccess()
        return try Data(contentsOf: alice.file("signed.eml"))
    }

    /// An Autocrypt header value for `addr` carrying the public key of `keyOf`, folded.
    private func header(addr: String, keyOf name: String = "alice") throws -> String {
        let peer = try GnuPGPeer(["\(name).pub.asc"])
        let exported = peer.directory.file("key.gpg")
        try peer.gpg(["--output", exported.path, "--export", "\(name)@example.org"])
            .requireSuccess()
        let base64 = try Data(contentsOf: exported).base64EncodedString()
        var lines: [String] = []
        var rest = Substring(base64)
        while !rest.isEmpty {
            lines.append(String(rest.prefix(72)))
            rest = rest.dropFirst(72)
        }
        return "addr=\(addr); prefer-encrypt=mutual; keydata=\n "
            + lines.joined(separator: "\n ")
    }
}
