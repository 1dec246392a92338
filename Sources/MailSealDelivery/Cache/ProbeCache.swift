import Foundation
import MailSealKeys

/// What MailSeal learned about recipients, kept in the home's state database
/// (`MailSealHome.stateDatabase`): cached lookups and probes, and which keys of the
/// home were discovered on the network rather than imported by the user.
///
/// Each cached entry is JSON with an expiry: DNS answers for their TTL, MTA-STS
/// policies for their max_age, SMTP probes for a short fixed time. Safe to share
/// between tasks: every statement runs under one lock.
public final class ProbeCache: @unchecked Sendable {
    /// The kinds of cached entry; the key's meaning depends on it.
    public enum Kind: String, Sendable {
        case mx, tlsa, mtaSTS = "mta-sts", tlsReporting = "tls-rpt", smtp, keys
    }

    private let connection: SQLiteDatabase
    private let lock = NSLock()
    private let encoder = JSONEncoder()
    private let decoder = JSONDecoder()

    /// Opens (and creates when missing) the database at `url`.
    public init(database url: URL) throws {
        connection = try SQLiteDatabase(url: url)
        try connection.execute("""
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS probe_cache (
                kind TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL,
                stored_at REAL NOT NULL, expires_at REAL NOT NULL,
                PRIMARY KEY (kind, key));
            CREATE TABLE IF NOT EXISTS discovered_keys (
                fingerprint TEXT PRIMARY KEY, address TEXT NOT NULL, source TEXT NOT NULL,
                discovered_at REAL NOT NULL);
            """)
    }

    /// The entry stored under `kind` and `key`, when it has not expired at `now`.
    public func value<Value: Decodable>(
        _ type: Value.Type, kind: Kind, key: String, now: Date = Date()
    ) -> Value? {
        let data: Data? = lock.withLock {
            try? connection.query(
                "SELECT value FROM probe_cache WHERE kind = ? AND key = ? AND expires_at > ?",
                [.text(kind.rawValue), .text(key), .real(now.timeIntervalSince1970)]
            ).first?.first?.blob
        }
        return data.flatMap { try? decoder.decode(type, from: $0) }
    }

    /// Stores `value` for `lifetime` seconds; a lifetime of zero stores nothing.
    public func store<Value: Encodable>(
        _ value: Value, kind: Kind, key: String, lifetime: TimeInterval, now: Date = Date()
    ) throws {
        guard lifetime > 0 else { return }
        let data = try encoder.encode(value)
        try lock.withLock {
            try connection.query(
                "INSERT OR REPLACE INTO probe_cache VALUES (?, ?, ?, ?, ?)",
                [.text(kind.rawValue), .text(key), .blob(data),
                 .real(now.timeIntervalSince1970),
                 .real(now.addingTimeInterval(lifetime).timeIntervalSince1970)])
        }
    }

    /// Removes the entries that expired before `now`.
    public func removeExpired(now: Date = Date()) throws {
        try lock.withLock {
            try connection.query(
                "DELETE FROM probe_cache WHERE expires_at <= ?", [.real(now.timeIntervalSince1970)])
        }
    }

    // MARK: - Discovered keys

    /// Marks the key or certificate with `fingerprint` as found by `source` for `address`.
    public func markDiscovered(
        fingerprint: String, source: DiscoveredKey.Source, address: String, at date: Date = Date()
    ) throws {
        try lock.withLock {
            try connection.query(
                "INSERT OR REPLACE INTO discovered_keys VALUES (?, ?, ?, ?)",
                [.text(fingerprint.lowercased()), .text(address.lowercased()),
                 .text(source.rawValue), .real(date.timeIntervalSince1970)])
        }
    }

    /// How the key with `fingerprint` was discovered; nil for one the user imported.
    public func discoverySource(fingerprint: String) -> DiscoveredKey.Source? {
        let rows = lock.withLock {
            try? connection.query(
                "SELECT source FROM discovered_keys WHERE fingerprint = ?",
                [.text(fingerprint.lowercased())])
        }
        return rows?.first?.first?.text.flatMap(DiscoveredKey.Source.init)
    }
}
