import Foundation

/// JSON with every key present: a missing value is written as null, so programs can
/// tell "not encrypted" from "not reported".
extension OpenReport {
    enum CodingKeys: String, CodingKey {
        case encrypted, method, cipher, integrityProtected, encryptionCoverage, signatures
        case headerProtection, fromAddress, warnings
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(encrypted, forKey: .encrypted)
        try container.encode(method, forKey: .method)
        try container.encode(cipher, forKey: .cipher)
        try container.encode(integrityProtected, forKey: .integrityProtected)
        try container.encode(encryptionCoverage, forKey: .encryptionCoverage)
        try container.encode(signatures, forKey: .signatures)
        try container.encode(headerProtection, forKey: .headerProtection)
        try container.encode(fromAddress, forKey: .fromAddress)
        try container.encode(warnings, forKey: .warnings)
    }
}

extension SignatureReport {
    enum CodingKeys: String, CodingKey {
        case method, status, fingerprint, signerAddresses, signingTime, matchesFrom
        case coverage, part, details
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(method, forKey: .method)
        try container.encode(status, forKey: .status)
        try container.encode(fingerprint, forKey: .fingerprint)
        try container.encode(signerAddresses, forKey: .signerAddresses)
        try container.encode(signingTime, forKey: .signingTime)
        try container.encode(matchesFrom, forKey: .matchesFrom)
        try container.encode(coverage, forKey: .coverage)
        try container.encode(part, forKey: .part)
        try container.encode(details, forKey: .details)
    }
}
