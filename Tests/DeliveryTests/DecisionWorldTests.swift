import Foundation
import MailSealDelivery
import MailSealKeys
import Testing
import TestSupport

/// Decisions end to end: the world's DNS (NSD, DNSSEC-signed zones) and its mail
/// servers (Postfix and the fakes), through the prober and the policy.
@Suite(.serialized, .enabled(if: SMTPWorld.dnsStarted, "the DNS and SMTP test world did not start"))
struct DecisionWorldTests {
    func prober(cache: ProbeCache? = nil) throws -> Prober {
        var configuration = Prober.Configuration()
        configuration.smtp = SMTPWorld.configuration()
        // The addresses come from the world's DNS, not from overrides.
        configuration.smtp.addressOverrides = [:]
        return Prober(
            configuration: configuration,
            lookup: try SMTPWorld.domainLookup(), cache: cache)
    }

    func decide(
        _ address: String, policy: DeliveryPolicy = .builtIn, sensitive: Bool = false
    ) async throws -> DeliveryDecision {
        let decisions = try await prober().decide([address], policy: policy, sensitive: sensitive)
        return try #require(decisions.first)
    }

    @Test func goodServerWithMTASTSEnforceGivesEnforcedTLS() async throws {
        let decision = try await decide("alice@ok.example.test")

        #expect(decision.method == .tls)
        #expect(decision.tlsLevel == .enforced)
        #expect(decision.reasons == [
            "MX mx-ok.example.test offers STARTTLS, TLS 1.3, certificate valid, MTA-STS enforce"])
        let server = try #require(decision.evidence.domain.servers.first)
        #expect(server.probe.address == "127.0.0.2")
        #expect(server.dane.status == .notApplicable)
        #expect(server.dane.detail
            == "DANE does not apply: the MX records are not DNSSEC-validated")
        #expect(decision.evidence.domain.mtaSTS?.mode == .enforce)
        #expect(decision.evidence.domain.mtaSTS?.maxAge == 86400)
        #expect(decision.evidence.domain.tlsReporting?.reportURIs == [
            "mailto:tls-reports@ok.example.test", "https://reports.example.test/tlsrpt"])
    }

    @Test func mtaSTSTestingModeIsOnlyVerified() async throws {
        let decision = try await decide("alice@testing.example.test")

        #expect(decision.method == .tls)
        #expect(decision.tlsLevel == .verified)
        #expect(decision.reasons.first?.contains("certificate valid, MTA-STS testing") == true)
    }

    @Test func mxMissingFromTheMTASTSPolicyIsNotEnforced() async throws {
        let decision = try await decide("alice@mismatch.example.test")

        #expect(decision.tlsLevel == .verified)
        #expect(decision.reasons.first?.contains("not listed in the MTA-STS policy") == true)
    }

    @Test func serverWithoutStartTLSSendsToThePortal() async throws {
        let decision = try await decide("bob@nostarttls.example.test")

        #expect(decision.method == .portal)
        #expect(decision.reasons == [
            "no key or certificate", "MX mx-nostarttls.example.test offers no STARTTLS"])
        #expect(decision.summary
            == "portal: no key or certificate; MX mx-nostarttls.example.test offers no STARTTLS")
    }

    @Test func badCertificateIsPortalUnderVerifiedAndTLSUnderOpportunistic() async throws {
        let verified = try await decide("carol@badcert.example.test")
        var lenient = DeliveryPolicy.builtIn
        lenient.tlsMinimum = .opportunistic
        let opportunistic = try await decide("carol@badcert.example.test", policy: lenient)

        #expect(verified.method == .portal)
        #expect(verified.reasons.contains(
            "MX mx-badcert.example.test offers STARTTLS, TLS 1.3, certificate not valid for "
                + "mx-badcert.example.test"))
        #expect(verified.reasons.last == "TLS opportunistic is below the required verified")
        #expect(opportunistic.method == .tls)
        #expect(opportunistic.tlsLevel == .opportunistic)
    }

    @Test func brokenStartTLSSendsToThePortalWithTheReason() async throws {
        let decision = try await decide("dave@broken.example.test")

        #expect(decision.method == .portal)
        let reason = try #require(decision.reasons.last)
        #expect(reason.hasPrefix(
            "MX mx-broken.example.test offers STARTTLS but TLS failed: TLS handshake failed"))
    }

    @Test func silentServerTimesOutWithinItsBound() async throws {
        let started = Date()
        let decision = try await decide("erin@silent.example.test")

        #expect(Date().timeIntervalSince(started) < 8)
        #expect(decision.method == .portal)
        #expect(decision.reasons.contains("MX mx-silent.example.test timed out (no greeting)"))
        #expect(decision.reasons.contains("no MX answered"))
    }

    @Test func silentFirstMXIsFollowedByTheNextOnes() async throws {
        let decision = try await decide("frank@multi.example.test")

        let servers = decision.evidence.domain.servers
        #expect(servers.map(\.host) == [
            "mx-silent.example.test", "mx-ok.example.test", "mx-nostarttls.example.test"])
        #expect(servers[0].probe.timedOut)
        #expect(servers[1].probe.tls?.certificateValid == true)
        // The mail may reach any answering MX, so the weakest one decides.
        #expect(decision.method == .portal)
        #expect(decision.reasons == [
            "no key or certificate", "MX mx-nostarttls.example.test offers no STARTTLS"])
    }

    @Test func sensitiveMailNeedsEnforcedTLS() async throws {
        let enforced = try await decide("alice@ok.example.test", sensitive: true)
        let decision = try await decide("alice@testing.example.test", sensitive: true)

        #expect(enforced.method == .tls)

        #expect(decision.method == .portal)
        #expect(decision.rules.tlsMinimum == .enforced)
        #expect(decision.reasons.last
            == "TLS verified is below the required enforced for sensitive mail")
    }

    @Test func daneValidatedMXIsEnforcedEvenForSensitiveMail() async throws {
        let decision = try await decide("grace@dane.signed.test", sensitive: true)

        #expect(decision.method == .tls)
        #expect(decision.tlsLevel == .enforced)
        let server = try #require(decision.evidence.domain.servers.first)
        #expect(server.dane.status == .validated)
        #expect(decision.evidence.domain.mx?.dnssecValidated == true)
        #expect(decision.reasons.first?.contains("DANE validated") == true)
    }

    @Test func discoveredKeysCountOnlyValidatedAndForTheirOwnAddress() async throws {
        let directory = TemporaryDirectory()
        let keyring = try Keyring(home: MailSealHome(url: directory.url))
        let cache = try ProbeCache(database: keyring.home.stateDatabase)
        let world = try DNSTestWorld.require()
        let known = HomeKnownKeys(keyring: keyring, cache: cache)
        var configuration = Prober.Configuration()
        configuration.smtp = SMTPWorld.configuration()
        let prober = Prober(
            configuration: configuration, lookup: try SMTPWorld.domainLookup(),
            keyDiscovery: NetworkKeyDiscovery(
                resolver: try world.resolver(), https: world.https()),
            knownKeys: known, importer: known, cache: cache)

        let evidence = await prober.gather(
            ["alice@example.test", "alice@signed.test", "bob@signed.test"])

        // WKD serves Alice's key at example.test, but its user ID is alice@example.org;
        // the OPENPGPKEY record in the unsigned zone is not validated.
        #expect(evidence[0].discoveredKeys.map(\.source) == [.wkdAdvanced, .openpgpkey])
        #expect(evidence[0].notes == [
            "key found by WKD not imported: the key found by WKD does not name "
                + "alice@example.test",
            "DNS OPENPGPKEY answer not DNSSEC-validated: its key is not used"])
        // In the signed zone the records validate, but name other addresses.
        #expect(evidence[1].discoveredKeys.map(\.dnssecValidated) == [true])
        #expect(evidence[2].discoveredKeys.map(\.source) == [.smimea])
        #expect(evidence[2].notes == [
            "key found by DNS SMIMEA not imported: the certificate found by DNS SMIMEA does "
                + "not name bob@signed.test"])
        #expect(evidence.allSatisfy { $0.knownKeys.isEmpty })
        #expect(try keyring.openPGP.listKeys().isEmpty)
        #expect(try keyring.smime.certificates().isEmpty)
    }

    @Test func bogusTLSAAnswerMakesTheMXUnsafe() async throws {
        let decision = try await decide("mallory@bogus.test")

        let server = try #require(decision.evidence.domain.servers.first)
        #expect(server.dane.status == .bogus)
        #expect(server.tlsLevel == TLSLevel.none)
        #expect(decision.method == .portal)
        #expect(decision.reasons.last?.hasSuffix("TLSA answer failed DNSSEC validation") == true)
    }

    @Test func weakBackupMXSpoilsADANEDomain() async throws {
        let decision = try await decide("heidi@signed.test")

        #expect(decision.evidence.domain.servers.map(\.tlsLevel) == [.enforced, TLSLevel.none])
        #expect(decision.method == .portal)
    }

    @Test func nullMXDomainHasNoMethod() async throws {
        let decision = try await decide("ivan@nullmx.example.test")

        #expect(decision.method == nil)
        #expect(decision.reasons == ["nullmx.example.test accepts no mail (null MX)"])
        #expect(decision.evidence.domain.servers.isEmpty)
    }

    @Test func addressOverrideForcesThePortalWhereTLSWouldDo() async throws {
        let policy = try DeliveryPolicy(json: Data("""
            {"addresses": {"boss@ok.example.test": {"method": "portal"}},
             "domains": {"badcert.example.test": {"tlsMinimum": "opportunistic"}}}
            """.utf8))

        let boss = try await decide("boss@ok.example.test", policy: policy)
        let carol = try await decide("carol@badcert.example.test", policy: policy)

        #expect(boss.method == .portal)
        #expect(boss.reasons == [
            "policy override for address boss@ok.example.test forces the portal"])
        #expect(carol.method == .tls)
        #expect(carol.rules.overrides == ["domain badcert.example.test"])
    }

    @Test func domainsSharingAnMXProbeItOnce() async throws {
        let prober = try prober()

        let decisions = await prober.decide(
            ["a@ok.example.test", "b@testing.example.test", "c@example.test",
             "d@none.example.test"],
            policy: .builtIn)

        #expect(prober.smtpConnections == 1)
        #expect(decisions.allSatisfy { $0.method == .tls })
        #expect(decisions.map(\.tlsLevel) == [.enforced, .verified, .enforced, .verified])
    }

    @Test func manyRecipientsCostOneProbePerDomainMX() async throws {
        let domains = ["ok.example.test", "nostarttls.example.test", "badcert.example.test"]
        let addresses = (0..<90).map { "user\($0)@\(domains[$0 % 3])" }
        let helo = SMTPWorld.uniqueHelo("many")
        var configuration = Prober.Configuration()
        configuration.smtp = SMTPWorld.configuration()
        configuration.smtp.heloName = helo
        let prober = Prober(configuration: configuration, lookup: try SMTPWorld.domainLookup())

        let decisions = await prober.decide(addresses, policy: .builtIn)

        #expect(decisions.count == 90)
        #expect(decisions.map(\.address) == addresses)
        #expect(prober.smtpConnections == 3)
        #expect(SMTPWorld.postfixConnections(to: "mx-nostarttls.example.test", helo: helo) == 1)
        #expect(decisions.filter { $0.method == .tls }.count == 30)
    }
}
