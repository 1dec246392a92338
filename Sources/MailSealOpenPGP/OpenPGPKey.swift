import Foundation

/// What a key is wanted for.
public enum OpenPGPKeyPurpose: String, Sendable, Equatable, Codable {
    case encrypt
    case sign
}

/// How far GnuPG's trust model vouches for a key or user ID (RFC 4880 s5.2.3.13).
///
/// MailSeal reports it and does not enforce it: keys the user imported are used as they are.
public enum OpenPGPValidity: String, Sendable, Equatable, Codable {
    case unknown, undefined, never, marginal, full, ultimate
}

/// One user ID packet of a key (RFC 4880 s5.11).
public struct OpenPGPUserID: Sendable, Equatable, Codable {
    /// The whole user ID, usually `Name <address>`.
    public let text: String
    public let name: String
    /// The address part, lowercased; empty when the user ID carries none.
    public let email: String
    public let isRevoked: Bool
    public let isInvalid: Bool
    public let validity: OpenPGPValidity
}

/// The primary key or one subkey (RFC 4880 s5.5.1).
public struct OpenPGPSubkey: Sendable, Equatable, Codable {
    /// 40 upper-case hex digits.
    public let fingerprint: String
    /// The low 16 hex digits of the fingerprint.
    public let keyID: String
    /// GnuPG's algorithm name with its size or curve, such as `ed25519` or `rsa3072`.
    public let algorithm: String
    public let created: Date?
    public let expires: Date?
    public let isExpired: Bool
    public let isRevoked: Bool
    public let isDisabled: Bool
    public let isInvalid: Bool
    public let canEncrypt: Bool
    public let canSign: Bool
    public let canCertify: Bool
    public let canAuthenticate: Bool
    /// Whether the secret part of this (sub)key is in the keyring.
    public let hasSecret: Bool

    /// Whether this subkey may be used for `purpose` now.
    public func isUsable(for purpose: OpenPGPKeyPurpose) -> Bool {
        let capable = purpose == .encrypt ? canEncrypt : canSign
        return capable && !isExpired && !isRevoked && !isDisabled && !isInvalid
    }
}

/// A key in the keyring: its primary key, subkeys and user IDs.
public struct OpenPGPKey: Sendable, Equatable, Codable {
    /// The primary key's fingerprint, 40 upper-case hex digits.
    public let fingerprint: String
    /// The primary key's key ID, 16 upper-case hex digits.
    public let keyID: String
    public let userIDs: [OpenPGPUserID]
    /// Lower-cased addresses of the user IDs that are neither revoked nor invalid.
    public let addresses: [String]
    /// The primary key's algorithm, such as `ed25519` or `rsa3072`.
    public let algorithm: String
    public let created: Date?
    public let expires: Date?
    public let isExpired: Bool
    public let isRevoked: Bool
    public let isDisabled: Bool
    public let isInvalid: Bool
    /// Whether the key is valid now and has a valid subkey that may encrypt.
    public let canEncrypt: Bool
    /// Whether the key is valid now and has a valid subkey that may sign (secret or not).
    public let canSign: Bool
    /// Whether any secret key material of this key is in the keyring.
    public let hasSecret: Bool
    /// The primary key first, then the subkeys.
    public let subkeys: [OpenPGPSubkey]
    /// The owner trust the user assigned in GnuPG.
    public let ownerTrust: OpenPGPValidity

    /// The subkeys usable for `purpose` now, newest first (GnuPG prefers the newest too).
    public func usableSubkeys(for purpose: OpenPGPKeyPurpose) -> [OpenPGPSubkey] {
        subkeys.filter { subkey in
            subkey.isUsable(for: purpose) && (purpose == .encrypt || subkey.hasSecret)
        }.sorted { ($0.created ?? .distantPast) > ($1.created ?? .distantPast) }
    }

    /// The user IDs whose address is `address`, compared without regard to case.
    public func userIDs(forAddress address: String) -> [OpenPGPUserID] {
        let wanted = address.lowercased()
        return userIDs.filter { $0.email == wanted }
    }
}
