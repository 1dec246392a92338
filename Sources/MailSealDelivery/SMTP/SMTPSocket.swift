import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A TCP connection to one server address, with a deadline on every operation.
///
/// The socket stays in blocking mode after the connect; each read and write is
/// bounded by `SO_RCVTIMEO`/`SO_SNDTIMEO`, which OpenSSL honours too because it reads
/// the same descriptor.
final class SMTPSocket {
    let descriptor: Int32
    let address: String

    private init(descriptor: Int32, address: String) {
        self.descriptor = descriptor
        self.address = address
    }

    deinit { close(descriptor) }

    /// The numeric addresses of `host` (a name or a literal), IPv6 and IPv4 alike.
    static func resolve(_ host: String) throws -> [String] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0, let list else {
            let reason = String(cString: gai_strerror(status))
            throw SMTPStepFailure("cannot resolve \(host): \(reason)")
        }
        defer { freeaddrinfo(list) }

        var addresses: [String] = []
        var entry: UnsafeMutablePointer<addrinfo>? = list
        while let current = entry {
            if let text = numericHost(current.pointee.ai_addr, current.pointee.ai_addrlen),
               !addresses.contains(text) {
                addresses.append(text)
            }
            entry = current.pointee.ai_next
        }
        return addresses
    }

    /// Connects to `address` (an IPv4 or IPv6 literal) within `timeout` seconds.
    static func connect(
        to address: String, port: UInt16, timeout: TimeInterval
    ) throws -> SMTPSocket {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(address, String(port), &hints, &list) == 0, let list else {
            throw SMTPStepFailure("\(address) is not an IP address")
        }
        defer { freeaddrinfo(list) }

        let info = list.pointee
        let descriptor = socket(info.ai_family, info.ai_socktype, info.ai_protocol)
        guard descriptor >= 0 else { throw SMTPStepFailure(errnoText("socket")) }
        let connection = SMTPSocket(descriptor: descriptor, address: address)

        // A non-blocking connect lets poll() bound the wait; a blocking one could take
        // the kernel's SYN retry time, minutes on a black-holed address.
        let flags = fcntl(descriptor, F_GETFL)
        _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
        if Glibc.connect(descriptor, info.ai_addr, info.ai_addrlen) != 0 {
            guard errno == EINPROGRESS else {
                throw SMTPStepFailure(errnoText("connect to \(address) port \(port)"))
            }
            try connection.waitUntilWritable(timeout: timeout, port: port)
        }
        _ = fcntl(descriptor, F_SETFL, flags)
        return connection
    }

    /// Bounds the next reads and writes to `seconds`.
    func setTimeout(_ seconds: TimeInterval) {
        let clamped = max(seconds, 0.001)
        var value = timeval(
            tv_sec: Int(clamped),
            tv_usec: Int((clamped - clamped.rounded(.down)) * 1_000_000))
        let size = socklen_t(MemoryLayout<timeval>.size)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &value, size)
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &value, size)
    }

    /// Sends all of `bytes`.
    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { buffer in
                Glibc.send(descriptor, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 {
                if errno == EINTR { continue }
                throw SMTPStepFailure(Self.errnoText("send"), timedOut: Self.isTimeout(errno))
            }
            offset += sent
        }
    }

    /// Reads what has arrived, at most `limit` bytes; an empty result means the peer
    /// closed the connection.
    func receive(limit: Int = 4096) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: limit)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, limit, 0) }
            if count >= 0 { return Array(buffer[..<count]) }
            if errno == EINTR { continue }
            throw SMTPStepFailure(Self.errnoText("receive"), timedOut: Self.isTimeout(errno))
        }
    }

    // MARK: - Helpers

    private func waitUntilWritable(timeout: TimeInterval, port: UInt16) throws {
        var entry = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        let ready = poll(&entry, 1, Int32(max(timeout, 0.001) * 1000))
        guard ready > 0 else {
            let seconds = String(format: "%g", timeout)
            throw SMTPStepFailure(
                "connect to \(address) port \(port) timed out after \(seconds) s",
                timedOut: true)
        }
        var failure: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &failure, &length)
        guard failure == 0 else {
            let reason = String(cString: strerror(failure))
            throw SMTPStepFailure("connect to \(address) port \(port): \(reason)")
        }
    }

    static func isTimeout(_ code: Int32) -> Bool { code == EAGAIN || code == EWOULDBLOCK }

    static func errnoText(_ operation: String) -> String {
        let code = errno
        if isTimeout(code) { return "\(operation) timed out" }
        return "\(operation): \(String(cString: strerror(code)))"
    }

    private static func numericHost(
        _ address: UnsafeMutablePointer<sockaddr>?, _ length: socklen_t
    ) -> String? {
        guard let address else { return nil }
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        let status = getnameinfo(
            address, length, &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST)
        return status == 0 ? String(cString: host) : nil
    }
}

/// Why one step of a probe failed, in words a person can act on.
struct SMTPStepFailure: Error {
    var reason: String
    var timedOut: Bool

    init(_ reason: String, timedOut: Bool = false) {
        self.reason = reason
        self.timedOut = timedOut
    }
}
