import Foundation

/// One SMTP reply: a three-digit code and its text lines (RFC 5321 §4.2).
struct SMTPReply {
    var code: Int
    var lines: [String]

    /// The reply as a person reads it, lines joined.
    var text: String { "\(code) " + lines.joined(separator: " / ") }
}

/// Commands and replies over a connection, in the clear or inside TLS.
final class SMTPConversation {
    /// The longest reply line accepted; RFC 5321 §4.5.3.1.5 allows 512 octets.
    private static let lineLimit = 4096
    /// The most lines one reply may have before the server is taken as broken.
    private static let replyLineLimit = 200

    let socket: SMTPSocket
    private(set) var tls: TLSClientSession?
    private var buffer: [UInt8] = []
    private let deadline: Date
    private let commandTimeout: TimeInterval

    /// `deadline` bounds the whole conversation; each read also waits at most
    /// `commandTimeout`.
    init(socket: SMTPSocket, commandTimeout: TimeInterval, deadline: Date) {
        self.socket = socket
        self.commandTimeout = commandTimeout
        self.deadline = deadline
    }

    /// Moves the conversation inside `session`; bytes read before are dropped, as
    /// RFC 3207 §4.2 requires of a client.
    func startTLS(_ session: TLSClientSession) {
        buffer.removeAll()
        tls = session
    }

    func send(_ command: String) throws {
        try armTimeout()
        let bytes = Array((command + "\r\n").utf8)
        if let tls { try tls.send(bytes) } else { try socket.send(bytes) }
    }

    /// Reads one whole reply, multi-line ones included.
    func readReply() throws -> SMTPReply {
        var lines: [String] = []
        while lines.count < Self.replyLineLimit {
            let line = try readLine()
            let bytes = Array(line.utf8)
            let digits = bytes.count >= 3 ? String(decoding: bytes[0..<3], as: UTF8.self) : ""
            guard let code = Int(digits) else {
                throw SMTPStepFailure(
                    "the server sent a line that is no SMTP reply: \(line.prefix(80))")
            }
            lines.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
            if bytes.count == 3 || bytes[3] == UInt8(ascii: " ") {
                return SMTPReply(code: code, lines: lines)
            }
            guard bytes[3] == UInt8(ascii: "-") else {
                throw SMTPStepFailure("the server sent a malformed reply line: \(line.prefix(80))")
            }
        }
        throw SMTPStepFailure("the server's reply has more than \(Self.replyLineLimit) lines")
    }

    // MARK: - Helpers

    private func readLine() throws -> String {
        while true {
            if let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(buffer[..<end])
                buffer.removeSubrange(...end)
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            guard buffer.count < Self.lineLimit else {
                throw SMTPStepFailure("the server sent a line longer than \(Self.lineLimit) octets")
            }
            try armTimeout()
            let chunk = try tls?.receive() ?? socket.receive()
            guard !chunk.isEmpty else {
                throw SMTPStepFailure("the server closed the connection")
            }
            buffer += chunk
        }
    }

    private func armTimeout() throws {
        let remaining = deadline.timeIntervalSinceNow
        guard remaining > 0 else {
            throw SMTPStepFailure("the probe ran out of time", timedOut: true)
        }
        socket.setTimeout(min(commandTimeout, remaining))
    }
}
