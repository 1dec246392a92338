import Foundation
import MailSealDelivery
import MailSealKeys
import MailSealSMIME
import Testing
import TestSupport

/// Decisions from keys: the order of the policy, discovered keys, unusable keys; and the
/// home's real keys as evidence (TestKeys imported into a temporary home).
struct DecisionKeyTests {
    static let day: (String) -> Date = { text in
        ISO8601DateFormatter().date(from: text + "T00:00:00Z")!
    }

    /// Evidence with `keys` and a domain whose one MX offers no STARTTLS.
    func evidence(_ keys: [KnownKey], address: String = "pat@clinic.example") -> RecipientEvidence {
        var domain = DomainEvidence(domain: "clinic.example")
        domain.mx = MXLookupEvidence(
            hosts: [MailExchanger(host: "mx.clinic.example", preference: 10)],
            dnssecValidated: false)
        var probe = SMTPProbeResult(host: "mx.clinic.example", port: 25)
        probe.extensions = SMTPExtensions(ehloLines: ["mx.clinic.example", "SIZE 1000"])
        probe.steps = [SMTPProbeStep(.ehlo, succeeded: true, detail: "250 mx.clinic.example")]
        domain.servers = [MXServerEvidence(
            host: "mx.clinic.example", preference: 10, probe: probe,
            dane: DANEResult(status: .noRecords, detail: "no TLSA records"),
            mtaSTSMatches: nil, mtaSTSMode: nil)]
        return RecipientEvidence(address: address, knownKeys: keys, domain: domain)
    }

    let pgp = KnownKey(
        method: .pgp, fingerprint: "abcd1234ef567890abcd1234ef567890abcd1234", origin: .discovered,
        discoveredBy: .wkdAdvanced, validUntil: day("2027-05-01"))
    let smime = KnownKey(
        method: .smime, fingerprint: "99887766554433221100aabbccddeeff", origin: .imported,
        validUntil: day("2028-01-31"))

