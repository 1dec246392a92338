import Foundation
internal import CGPGME

extension OpenPGPKey {
    /// Copies what MailSeal needs out of a GPGME key listing entry.
    init(_ key: gpgme_key_t) {
        let subkeys = GPGMEList.collect(key.pointee.subkeys, next: { $0.pointee.next })
            .map(OpenPGPSubkey.init)
        let userIDs = GPGMEList.collect(key.pointee.uids, next: { $0.pointee.next })
            .map(OpenPGPUserID.init)
        let primary = subkeys.first
        // GPGME's own key-level flags keep the primary key's capabilities even when the
        // key is revoked, so usability is worked out from the subkeys here.
        let usable = key.pointee.revoked == 0 && key.pointee.expired == 0
            && key.pointee.disabled == 0 && key.pointee.invalid == 0

        var addresses: [String] = []
        for userID in userIDs where !userID.isRevoked && !userID.isInvalid
            && !userID.email.isEmpty && !addresses.contains(userID.email) {
            addresses.append(userID.email)
        }

        self.init(
            fingerprint: GPGMEText.string(key.pointee.fpr)?.uppercased()
                ?? primary?.fingerprint ?? "",
            keyID: primary?.keyID ?? "",
            userIDs: userIDs,
            addresses: addresses,
            algorithm: primary?.algorithm ?? "unknown",
            created: primary?.created,
            expires: primary?.expires,
            isExpired: key.pointee.expired != 0,
            isRevoked: key.pointee.revoked != 0,
            isDisabled: key.pointee.disabled != 0,
            isInvalid: key.pointee.invalid != 0,
            canEncrypt: usable && subkeys.contains { $0.isUsable(for: .encrypt) },
            canSign: usable && subkeys.contains { $0.isUsable(for: .sign) },
            hasSecret: key.pointee.secret != 0 || subkeys.contains { $0.hasSecret },
            subkeys: subkeys,
            ownerTrust: OpenPGPValidity(key.pointee.owner_trust))
    }
}

extension OpenPGPSubkey {
    init(_ subkey: gpgme_subkey_t) {
        let fingerprint = GPGMEText.string(subkey.pointee.fpr)?.uppercased() ?? ""
        self.init(
            fingerprint: fingerprint,
            keyID: GPGMEText.string(subkey.pointee.keyid)?.uppercased()
                ?? String(fingerprint.suffix(16)),
            algorithm: OpenPGPSubkey.algorithmName(subkey),
            created: GPGMEText.date(subkey.pointee.timestamp),
            expires: GPGMEText.date(subkey.pointee.expires),
            isExpired: subkey.pointee.expired != 0,
            isRevoked: subkey.pointee.revoked != 0,
            isDisabled: subkey.pointee.disabled != 0,
            isInvalid: subkey.pointee.invalid != 0,
            canEncrypt: subkey.pointee.can_encrypt != 0,
            canSign: subkey.pointee.can_sign != 0,
            canCertify: subkey.pointee.can_certify != 0,
            canAuthenticate: subkey.pointee.can_authenticate != 0,
            hasSecret: subkey.pointee.secret != 0)
    }

    /// `gpgme_pubkey_algo_string` gives `rsa3072`, `ed25519`, `cv25519`, `nistp256`...
    private static func algorithmName(_ subkey: gpgme_subkey_t) -> String {
        guard let name = gpgme_pubkey_algo_string(subkey) else { return "unknown" }
        defer { gpgme_free(name) }
        return String(cString: name)
    }
}

extension OpenPGPUserID {
    init(_ userID: gpgme_user_id_t) {
        let address = GPGMEText.string(userID.pointee.address)
            ?? GPGMEText.string(userID.pointee.email) ?? ""
        self.init(
            text: GPGMEText.string(userID.pointee.uid) ?? "",
            name: GPGMEText.string(userID.pointee.name) ?? "",
            email: address.lowercased(),
            isRevoked: userID.pointee.revoked != 0,
            isInvalid: userID.pointee.invalid != 0,
            validity: OpenPGPValidity(userID.pointee.validity))
    }
}

extension OpenPGPValidity {
    init(_ validity: gpgme_validity_t) {
        switch validity {
        case GPGME_VALIDITY_UNDEFINED: self = .undefined
        case GPGME_VALIDITY_NEVER: self = .never
        case GPGME_VALIDITY_MARGINAL: self = .marginal
        case GPGME_VALIDITY_FULL: self = .full
        case GPGME_VALIDITY_ULTIMATE: self = .ultimate
        default: self = .unknown
        }
    }
}

/// Walking GPGME's singly linked result lists.
enum GPGMEList {
    static func collect<Node>(
        _ first: UnsafeMutablePointer<Node>?,
        next: (UnsafeMutablePointer<Node>) -> UnsafeMutablePointer<Node>?
    ) -> [UnsafeMutablePointer<Node>] {
        var nodes: [UnsafeMutablePointer<Node>] = []
        var node = first
        while let current = node {
            nodes.append(current)
            node = next(current)
        }
        return nodes
    }
}

/// C strings and times from GPGME results.
enum GPGMEText {
    /// The text of a C string; invalid UTF-8 is repaired, never trusted.
    static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    static func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
        string(UnsafePointer(pointer))
    }

    /// GPGME uses 0 for "none" and -1 for "invalid"; both become nil.
    static func date<T: BinaryInteger>(_ seconds: T) -> Date? {
        seconds > 0 ? Date(timeIntervalSince1970: TimeInterval(seconds)) : nil
    }
}
