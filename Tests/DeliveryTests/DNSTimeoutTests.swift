import Foundation
import MailSealDelivery
import Testing

/// Queries to servers that never answer end in bounded time, and cancellation is prompt.
@Suite struct DNSTimeoutTests {
    /// A UDP socket bound on loopback that reads nothing and answers nothing.
    final class SilentServer {
        let descriptor: Int32
        let port: UInt16

        init() throws {
            let descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.1.54")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                    bind(descriptor, raw, length) == 0
                        && getsockname(descriptor, raw, &length) == 0
                }
            }
            try #require(descriptor >= 0 && bound)
            self.descriptor = descriptor
            self.port = UInt16(bigEndian: address.sin_port)
        }

        var server: String { "127.0.1.54@\(port)" }

        deinit { close(descriptor) }
    }

    private func resolver(_ server: String, timeout: Duration) throws -> DNSResolver {
        try DNSResolver(configuration: .init(
            upstream: .forwarders([server]), trustAnchors: [], timeout: timeout,
            resolvedSpecialUseZones: ["test."]))
    }

    @Test func silentServerTimesOutAfterTheConfiguredTimeout() async throws {
        let silent = try SilentServer()
        let resolver = try resolver(silent.server, timeout: .milliseconds(800))
        let clock = ContinuousClock()
        let start = clock.now

        let error = await #expect(throws: DeliveryError.self) {
            try await resolver.query("ok.example.test", type: .mx)
        }

        let elapsed = clock.now - start
        #expect(error?.code == .dnsTimeout)
        #expect(error?.reason.contains("ok.example.test") == true)
        #expect(elapsed >= .milliseconds(750))
        #expect(elapsed < .seconds(3))
    }

    @Test func addressWhereNothingListensFailsInBoundedTime() async throws {
        let resolver = try resolver("127.0.1.55@5399", timeout: .seconds(1))
        let clock = ContinuousClock()
        let start = clock.now

        await #expect(throws: DeliveryError.self) {
            try await resolver.query("ok.example.test", type: .a)
        }
        #expect(clock.now - start < .seconds(3))
    }

    @Test func manyWaitingQueriesDoNotHoldTheConcurrencyPool() async throws {
        let silent = try SilentServer()
        let resolver = try resolver(silent.server, timeout: .seconds(1))
        let clock = ContinuousClock()
        let start = clock.now

        // Far more queries than the pool has threads: they wait side by side.
        let failures = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<40 {
                group.addTask {
                    do {
                        _ = try await resolver.query("host\(index).example.test", type: .a)
                        return false
                    } catch let error as DeliveryError {
                        return error.code == .dnsTimeout
                    } catch {
                        return false
                    }
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }

        #expect(failures == 40)
        #expect(clock.now - start < .seconds(4))
    }

    @Test func cancelledQueryReturnsPromptly() async throws {
        let silent = try SilentServer()
        let resolver = try resolver(silent.server, timeout: .seconds(30))
        let clock = ContinuousClock()
        let start = clock.now

        let task = Task { try await resolver.query("ok.example.test", type: .mx) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let result = await task.result

        #expect(throws: CancellationError.self) { try result.get() }
        #expect(clock.now - start < .seconds(2))
    }

    @Test func badForwarderAddressIsRefusedAtSetUp() throws {
        let error = #expect(throws: DeliveryError.self) {
            try DNSResolver(configuration: .init(upstream: .forwarders(["not an address"])))
        }
        #expect(error?.code == .dnsConfiguration)
        #expect(error?.reason.contains("not an address") == true)
    }
}
