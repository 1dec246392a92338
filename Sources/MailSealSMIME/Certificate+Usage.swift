internal import COpenSSL
import Foundation

// MARK: - Key and permitted uses (RFC 5280 s4.2.1.3, s4.2.1.9, s4.2.1.12; RFC 8550 s4.4)

extension Certificate {
    /// The subject key's algorithm and size: `RSA-2048`, `EC P-256`, `Ed25519`.
    public var keyAlgorithm: String {
        OpenSSLErrorQueue.runQuietly {
            guard let key = X509_get0_pubkey(x509) else { return "unknown" }
            return KeyDescription.algorithm(of: key)
        }
    }

    /// Whether the certificate may be used for mail (RFC 8550 s4.4.4).
    ///
    /// True without an extended key usage extension, or when it lists
    /// id-kp-emailProtection or anyExtendedKeyUsage.
    public var allowsEmailProtection: Bool {
        OpenSSLErrorQueue.runQuietly {
            let usage = X509_get_extended_key_usage(x509)
            if usage == UInt32.max { return true }
            return usage & UInt32(XKU_SMIME | XKU_ANYEKU) != 0
        }
    }

    /// Whether a message can be encrypted to this certificate's key.
    ///
    /// The key must be RSA (key transport) or EC (key agreement, RFC 5753), and the key
    /// usage extension, when present, must allow keyEncipherment or keyAgreement.
    public var canEncrypt: Bool {
        OpenSSLErrorQueue.runQuietly {
            guard let key = X509_get0_pubkey(x509) else { return false }
            let type = EVP_PKEY_get_base_id(key)
            guard type == EVP_PKEY_RSA || type == EVP_PKEY_EC else { return false }
            return keyUsageAllows(UInt32(KU_KEY_ENCIPHERMENT | KU_KEY_AGREEMENT))
        }
    }

    /// Whether the key usage extension, when present, allows signing messages.
    public var canSign: Bool {
        OpenSSLErrorQueue.runQuietly {
            keyUsageAllows(UInt32(KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION))
        }
    }

    /// Whether basicConstraints marks this as a certification authority.
    public var isCA: Bool {
        OpenSSLErrorQueue.runQuietly {
            X509_get_extension_flags(x509) & UInt32(EXFLAG_CA) != 0
        }
    }

    /// Whether the certificate is issued by its own subject and signed by its own key.
    public var isSelfSigned: Bool {
        OpenSSLErrorQueue.runQuietly { X509_self_signed(x509, 1) == 1 }
    }

    private func keyUsageAllows(_ bits: UInt32) -> Bool {
        let usage = X509_get_key_usage(x509)
        return usage == UInt32.max || usage & bits != 0
    }
}

/// Names for keys, shared by certificates and private keys.
enum KeyDescription {
    /// `RSA-2048`, `EC P-256`, `Ed25519`, or OpenSSL's name for anything else.
    static func algorithm(of key: OpaquePointer) -> String {
        switch EVP_PKEY_get_base_id(key) {
        case EVP_PKEY_RSA, EVP_PKEY_RSA_PSS:
            return "RSA-\(EVP_PKEY_get_bits(key))"
        case EVP_PKEY_EC:
            return "EC \(curveName(of: key))"
        case EVP_PKEY_ED25519:
            return "Ed25519"
        case EVP_PKEY_ED448:
            return "Ed448"
        default:
            guard let name = EVP_PKEY_get0_type_name(key) else { return "unknown" }
            return String(cString: name)
        }
    }

    /// The NIST name of an EC key's curve (`P-256`), else OpenSSL's (`brainpoolP256r1`).
    ///
    /// "group" is OSSL_PKEY_PARAM_GROUP_NAME from core_names.h.
    private static func curveName(of key: OpaquePointer) -> String {
        var buffer = [CChar](repeating: 0, count: 80)
        var length = 0
        guard EVP_PKEY_get_utf8_string_param(
            key, "group", &buffer, buffer.count, &length) == 1
        else { return "unknown curve" }
        let name = String(cString: buffer)
        if let nist = EC_curve_nid2nist(OBJ_txt2nid(name)) { return String(cString: nist) }
        return name
    }
}
