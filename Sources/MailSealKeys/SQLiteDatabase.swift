import Foundation
internal import CSQLite

/// A small owner of one SQLite connection, for MailSeal's state store.
///
/// Statements are prepared per call; the store is tiny and this keeps the type simple.
public final class SQLiteDatabase: @unchecked Sendable {
    // The connection is used under `lock` only, so sharing it between threads is safe.
    private let handle: OpaquePointer
    private let lock = NSLock()
    public let url: URL

    /// Opens (creating if needed) the database at `url` with mode 0600.
    public init(url: URL) throws {
        self.url = url
        let existed = FileManager.default.fileExists(atPath: url.path)
        var connection: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
        let status = sqlite3_open_v2(url.path, &connection, flags, nil)
        guard status == SQLITE_OK, let connection else {
            let reason = connection.map { String(cString: sqlite3_errmsg($0)) }
                ?? String(cString: sqlite3_errstr(status))
            sqlite3_close(connection)
            throw SQLiteError(url: url, reason: reason)
        }
        handle = connection
        sqlite3_busy_timeout(handle, 5_000)
        if !existed { chmod(url.path, 0o600) }
    }

    deinit { sqlite3_close(handle) }

    /// Runs statements that return no rows (schema, pragmas).
    public func execute(_ sql: String) throws {
        try locked {
            var message: UnsafeMutablePointer<CChar>?
            guard sqlite3_exec(handle, sql, nil, nil, &message) == SQLITE_OK else {
                let reason = message.map { String(cString: $0) } ?? "unknown error"
                sqlite3_free(message)
                throw SQLiteError(url: url, reason: reason)
            }
        }
    }

    /// Runs one statement with `parameters` bound in order; returns its rows.
    @discardableResult
    public func query(_ sql: String, _ parameters: [SQLiteValue] = []) throws -> [[SQLiteValue]] {
        try locked {
            var statement: OpaquePointer?
            guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK,
                  let statement else { throw currentError() }
            defer { sqlite3_finalize(statement) }

            for (index, value) in parameters.enumerated() {
                try bind(value, at: Int32(index + 1), in: statement)
            }

            var rows: [[SQLiteValue]] = []
            while true {
                let step = sqlite3_step(statement)
                if step == SQLITE_DONE { break }
                guard step == SQLITE_ROW else { throw currentError() }
                let count = sqlite3_column_count(statement)
                rows.append((0..<count).map { column(statement, $0) })
            }
            return rows
        }
    }

    private func bind(_ value: SQLiteValue, at index: Int32, in statement: OpaquePointer) throws {
        // SQLITE_TRANSIENT: SQLite copies the bytes before this call returns.
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        let status: Int32
        switch value {
        case .null: status = sqlite3_bind_null(statement, index)
        case .integer(let number): status = sqlite3_bind_int64(statement, index, number)
        case .real(let number): status = sqlite3_bind_double(statement, index, number)
        case .text(let text): status = sqlite3_bind_text(statement, index, text, -1, transient)
        case .blob(let data):
            status = data.withUnsafeBytes {
                sqlite3_bind_blob(statement, index, $0.baseAddress, Int32($0.count), transient)
            }
        }
        guard status == SQLITE_OK else { throw currentError() }
    }

    private func column(_ statement: OpaquePointer, _ index: Int32) -> SQLiteValue {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, index))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, index))
        case SQLITE_TEXT: return .text(String(cString: sqlite3_column_text(statement, index)))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(statement, index))
            guard let bytes = sqlite3_column_blob(statement, index) else { return .blob(Data()) }
            return .blob(Data(bytes: bytes, count: count))
        default: return .null
        }
    }

    private func currentError() -> SQLiteError {
        SQLiteError(url: url, reason: String(cString: sqlite3_errmsg(handle)))
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}

/// One SQLite value, bound as a parameter or read from a column.
public enum SQLiteValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)

    public var text: String? { if case .text(let value) = self { value } else { nil } }
    public var real: Double? { if case .real(let value) = self { value } else { nil } }
    public var integer: Int64? { if case .integer(let value) = self { value } else { nil } }
    public var blob: Data? { if case .blob(let value) = self { value } else { nil } }
}

/// The state store could not be opened or a statement failed.
public struct SQLiteError: Error, CustomStringConvertible {
    public var url: URL
    public var reason: String

    public var description: String { "state store \(url.path): \(reason)" }
}
