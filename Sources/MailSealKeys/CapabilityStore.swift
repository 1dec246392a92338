import Foundation
import MailSealSMIME

/// What MailSeal learned from mail it received: the S/MIME ciphers each sender accepts.
///
/// RFC 8551 s2.5.2: a signed message's SMIMECapabilities attribute tells what the
/// signer can decrypt. It is remembered per address, newest signing time winning.
public struct CapabilityStore: Sendable {
    private let database: SQLiteDatabase

    public init(home: MailSealHome) throws {
        try home.prepare()
        database = try SQLiteDatabase(url: home.stateDatabase)
        try database.execute("""
            CREATE TABLE IF NOT EXISTS smime_capabilities (
                address TEXT PRIMARY KEY,
                algorithms TEXT NOT NULL,
                signed_at REAL NOT NULL
            )
            """)
    }

    /// Records `algorithms` for `address` unless a newer signature already taught more.
    public func record(
        _ algorithms: [ContentEncryptionAlgorithm], for address: String, signedAt: Date
    ) throws {
        let names = algorithms.map(\.rawValue).joined(separator: ",")
        try database.query("""
            INSERT INTO smime_capabilities (address, algorithms, signed_at) VALUES (?, ?, ?)
            ON CONFLICT(address) DO UPDATE SET
                algorithms = excluded.algorithms, signed_at = excluded.signed_at
            WHERE excluded.signed_at >= smime_capabilities.signed_at
            """,
            [.text(address.lowercased()), .text(names), .real(signedAt.timeIntervalSince1970)])
    }

    /// The ciphers `address` announced, in its order of preference; empty if unknown.
    public func algorithms(for address: String) throws -> [ContentEncryptionAlgorithm] {
        let rows = try database.query(
            "SELECT algorithms FROM smime_capabilities WHERE address = ?",
            [.text(address.lowercased())])
        guard let names = rows.first?.first?.text else { return [] }
        return names.split(separator: ",").compactMap {
            ContentEncryptionAlgorithm(rawValue: String($0))
        }
    }
}
