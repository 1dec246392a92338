/// The two halves of a mail address, as the DNS and WKD lookups need them.
struct MailAddress: Sendable {
    let localPart: String
    let domain: String

    /// Splits at the last `@`; the domain loses a trailing dot and is lowercased.
    init(_ address: String) throws {
        guard let at = address.lastIndex(of: "@") else {
            throw DeliveryError(.badAddress, "\"\(address)\" is not a mail address (no @)")
        }
        let local = String(address[..<at])
        var domain = String(address[address.index(after: at)...]).lowercased()
        if domain.hasSuffix(".") { domain.removeLast() }
        guard !local.isEmpty, !domain.isEmpty, !domain.hasPrefix(".") else {
            throw DeliveryError(
                .badAddress, "\"\(address)\" is not a mail address (empty local part or domain)")
        }
        self.localPart = local
        self.domain = domain
    }
}
