import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Connects to a mail server and learns what it offers, without ever sending mail.
///
/// Each probe: connect (bounded), read the 220 greeting, EHLO, STARTTLS when offered,
/// the TLS handshake with the MX name as SNI and reference identity, EHLO again
/// inside TLS, QUIT.
public struct SMTPProbe: Sendable {
    /// Where and how long the probe may try.
    public struct Configuration: Sendable {
        /// The SMTP port; 25 for MX delivery (RFC 5321 §4.5.4.2 does not change this).
        public var port: UInt16 = 25
        /// The name said in EHLO; the machine's host name when nil.
        public var heloName: String?
        /// Seconds to wait for the TCP connection.
        public var connectTimeout: TimeInterval = 10
        /// Seconds to wait for each reply and for the handshake.
        public var commandTimeout: TimeInterval = 20
        /// Seconds for the whole probe of one server, all addresses included.
        public var totalTimeout: TimeInterval = 45
        /// PEM files of trusted CAs; the system store when empty.
        public var caFiles: [String] = []
        /// Addresses to use for a host instead of resolving it (lower-case host name).
        public var addressOverrides: [String: [String]] = [:]

        public init() {}
    }

    public var configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        // A server closing in mid-write must not kill the process; OpenSSL writes to
        // the socket with write(2), which raises SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
    }

    /// Probes `host`, trying its addresses (the configured override, else `addresses`,
    /// else the system resolver's) in order until one answers.
    public func probe(host: String, addresses given: [String]? = nil) -> SMTPProbeResult {
        var result = SMTPProbeResult(host: host, port: configuration.port)
        let deadline = Date().addingTimeInterval(configuration.totalTimeout)

        let addresses: [String]
        do {
            addresses = try configuration.addressOverrides[host.lowercased()]
                ?? given ?? SMTPSocket.resolve(host)
        } catch let failure as SMTPStepFailure {
            result.steps.append(SMTPProbeStep(.resolve, succeeded: false, detail: failure.reason))
            return result
        } catch {
            return result
        }

        for address in addresses {
            do {
                let socket = try SMTPSocket.connect(
                    to: address, port: configuration.port,
                    timeout: min(configuration.connectTimeout, deadline.timeIntervalSinceNow))
                result.address = address
                result.steps.append(SMTPProbeStep(
                    .connect, succeeded: true, detail: "connected to \(address)"))
                converse(over: socket, deadline: deadline, into: &result)
                return result
            } catch let failure as SMTPStepFailure {
                result.steps.append(SMTPProbeStep(
                    .connect, succeeded: false, detail: failure.reason,
                    timedOut: failure.timedOut))
            } catch {}
            guard deadline.timeIntervalSinceNow > 0 else { break }
        }
        return result
    }

    /// The probe on a thread of its own, so that blocking reads never hold up the
    /// cooperative pool of Swift concurrency.
    public func probe(host: String, addresses: [String]? = nil) async -> SMTPProbeResult {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: self.probe(host: host, addresses: addresses))
            }
        }
    }

    // MARK: - The conversation

    private func converse(
        over socket: SMTPSocket, deadline: Date, into result: inout SMTPProbeResult
    ) {
        let conversation = SMTPConversation(
            socket: socket, commandTimeout: configuration.commandTimeout, deadline: deadline)
        var step = SMTPProbeStep.Name.greeting
        do {
            let greeting = try conversation.readReply()
            try expect(220, greeting, step: step, into: &result)

            step = .ehlo
            try conversation.send("EHLO \(heloName)")
            let ehlo = try conversation.readReply()
            try expect(250, ehlo, step: step, into: &result)
            result.extensions = SMTPExtensions(ehloLines: ehlo.lines)
            guard result.offersSTARTTLS else {
                quit(conversation, into: &result)
                return
            }

            step = .starttls
            try conversation.send("STARTTLS")
            try expect(220, try conversation.readReply(), step: step, into: &result)

            step = .handshake
            let session = try TLSClientSession(
                socket: socket, host: host(result), caFiles: configuration.caFiles)
            conversation.startTLS(session)
            let handshake = try session.handshake()
            result.tls = handshake
            result.steps.append(SMTPProbeStep(
                .handshake, succeeded: true,
                detail: "\(handshake.version) \(handshake.cipher) \(handshake.bits) bits"))

            step = .ehloAfterTLS
            try conversation.send("EHLO \(heloName)")
            let secured = try conversation.readReply()
            try expect(250, secured, step: step, into: &result)
            result.extensionsAfterTLS = SMTPExtensions(ehloLines: secured.lines)
            quit(conversation, into: &result)
            session.shutdown()
        } catch let failure as SMTPStepFailure {
            result.steps.append(SMTPProbeStep(
                step, succeeded: false, detail: failure.reason, timedOut: failure.timedOut))
        } catch {
            result.steps.append(SMTPProbeStep(step, succeeded: false, detail: "\(error)"))
        }
    }

    private func expect(
        _ code: Int, _ reply: SMTPReply, step: SMTPProbeStep.Name,
        into result: inout SMTPProbeResult
    ) throws {
        guard reply.code == code else {
            throw SMTPStepFailure("expected \(code), the server said \(reply.text)")
        }
        result.steps.append(SMTPProbeStep(step, succeeded: true, detail: reply.text))
    }

    /// Says QUIT; a missing 221 is noted but takes nothing from what was learned.
    private func quit(_ conversation: SMTPConversation, into result: inout SMTPProbeResult) {
        do {
            try conversation.send("QUIT")
            let reply = try conversation.readReply()
            result.steps.append(SMTPProbeStep(
                .quit, succeeded: reply.code == 221, detail: reply.text))
        } catch let failure as SMTPStepFailure {
            result.steps.append(SMTPProbeStep(
                .quit, succeeded: false, detail: failure.reason, timedOut: failure.timedOut))
        } catch {}
    }

    private func host(_ result: SMTPProbeResult) -> String {
        result.host.hasSuffix(".") ? String(result.host.dropLast()) : result.host
    }

    private var heloName: String {
        if let name = configuration.heloName { return name }
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        let name = String(cString: buffer)
        return name.isEmpty ? "localhost" : name
    }
}