    @Test func smimeComesFirstInTheBuiltInOrder() {
        let decision = DeliveryPolicy.builtIn.decide(evidence([pgp, smime]))

        #expect(decision.method == .smime)
        #expect(decision.reasons == [
            "certificate 0x9988776655443322… in the home, valid until 2028-01-31"])
    }

    @Test func policyOrderPutsPGPFirst() throws {
        let text = #"{"methods": ["pgp", "smime", "portal"]}"#
        let policy = try DeliveryPolicy(json: Data(text.utf8))

        let decision = policy.decide(evidence([pgp, smime]))

        #expect(decision.method == .pgp)
        #expect(decision.summary
            == "pgp: key 0xABCD1234EF567890… found by WKD, valid until 2027-05-01")
    }

    @Test func discoveredKeysAreRefusedWhenThePolicySaysSo() throws {
        let policy = try DeliveryPolicy(json: Data(#"{"allowDiscoveredKeys": false}"#.utf8))

        let decision = policy.decide(evidence([pgp]))

        #expect(decision.method == .portal)
        #expect(decision.reasons == [
            "no S/MIME certificate",
            "key 0xABCD1234EF567890… found by WKD, but the policy refuses discovered keys",
            "MX mx.clinic.example offers no STARTTLS"])
    }

    @Test func unusableKeyIsNamedWithItsProblem() {
        var expired = pgp
        expired.origin = .imported
        expired.usable = false
        expired.problem = "expired 2020-01-01"

        let decision = DeliveryPolicy.builtIn.decide(evidence([expired]))

        #expect(decision.method == .portal)
        #expect(decision.reasons.contains("key 0xABCD1234EF567890… expired 2020-01-01"))
    }

    @Test func noMethodLeftWhenThePolicyHasNoPortal() throws {
        let policy = try DeliveryPolicy(json: Data(#"{"methods": ["smime", "tls"]}"#.utf8))

        let decision = policy.decide(evidence([]))

        #expect(decision.method == nil)
        #expect(decision.summary == "none: no S/MIME certificate; MX mx.clinic.example offers no "
            + "STARTTLS; the policy allows no other method (smime, tls)")
    }

    @Test func learnedCapabilitiesAreGivenWithTheCertificate() {
        var withLesson = evidence([smime])
        withLesson.learned = [LearnedCapability(kind: .smimeCapabilities, detail: "aes256-gcm")]

        let decision = DeliveryPolicy.builtIn.decide(withLesson)

        #expect(decision.reasons.last
            == "S/MIME capabilities learned from earlier mail: aes256-gcm")
    }

    // MARK: - The home's keys

    func home(trustingCA: Bool) throws -> (TemporaryDirectory, HomeKnownKeys) {
        let directory = TemporaryDirectory()
        let keyring = try Keyring(home: MailSealHome(url: directory.url))
        let importer = KeyImporter(keyring: keyring)
        for name in ["openpgp/alice.pub.asc", "openpgp/expired.pub.asc", "openpgp/revoked.pub.asc",
                     "smime/alice.crt", "smime/expired.crt"] {
            let url = ProjectPaths.testKeys.appendingPathComponent(name)
            _ = try importer.importKeys(try Data(contentsOf: url), source: name)
        }
        if trustingCA {
            let file = ProjectPaths.testKeys.appendingPathComponent("smime/ca.crt")
            let ca = try Data(contentsOf: file)
            try keyring.smime.trust(try Certificate(pemEncoded: ca))
        }
        let cache = try ProbeCache(database: keyring.home.stateDatabase)
        return (directory, HomeKnownKeys(keyring: keyring, cache: cache))
    }

    @Test func homeKeysAreEvidenceWithTheirState() throws {
        let (directory, keys) = try home(trustingCA: true)
        defer { _ = directory }

        let alice = try keys.knownKeys(for: "alice@example.org")
        let expired = try keys.knownKeys(for: "expired@example.org")
        let revoked = try keys.knownKeys(for: "revoked@example.org")

        #expect(alice.map(\.method).sorted { $0.rawValue < $1.rawValue } == [.pgp, .smime])
        #expect(alice.allSatisfy { $0.usable && $0.origin == .imported })
        #expect(expired.count == 2)
        #expect(expired.allSatisfy { !$0.usable && $0.problem?.hasPrefix("expired") == true })
        #expect(revoked.first?.problem == "revoked")
    }

    @Test func certificateWithoutTrustedChainIsNotUsable() throws {
        let (directory, keys) = try home(trustingCA: false)
        defer { _ = directory }

        let certificate = try #require(try keys.knownKeys(for: "alice@example.org")
            .first { $0.method == .smime })

        #expect(!certificate.usable)
        #expect(certificate.problem == "chain not valid: not trusted: the issuer of "
            + "CN = Alice Example, emailAddress = alice@example.org "
            + "(O = MailSeal Test, CN = MailSeal Test CA) is neither a trust anchor nor "
            + "among the certificates available")
    }

    @Test func discoveredCertificateIsImportedAndMarked() throws {
        let (directory, keys) = try home(trustingCA: true)
        defer { _ = directory }
        let file = ProjectPaths.testKeys.appendingPathComponent("smime/bob.der")
        let der = try Data(contentsOf: file)
        let found = DiscoveredKey(
            source: .smimea, method: .smime, dnssecValidated: true, keyData: der)

        let known = try keys.importDiscovered(found, for: "bob@example.org")

        #expect(known.origin == .discovered)
        #expect(known.discoveredBy == .smimea)
        #expect(known.usable)
        #expect(try keys.knownKeys(for: "bob@example.org").first?.origin == .discovered)
    }

    @Test func discoveredOpenPGPKeyIsImportedOnlyForItsOwnAddress() throws {
        let directory = TemporaryDirectory()
        let keyring = try Keyring(home: MailSealHome(url: directory.url))
        let keys = HomeKnownKeys(
            keyring: keyring, cache: try ProbeCache(database: keyring.home.stateDatabase))
        let carol = try Data(
            contentsOf: ProjectPaths.testKeys.appendingPathComponent("openpgp/carol.pub.asc"))
        let found = DiscoveredKey(
            source: .wkdDirect, method: .pgp, dnssecValidated: nil, keyData: carol)

        #expect(throws: DeliveryError.self) {
            try keys.importDiscovered(found, for: "dave@example.org")
        }
        #expect(try keyring.openPGP.listKeys().isEmpty)

        let known = try keys.importDiscovered(found, for: "carol@example.org")
        #expect(known.method == .pgp)
        #expect(known.origin == .discovered)
        #expect(known.discoveredBy == .wkdDirect)
        #expect(known.usable)
        #expect(DeliveryPolicy.builtIn.decide(RecipientEvidence(
            address: "carol@example.org", knownKeys: [known],
            domain: DomainEvidence(domain: "example.org"))).summary.hasPrefix(
                "pgp: key 0x\(known.fingerprint.prefix(16).uppercased())… found by WKD"))
    }
}

/// The prober without any network source: what it says about addresses it cannot check.
struct DecisionWithoutNetworkTests {
    @Test func notAnAddressHasNoMethodAndNoResolverMeansPortal() async {
        let prober = Prober(lookup: nil)

        let decisions = await prober.decide(["no-at-sign", "a@b.example"], policy: .builtIn)

        #expect(decisions.map(\.method) == [nil, .portal])
        #expect(decisions[0].reasons == ["\"no-at-sign\" is not a mail address"])
        #expect(decisions[1].reasons == ["no key or certificate", "no DNS resolver configured"])
        #expect(prober.smtpConnections == 0)
    }
}
