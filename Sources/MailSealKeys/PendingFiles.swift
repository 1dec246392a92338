import Foundation

/// Temporary files being written, removed if the process is told to stop meanwhile.
///
/// A half-written temporary file may hold decrypted plaintext; SIGINT, SIGTERM and
/// SIGHUP must not leave it behind. The handler only calls unlink, which is
/// async-signal-safe, on C strings prepared before the signal can arrive.
public final class PendingFiles: @unchecked Sendable {
    // `paths` is changed only under `lock`; the signal handler reads the fixed-size
    // table of C strings, never Swift collections.
    public static let shared = PendingFiles()

    private let lock = NSLock()
    private var paths: [String: UnsafeMutablePointer<CChar>] = [:]

    private init() {}

    /// Installs the handlers for SIGINT, SIGTERM and SIGHUP.
    public static func removeOnTermination() {
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            Foundation.signal(signal) { number in
                pendingFilesUnlinkAll()
                Foundation.signal(number, SIG_DFL)
                raise(number)
            }
        }
    }

    func add(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        let copy = strdup(path)!
        paths[path] = copy
        pendingTable.set(copy)
    }

    func remove(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        if let copy = paths.removeValue(forKey: path) {
            pendingTable.clear(copy)
            free(copy)
        }
    }
}

/// A fixed table the signal handler can walk without allocating.
private final class PendingTable: @unchecked Sendable {
    // Written under PendingFiles' lock; read only by the signal handler.
    static let capacity = 16
    let slots = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)

    init() { slots.initialize(repeating: nil, count: Self.capacity) }

    func set(_ path: UnsafeMutablePointer<CChar>) {
        for index in 0..<Self.capacity where slots[index] == nil {
            slots[index] = path
            return
        }
    }

    func clear(_ path: UnsafeMutablePointer<CChar>) {
        for index in 0..<Self.capacity where slots[index] == path { slots[index] = nil }
    }
}

private let pendingTable = PendingTable()

private func pendingFilesUnlinkAll() {
    for index in 0..<PendingTable.capacity {
        if let path = pendingTable.slots[index] { unlink(path) }
    }
}
