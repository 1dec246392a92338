import Foundation
import MailSealDelivery
import Testing
import TestSupport

/// The libcurl client against the world's nginx and against a server that never speaks.
@Suite struct HTTPSClientTests {
    let world: DNSTestWorld

    init() throws { world = try DNSTestWorld.require() }

    private let policyURL = "https://mta-sts.ok.example.test/.well-known/mta-sts.txt"

    private var policyFile: Data {
        get throws {
            try Data(contentsOf: ProjectPaths.root.appendingPathComponent(
                "scripts/world/www/mta-sts.ok.example.test/.well-known/mta-sts.txt"))
        }
    }

    @Test func pinnedAddressIsUsedForTheHost() async throws {
        let response = try await world.https().get(policyURL, addresses: [world.httpsAddress])

        #expect(response.status == 200)
        #expect(response.mediaType == "text/plain")
        #expect(response.body == (try policyFile))
    }

    @Test func routeSendsTheConnectionToAnotherPortAndStillChecksTheName() async throws {
        let route = HTTPSClient.Route(connectHost: world.httpsAddress, connectPort: 8443)
        let client = HTTPSClient(configuration: .init(
            caFile: world.httpsCAFile, timeout: .seconds(5), routes: [route]))
        let response = try await client.get(policyURL)

        #expect(response.status == 200)
        #expect(response.body == (try policyFile))
    }

    @Test func missingDocumentIsAResponseNotAnError() async throws {
        let response = try await world.https().get(
            "https://mta-sts.ok.example.test/nothing-here", addresses: [world.httpsAddress])
        #expect(response.status == 404)
    }

    @Test func bodyOverTheLimitIsRefused() async throws {
        let error = await #expect(throws: DeliveryError.self) {
            try await world.https().get(
                policyURL, addresses: [world.httpsAddress], maximumBodySize: 16)
        }
        #expect(error?.code == .httpsBodyTooLarge)
    }

    @Test func onlyHTTPSURLsAreFetched() async throws {
        let error = await #expect(throws: DeliveryError.self) {
            try await world.https().get("http://mta-sts.ok.example.test/")
        }
        #expect(error?.code == .httpsConfiguration)
    }

    @Test func serverThatNeverSpeaksTimesOut() async throws {
        let stalled = try StalledServer()
        let clock = ContinuousClock()
        let start = clock.now

        let error = await #expect(throws: DeliveryError.self) {
            try await world.https(timeout: .seconds(1)).get(
                "https://mta-sts.ok.example.test:\(stalled.port)/", addresses: [stalled.address])
        }

        #expect(error?.code == .httpsFailed)
        #expect(error?.reason.contains("curl error 28") == true, "\(error?.reason ?? "")")
        #expect(clock.now - start < .seconds(3))
    }

    @Test func cancelledTransferReturnsPromptly() async throws {
        let stalled = try StalledServer()
        let client = world.https(timeout: .seconds(30))
        let clock = ContinuousClock()
        let start = clock.now

        let task = Task {
            try await client.get(
                "https://mta-sts.ok.example.test:\(stalled.port)/", addresses: [stalled.address])
        }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        let result = await task.result

        #expect(throws: CancellationError.self) { try result.get() }
        #expect(clock.now - start < .seconds(3))
    }
}

/// A TCP socket on loopback that listens and never accepts, so TLS never starts.
final class StalledServer {
    let descriptor: Int32
    let address = "127.0.1.81"
    let port: UInt16

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_addr.s_addr = inet_addr(address)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &socketAddress) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(descriptor, raw, length) == 0 && listen(descriptor, 8) == 0
                    && getsockname(descriptor, raw, &length) == 0
            }
        }
        try #require(descriptor >= 0 && listening)
        self.descriptor = descriptor
        self.port = UInt16(bigEndian: socketAddress.sin_port)
    }

    deinit { close(descriptor) }
}
