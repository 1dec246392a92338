import Foundation

/// Looks up OpenPGP keys in a Web Key Directory (draft-koch-openpgp-webkey-service s3.1):
/// the advanced method first, the direct method only when the domain has no
/// `openpgpkey` sub-domain.
public struct WKDClient: Sendable {
    public enum Method: String, Sendable, Codable {
        /// `https://openpgpkey.DOMAIN/.well-known/openpgpkey/DOMAIN/hu/HASH?l=LOCAL`
        case advanced
        /// `https://DOMAIN/.well-known/openpgpkey/hu/HASH?l=LOCAL`
        case direct
    }

    /// One URL tried, and what came of it.
    public struct Attempt: Sendable, Equatable, Codable {
        public enum Outcome: Sendable, Equatable, Codable {
            case found
            /// The server answered 404: no key for this address.
            case notFound
            /// The host has no address in DNS.
            case noSuchHost
            /// Anything else: another status, a TLS or connection failure, a DNS error.
            case failed(String)
        }

        public let method: Method
        public let url: String
        public let outcome: Outcome
    }

    /// The result of a lookup, found or not, with every attempt made.
    public struct Lookup: Sendable, Equatable, Codable {
        public let address: String
        /// The key as served: binary transferable public key(s), not checked here.
        public let key: Data?
        public let method: Method?
        public let url: String?
        public let attempts: [Attempt]

        public var isFound: Bool { key != nil }
    }

    public let resolver: DNSResolver
    public let https: HTTPSClient

    /// Host names are looked up with `resolver`; keys are fetched with `https`.
    public init(resolver: DNSResolver, https: HTTPSClient) {
        self.resolver = resolver
        self.https = https
    }

    /// The URL `method` uses for `address`; the domain is lowercased, the local part is
    /// hashed lowercased and also sent as given in `l=`.
    public static func url(for address: String, method: Method) throws -> String {
        let urls = WKDHash.urls(for: try MailAddress(address))
        return urls.first { $0.0 == method }!.1
    }

    /// Looks `address` up; failures are reported in the attempts, not thrown.
    /// - Throws: `badAddress` when `address` has no `@`; `CancellationError`.
    public func lookup(_ address: String) async throws -> Lookup {
        let parts = try MailAddress(address)
        var attempts: [Attempt] = []
        for (method, url) in WKDHash.urls(for: parts) {
            let outcome: Attempt.Outcome
            let key: Data?
            (outcome, key) = try await fetch(url)
            attempts.append(Attempt(method: method, url: url, outcome: outcome))
            if let key {
                return Lookup(
                    address: address, key: key, method: method, url: url, attempts: attempts)
            }
            // Only a missing openpgpkey sub-domain sends the client on to the direct method.
            guard method == .advanced, outcome == .noSuchHost else { break }
        }
        return Lookup(address: address, key: nil, method: nil, url: nil, attempts: attempts)
    }

    private func fetch(_ url: String) async throws -> (Attempt.Outcome, Data?) {
        let host = URLComponents(string: url)?.host ?? ""
        let addresses: [String]
        do {
            addresses = try await resolver.addresses(of: host)
        } catch let error as DeliveryError {
            return (.failed(error.reason), nil)
        }
        guard !addresses.isEmpty else { return (.noSuchHost, nil) }

        do {
            let response = try await https.get(url, addresses: addresses)
            switch response.status {
            case 200 where !response.body.isEmpty:
                return (.found, response.body)
            case 200:
                return (.failed("the server sent an empty key"), nil)
            case 404:
                return (.notFound, nil)
            default:
                return (.failed("the server answered HTTP \(response.status)"), nil)
            }
        } catch let error as DeliveryError {
            return (.failed(error.reason), nil)
        }
    }
}
