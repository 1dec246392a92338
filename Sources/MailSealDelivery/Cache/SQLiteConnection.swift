import Foundation
internal import CSQLite

/// One value bound to or read from an SQL statement.
enum SQLiteValue {
    case text(String)
    case blob(Data)
    case real(Double)
    case null

    var text: String? { if case .text(let value) = self { return value } else { return nil } }
    var real: Double? { if case .real(let value) = self { return value } else { return nil } }
    var data: Data? {
        switch self {
        case .blob(let value): return value
        case .text(let value): return Data(value.utf8)
        default: return nil
        }
    }
}

/// Owns one SQLite database connection; closed when released.
final class SQLiteConnection {
    private let pointer: OpaquePointer
    private let path: String

    init(path: String) throws {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
        let status = sqlite3_open_v2(path, &handle, flags, nil)
        guard status == SQLITE_OK, let handle else {
            let reason = handle.map { String(cString: sqlite3_errmsg($0)) }
                ?? String(cString: sqlite3_errstr(status))
            sqlite3_close_v2(handle)
            throw DeliveryError(.cacheFailed, "cannot open the state database \(path): \(reason)")
        }
        pointer = handle
        self.path = path
        // Several mailseal processes may share the home; wait for each other's writes.
        sqlite3_busy_timeout(handle, 5000)
        chmod(path, 0o600)
    }

    deinit { sqlite3_close_v2(pointer) }

    /// Runs statements that return nothing and take no parameters.
    func execute(_ sql: String) throws {
        guard sqlite3_exec(pointer, sql, nil, nil, nil) == SQLITE_OK else { throw failure() }
    }

    /// Runs one statement with `parameters`, ignoring any rows.
    func run(_ sql: String, _ parameters: [SQLiteValue]) throws {
        _ = try query(sql, parameters)
    }

    /// Runs one statement with `parameters` and returns its rows.
    func query(_ sql: String, _ parameters: [SQLiteValue]) throws -> [[SQLiteValue]] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(pointer, sql, -1, &statement, nil) == SQLITE_OK,
              let statement else { throw failure() }
        defer { sqlite3_finalize(statement) }

        for (offset, parameter) in parameters.enumerated() {
            try bind(parameter, at: Int32(offset + 1), in: statement)
        }
        var rows: [[SQLiteValue]] = []
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { return rows }
            guard status == SQLITE_ROW else { throw failure() }
            rows.append((0..<sqlite3_column_count(statement)).map { column(statement, $0) })
        }
    }

    // MARK: - Helpers

    /// SQLITE_TRANSIENT, a macro Swift cannot import: SQLite copies the bytes at once.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private func bind(_ value: SQLiteValue, at index: Int32, in statement: OpaquePointer) throws {
        let status: Int32
        switch value {
        case .text(let text): status = sqlite3_bind_text(statement, index, text, -1, Self.transient)
        case .real(let number): status = sqlite3_bind_double(statement, index, number)
        case .null: status = sqlite3_bind_null(statement, index)
        case .blob(let data):
            status = data.withUnsafeBytes {
                sqlite3_bind_blob(statement, index, $0.baseAddress, Int32($0.count), Self.transient)
            }
        }
        guard status == SQLITE_OK else { throw failure() }
    }

    private func column(_ statement: OpaquePointer, _ index: Int32) -> SQLiteValue {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_TEXT:
            return .text(String(cString: sqlite3_column_text(statement, index)))
        case SQLITE_FLOAT, SQLITE_INTEGER:
            return .real(sqlite3_column_double(statement, index))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(statement, index))
            guard count > 0, let bytes = sqlite3_column_blob(statement, index) else {
                return .blob(Data())
            }
            return .blob(Data(bytes: bytes, count: count))
        default:
            return .null
        }
    }

    private func failure() -> DeliveryError {
        let reason = String(cString: sqlite3_errmsg(pointer))
        return DeliveryError(.cacheFailed, "state database \(path): \(reason)")
    }
}
