import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address read from a Received field, in its canonical text form.
struct IPAddressText: Equatable {
    enum Family { case v4, v6 }

    var family: Family
    /// `198.51.100.7`, or IPv6 compressed and in lower case: `2001:db8::1`.
    var text: String

    /// Reads an address as servers write it: `198.51.100.7`, `[198.51.100.7]`,
    /// `IPv6:2001:db8::1` (RFC 5321 s4.1.3), `[IPv6:2001:db8::1]:587`, or bare IPv6.
    init?(_ written: String) {
        var candidate = Substring(written.trimmingCharacters(in: .whitespaces))
        if candidate.hasPrefix("[") {
            guard let close = candidate.firstIndex(of: "]") else { return nil }
            // Exim appends the client's port after the bracket: `[198.51.100.7]:4242`.
            let rest = candidate[candidate.index(after: close)...]
            guard rest.isEmpty || (rest.first == ":" && rest.dropFirst().allSatisfy(\.isASCIIDigit))
            else { return nil }
            candidate = candidate[candidate.index(after: candidate.startIndex)..<close]
        }
        if candidate.lowercased().hasPrefix("ipv6:") {
            candidate = candidate.dropFirst(5)
        }
        guard let parsed = Self.canonical(String(candidate)) else { return nil }
        (family, text) = parsed
    }

    /// 127.0.0.0/8, ::1 and IPv4-mapped 127/8 (RFC 1122 s3.2.1.3, RFC 4291 s2.5.3).
    var isLoopback: Bool {
        switch family {
        case .v4: return text.hasPrefix("127.")
        case .v6: return text == "::1" || text.hasPrefix("::ffff:127.")
        }
    }

    private static func canonical(_ text: String) -> (Family, String)? {
        guard !text.isEmpty, text.allSatisfy({ $0.isHexDigit || $0 == "." || $0 == ":" })
        else { return nil }
        if !text.contains(":") {
            var address = in_addr()
            guard inet_pton(AF_INET, text, &address) == 1 else { return nil }
            let text = withUnsafePointer(to: &address) {
                format(AF_INET, UnsafeRawPointer($0), length: Int(INET_ADDRSTRLEN))
            }
            return (.v4, text)
        }
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
        let text = withUnsafePointer(to: &address) {
            format(AF_INET6, UnsafeRawPointer($0), length: Int(INET6_ADDRSTRLEN))
        }
        return (.v6, text)
    }

    private static func format(
        _ family: Int32, _ address: UnsafeRawPointer, length: Int
    ) -> String {
        var buffer = [CChar](repeating: 0, count: length)
        _ = inet_ntop(family, address, &buffer, socklen_t(length))
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) },
                      as: UTF8.self)
    }
}
