extension DNSResolver {
    /// The IPv4 then IPv6 addresses of `host`; empty when it has none.
    /// - Throws: `DeliveryError` when either lookup fails or is bogus.
    public func addresses(of host: String) async throws -> [String] {
        async let v4 = query(host, type: .a)
        async let v6 = query(host, type: .aaaa)
        let (four, six) = try await (v4.requireUsable(), v6.requireUsable())
        return try four.addresses() + six.addresses()
    }
}
