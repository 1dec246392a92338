import Foundation
import Testing
import TestSupport

/// `mailseal probe` as a person runs it: the built binary, against the loopback world.
@Suite(.serialized)
struct DecisionCLITests {
    let home = TemporaryDirectory()

    func probe(_ arguments: [String], world: Bool = true) throws -> ProcessResult {
        var options = ["probe", "--home", home.url.path]
        if world {
            let world = try DNSTestWorld.require()
            options += [
                "--resolver", world.dnsServer.replacingOccurrences(of: "@", with: ":"),
                "--trust-anchor", world.trustAnchors,
                "--ca-file", SMTPWorld.caFile, "--ca-file", world.httpsCAFile,
                "--timeout", "2",
            ]
        }
        return try ProcessRunner.run(ProjectPaths.mailsealBinary.path, options + arguments)
    }

    @Test func noAddressIsAUsageError() throws {
        let result = try probe([], world: false)

        #expect(result.status == 64)
        #expect(result.stderrText == "Error: probe needs at least one ADDR\n")
    }

    @Test func missingPolicyFileExitsWith66() throws {
        let missing = home.file("absent.json").path
        let result = try probe(["--policy", missing, "a@example.net"], world: false)

        #expect(result.status == 66)
        #expect(result.stderrText == "Error: \(missing): no such policy file\n")
    }

    @Test func badPolicyFileExitsWith65NamingTheLine() throws {
        let file = home.file("policy.json")
        try Data("{\n  \"methods\": [\"smime\",\n    \"fax\"]\n}\n".utf8).write(to: file)

        let result = try probe(["--policy", file.path, "a@example.net"], world: false)

        #expect(result.status == 65)
        #expect(result.stderrText == "Error: \(file.path):3: unknown delivery method \"fax\" in "
            + "\"methods\"; expected smime, pgp, tls or portal\n")
        #expect(result.stdout.isEmpty)
    }

    @Test func helpNamesTheOptions() throws {
        let result = try probe(["--help"], world: false)

        #expect(result.status == 0)
        #expect(result.stdoutText.contains("--resolver ADDR[:PORT]"))
        #expect(result.stdoutText.contains("--sensitive"))
    }

    @Test(.enabled(if: SMTPWorld.dnsStarted, "the test world did not start"))
    func oneLinePerRecipient() throws {
        let result = try probe([
            "alice@ok.example.test", "bob@nostarttls.example.test", "grace@dane.signed.test",
        ])

        let expected: [String] = [
            "alice@ok.example.test  tls: MX mx-ok.example.test offers STARTTLS, TLS 1.3, "
                + "certificate valid, MTA-STS enforce",
            "bob@nostarttls.example.test  portal: no key or certificate; "
                + "MX mx-nostarttls.example.test offers no STARTTLS",
            "grace@dane.signed.test  tls: MX mx-ok.signed.test offers STARTTLS, TLS 1.3, "
                + "certificate not valid for mx-ok.signed.test, DANE validated",
        ]
        let lines = result.stdoutText.split(separator: "\n").map(String.init)
        #expect(result.status == 0)
        #expect(lines == expected)
    }

    @Test(.enabled(if: SMTPWorld.dnsStarted, "the test world did not start"))
    func recipientWithoutAMethodExitsWith1() throws {
        let result = try probe(["alice@ok.example.test", "ivan@nullmx.example.test"])

        #expect(result.status == 1)
        #expect(result.stdoutText.hasSuffix(
            "ivan@nullmx.example.test  none: nullmx.example.test accepts no mail (null MX)\n"))
    }

    @Test(.enabled(if: SMTPWorld.dnsStarted, "the test world did not start"))
    func jsonHasAddressMethodReasonsAndEvidence() throws {
        let result = try probe(["--json", "carol@badcert.example.test"])

        #expect(result.status == 0)
        let parsed = try JSONSerialization.jsonObject(with: result.stdout)
        let array = try #require(parsed as? [[String: Any]])
        let first = try #require(array.first)
        #expect(first["address"] as? String == "carol@badcert.example.test")
        #expect(first["method"] as? String == "portal")
        #expect((first["reasons"] as? [String])?.last
            == "TLS opportunistic is below the required verified")
        let evidence = try #require(first["evidence"] as? [String: Any])
        let domain = try #require(evidence["domain"] as? [String: Any])
        let servers = try #require(domain["servers"] as? [[String: Any]])
        let probe = try #require(servers.first?["probe"] as? [String: Any])
        let tls = try #require(probe["tls"] as? [String: Any])
        #expect(tls["nameMatches"] as? Bool == false)
        #expect(tls["chainVerified"] as? Bool == true)
    }

    @Test(.enabled(if: SMTPWorld.dnsStarted, "the test world did not start"))
    func sensitiveRefusesVerifiedTLS() throws {
        let plain = try probe(["alice@testing.example.test"])
        let sensitive = try probe(["--sensitive", "alice@testing.example.test"])

        #expect(plain.stdoutText.hasPrefix("alice@testing.example.test  tls: "))
        #expect(sensitive.stdoutText.hasSuffix(
            "TLS verified is below the required enforced for sensitive mail\n"))
        #expect(sensitive.stdoutText.contains("  portal: "))
    }

    @Test(.enabled(if: SMTPWorld.dnsStarted, "the test world did not start"))
    func offlineRunAnswersFromTheHomeCache() throws {
        let helo = SMTPWorld.uniqueHelo("cli")
        _ = try probe(["--helo", helo, "alice@ok.example.test"])
        let online = SMTPWorld.postfixConnections(to: "mx-ok.example.test", helo: helo)

        let offline = try probe(["--helo", helo, "--offline", "bob@ok.example.test"])

        // One connection says EHLO twice: before STARTTLS and inside TLS.
        #expect(online == 2)
        #expect(offline.status == 0)
        #expect(offline.stdoutText.hasPrefix("bob@ok.example.test  tls: MX mx-ok.example.test"))
        #expect(SMTPWorld.postfixConnections(to: "mx-ok.example.test", helo: helo) == 2)
    }
}
