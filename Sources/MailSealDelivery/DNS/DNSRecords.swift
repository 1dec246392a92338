import Foundation

/// A mail exchanger (RFC 1035 s3.3.9).
public struct MXRecord: Sendable, Hashable, Codable {
    /// Lower is preferred.
    public let preference: UInt16

    /// The host name, without the trailing dot; `.` for a null MX.
    public let exchange: String

    public init(preference: UInt16, exchange: String) {
        self.preference = preference
        self.exchange = exchange
    }

    /// True for the null MX of RFC 7505 s3: preference 0 and the root as exchange.
    public var isNullMX: Bool { preference == 0 && exchange == "." }
}

/// A TLSA record (RFC 6698 s2.1); SMIMEA records have the same RDATA (RFC 8162 s2).
public struct TLSARecord: Sendable, Hashable, Codable {
    /// Which certificate the data names and how it is to be checked (RFC 6698 s2.1.1).
    public struct Usage: RawRepresentable, Hashable, Sendable, Codable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let pkixTA = Self(rawValue: 0)
        public static let pkixEE = Self(rawValue: 1)
        public static let daneTA = Self(rawValue: 2)
        public static let daneEE = Self(rawValue: 3)
    }

    /// Which part of the certificate is matched (RFC 6698 s2.1.2).
    public struct Selector: RawRepresentable, Hashable, Sendable, Codable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let fullCertificate = Self(rawValue: 0)
        public static let subjectPublicKeyInfo = Self(rawValue: 1)
    }

    /// How the selected part is compared with the data (RFC 6698 s2.1.3).
    public struct MatchingType: RawRepresentable, Hashable, Sendable, Codable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let exact = Self(rawValue: 0)
        public static let sha256 = Self(rawValue: 1)
        public static let sha512 = Self(rawValue: 2)
    }

    public let usage: Usage
    public let selector: Selector
    public let matchingType: MatchingType

    /// The certificate association data.
    public let data: Data

    public init(usage: Usage, selector: Selector, matchingType: MatchingType, data: Data) {
        self.usage = usage
        self.selector = selector
        self.matchingType = matchingType
        self.data = data
    }
}

/// The SMIMEA record of RFC 8162: the TLSA format, for a mail address's certificate.
public typealias SMIMEARecord = TLSARecord
