import Foundation
import MailSealSMIME

/// The S/MIME half of MailSeal's home: certificates, private keys and trust anchors.
///
/// Certificates are PEM files named by their SHA-256 fingerprint; a private key is
/// stored under the fingerprint of the certificate it belongs to, mode 0600.
public struct SMIMEStore: Sendable {
    public let home: MailSealHome

    public init(home: MailSealHome) {
        self.home = home
    }

    // MARK: - Certificates

    /// Every certificate in the store, trust anchors excluded.
    public func certificates() throws -> [Certificate] {
        try pemFiles(in: home.certificatesFolder).flatMap { try Certificate.all(fromPEM: $0) }
    }

    /// Certificates whose addresses include `address`, newest first.
    public func certificates(forAddress address: String) throws -> [Certificate] {
        let wanted = address.lowercased()
        return try certificates()
            .filter { $0.emailAddresses.contains(wanted) }
            .sorted { $0.notAfter > $1.notAfter }
    }

    /// Adds `certificate`; returns false when it was already there.
    @discardableResult
    public func add(_ certificate: Certificate) throws -> Bool {
        try home.prepare()
        let url = certificateURL(certificate)
        if FileManager.default.fileExists(atPath: url.path) { return false }
        try AtomicFile.write(
            Data(certificate.pemRepresentation.utf8), to: url, permissions: 0o644)
        return true
    }

    // MARK: - Private keys

    /// Stores `key` beside `certificate`, readable by the user only.
    public func add(_ key: PrivateKey, for certificate: Certificate) throws {
        try home.prepare()
        let url = privateKeyURL(certificate)
        try AtomicFile.write(key.pemRepresentation, to: url, permissions: 0o600)
    }

    /// The private key stored for `certificate`, if any.
    public func privateKey(for certificate: Certificate) throws -> PrivateKey? {
        let url = privateKeyURL(certificate)
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return try PrivateKey(pemEncoded: data)
    }

    /// Finds a stored key matching `key` by trying each certificate without one.
    public func certificate(matching key: PrivateKey) throws -> Certificate? {
        try certificates().first { key.matches($0) }
    }

    /// The newest certificate for `address` that has a private key, with that key.
    public func identity(forAddress address: String) throws -> SMIMEIdentity? {
        for certificate in try certificates(forAddress: address) {
            if let key = try privateKey(for: certificate) {
                return SMIMEIdentity(certificate: certificate, key: key)
            }
        }
        return nil
    }

    /// Every certificate that has a private key: the identities that can decrypt.
    public func identities() throws -> [SMIMEIdentity] {
        try certificates().compactMap { certificate in
            try privateKey(for: certificate).map {
                SMIMEIdentity(certificate: certificate, key: $0)
            }
        }
    }

    // MARK: - Trust anchors

    /// The CA certificates the user chose to trust.
    public func trustAnchors() throws -> [Certificate] {
        try pemFiles(in: home.trustFolder).flatMap { try Certificate.all(fromPEM: $0) }
    }

    /// Makes `certificate` a trust anchor.
    @discardableResult
    public func trust(_ certificate: Certificate) throws -> Bool {
        try home.prepare()
        let url = home.trustFolder
            .appendingPathComponent(certificate.fingerprintSHA256 + ".pem")
        if FileManager.default.fileExists(atPath: url.path) { return false }
        try AtomicFile.write(
            Data(certificate.pemRepresentation.utf8), to: url, permissions: 0o644)
        return true
    }

    // MARK: - Files

    private func certificateURL(_ certificate: Certificate) -> URL {
        home.certificatesFolder.appendingPathComponent(certificate.fingerprintSHA256 + ".pem")
    }

    private func privateKeyURL(_ certificate: Certificate) -> URL {
        home.privateKeysFolder.appendingPathComponent(certificate.fingerprintSHA256 + ".pem")
    }

    private func pemFiles(in folder: URL) throws -> [Data] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".pem") }.sorted().compactMap {
            FileManager.default.contents(atPath: folder.appendingPathComponent($0).path)
        }
    }
}

/// A certificate together with its private key: what signs and decrypts.
public struct SMIMEIdentity: Sendable {
    public var certificate: Certificate
    public var key: PrivateKey
}
