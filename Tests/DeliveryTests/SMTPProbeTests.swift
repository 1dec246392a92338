import Foundation
import MailSealDelivery
import Testing
import TestSupport

@Suite(.serialized, .enabled(if: SMTPWorld.started, "the SMTP test world did not start"))
struct SMTPProbeTests {
    let probe = SMTPProbe(configuration: SMTPWorld.configuration())

    @Test func goodServerOffersStartTLSAndAVerifiedCertificate() async throws {
        let result = await probe.probe(host: "mx-ok.example.test")

        #expect(result.address == "127.0.0.2")
        #expect(result.offersSTARTTLS)
        #expect(result.extensions?.sizeLimit != nil)
        let tls = try #require(result.tls)
        #expect(tls.version == "TLSv1.3")
        #expect(tls.bits >= 128)
        #expect(tls.chainVerified)
        #expect(tls.nameMatches)
        #expect(tls.chain.first?.subject == "CN=mx-ok.example.test")
        #expect(result.extensionsAfterTLS?.contains("STARTTLS") == false)
        #expect(result.steps.map(\.name) == [
            .connect, .greeting, .ehlo, .starttls, .handshake, .ehloAfterTLS, .quit])
        #expect(result.failure == nil)
    }

    @Test func serverWithoutStartTLSIsReportedAsPlain() async {
        let result = await probe.probe(host: "mx-nostarttls.example.test")

        #expect(result.reachedServer)
        #expect(!result.offersSTARTTLS)
        #expect(result.tls == nil)
        #expect(result.steps.last?.name == .quit)
        #expect(result.failure == nil)
    }

    @Test func wrongNameCertificateVerifiesButDoesNotMatch() async throws {
        let tls = try #require(await probe.probe(host: "mx-badcert.example.test").tls)

        #expect(tls.chainVerified)
        #expect(!tls.nameMatches)
        #expect(!tls.certificateValid)
    }

    @Test func selfSignedCertificateFailsTheChain() async throws {
        let tls = try #require(await probe.probe(host: "mx-selfsigned.example.test").tls)

        #expect(!tls.chainVerified)
        #expect(tls.nameMatches)
        #expect(tls.verifyError == "self-signed certificate")
    }

    @Test func systemStoreDoesNotTrustTheWorldCA() async throws {
        var configuration = SMTPWorld.configuration()
        configuration.caFiles = []
        let result = await SMTPProbe(configuration: configuration).probe(host: "mx-ok.example.test")

        let tls = try #require(result.tls)
        #expect(!tls.chainVerified)
        #expect(tls.nameMatches)
    }

    @Test func brokenStartTLSFailsInTheHandshake() async throws {
        let result = await probe.probe(host: "mx-broken.example.test")

        #expect(result.offersSTARTTLS)
        #expect(result.tls == nil)
        let failure = try #require(result.failure)
        #expect(failure.name == .handshake)
        #expect(failure.detail.hasPrefix("TLS handshake failed"))
        #expect(!failure.timedOut)
    }

    @Test func silentServerTimesOutWaitingForTheGreeting() async throws {
        var configuration = SMTPWorld.configuration(commandTimeout: 1)
        configuration.totalTimeout = 5
        let started = Date()
        let result = await SMTPProbe(configuration: configuration)
            .probe(host: "mx-silent.example.test")

        let elapsed = Date().timeIntervalSince(started)
        let failure = try #require(result.failure)
        #expect(failure.name == .greeting)
        #expect(failure.timedOut)
        #expect(elapsed >= 0.9 && elapsed < 3)
    }

    @Test func closedPortFailsTheConnect() async throws {
        var configuration = SMTPWorld.configuration()
        configuration.port = 2
        let result = await SMTPProbe(configuration: configuration).probe(host: "mx-ok.example.test")

        let failure = try #require(result.failure)
        #expect(failure.name == .connect)
        #expect(failure.detail.contains("Connection refused"))
        #expect(result.address == nil)
    }

    static let hasIPv6Loopback = (try? String(
        contentsOfFile: "/proc/net/if_inet6", encoding: .utf8))?
        .contains("00000000000000000000000000000001 ") ?? false

    @Test(.enabled(if: hasIPv6Loopback, "no ::1 on this machine"))
    func ipv6OverrideIsProbedLikeIPv4AndWinsOverGivenAddresses() async throws {
        var configuration = SMTPWorld.configuration()
        configuration.addressOverrides["mx-ok.example.test"] = ["::1"]
        let result = await SMTPProbe(configuration: configuration).probe(
            host: "mx-ok.example.test", addresses: ["127.0.0.2"])

        #expect(result.address == "::1")
        #expect(result.tls?.certificateValid == true)
    }

    @Test func unreachableFirstAddressFallsThroughToTheNext() async {
        var configuration = SMTPWorld.configuration()
        configuration.addressOverrides["mx-ok.example.test"] = ["127.0.0.9", "127.0.0.2"]
        let result = await SMTPProbe(configuration: configuration).probe(host: "mx-ok.example.test")

        #expect(result.address == "127.0.0.2")
        #expect(result.steps.first?.name == .connect)
        #expect(result.steps.first?.succeeded == false)
        #expect(result.tls?.certificateValid == true)
    }
}
