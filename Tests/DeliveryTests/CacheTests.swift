import Foundation
import MailSealDelivery
import Testing
import TestSupport

struct CacheTests {
    let directory = TemporaryDirectory()

    func cache() throws -> ProbeCache {
        try ProbeCache(database: directory.file("state.sqlite"))
    }

    @Test func entryLivesForItsLifetimeOnly() throws {
        let cache = try cache()
        let stored = Date(timeIntervalSince1970: 1_800_000_000)
        let answer = LookupAnswer(
            MailHosts(hosts: [MailExchanger(host: "mx.example.net", preference: 10)]),
            isSecure: true, ttl: 300)

        try cache.store(answer, kind: .mx, key: "example.net", lifetime: 300, now: stored)

        let early = cache.value(
            LookupAnswer<MailHosts>.self, kind: .mx, key: "example.net",
            now: stored.addingTimeInterval(299))
        let late = cache.value(
            LookupAnswer<MailHosts>.self, kind: .mx, key: "example.net",
            now: stored.addingTimeInterval(300))
        #expect(early == answer)
        #expect(late == nil)
    }

    @Test func zeroLifetimeStoresNothing() throws {
        let cache = try cache()

        try cache.store(TLSRPTEvidence(reportURIs: ["mailto:r@example.net"]), kind: .tlsReporting,
                        key: "example.net", lifetime: 0)

        #expect(cache.value(TLSRPTEvidence.self, kind: .tlsReporting, key: "example.net") == nil)
    }

    @Test func entriesSurviveReopeningAndExpiredOnesAreRemoved() throws {
        let now = Date()
        try cache().store("fresh", kind: .smtp, key: "a", lifetime: 600, now: now)
        let before = now.addingTimeInterval(-10)
        try cache().store("stale", kind: .smtp, key: "b", lifetime: 1, now: before)

        let reopened = try cache()
        try reopened.removeExpired(now: now)

        #expect(reopened.value(String.self, kind: .smtp, key: "a", now: now) == "fresh")
        // Removed, not merely expired: asking as of its storing time finds nothing either.
        #expect(reopened.value(String.self, kind: .smtp, key: "b", now: before) == nil)
    }

    @Test func discoveredKeysAreRememberedByFingerprint() throws {
        let cache = try cache()

        try cache.markDiscovered(
            fingerprint: "ABCDEF", source: .wkdDirect, address: "a@example.net")

        #expect(cache.discoverySource(fingerprint: "abcdef") == .wkdDirect)
        #expect(cache.discoverySource(fingerprint: "123456") == nil)
    }

    @Test func stateDatabaseIsPrivate() throws {
        _ = try cache()

        let attributes = try FileManager.default.attributesOfItem(
            atPath: directory.file("state.sqlite").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }
}

/// The cache in front of real probes: the second time, nothing reconnects.
@Suite(.serialized, .enabled(if: SMTPWorld.dnsStarted, "the DNS and SMTP test world did not start"))
struct CacheWorldTests {
    let directory = TemporaryDirectory()

    let helo = SMTPWorld.uniqueHelo("cache")

    func prober(_ cache: ProbeCache, offline: Bool = false) throws -> Prober {
        var configuration = Prober.Configuration()
        configuration.smtp = SMTPWorld.configuration()
        configuration.smtp.heloName = helo
        configuration.offline = offline
        return Prober(
            configuration: configuration, lookup: try SMTPWorld.domainLookup(), cache: cache)
    }

    @Test func secondProbeOfADomainDoesNotReconnect() async throws {
        let cache = try ProbeCache(database: directory.file("state.sqlite"))
        let first = try prober(cache)
        let second = try prober(cache)

        let host = "mx-nostarttls.example.test"
        let one = await first.decide(["a@nostarttls.example.test"], policy: .builtIn)
        let middle = SMTPWorld.postfixConnections(to: host, helo: helo)
        let two = await second.decide(["b@nostarttls.example.test"], policy: .builtIn)
        let after = SMTPWorld.postfixConnections(to: host, helo: helo)

        #expect(first.smtpConnections == 1)
        #expect(second.smtpConnections == 0)
        #expect(middle == 1)
        #expect(after == middle)
        #expect(one.first?.reasons == two.first?.reasons)
    }

    @Test func offlineProbeUsesWhatTheCacheHolds() async throws {
        let cache = try ProbeCache(database: directory.file("state.sqlite"))
        _ = await try prober(cache).decide(["a@ok.example.test"], policy: .builtIn)

        let offline = try prober(cache, offline: true)
        let cached = await offline.decide(["b@ok.example.test"], policy: .builtIn)
        let unknown = await offline.decide(["c@badcert.example.test"], policy: .builtIn)

        #expect(offline.smtpConnections == 0)
        #expect(cached.first?.method == .tls)
        #expect(cached.first?.tlsLevel == .enforced)
        #expect(unknown.first?.method == .portal)
        #expect(unknown.first?.reasons.last
            == "offline, and nothing cached for badcert.example.test")
    }
}
