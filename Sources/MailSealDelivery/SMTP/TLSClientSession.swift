import Foundation
internal import COpenSSL
internal import CMailSealShims

/// A TLS client session over an SMTP connection after STARTTLS (RFC 3207 §4).
///
/// Verification never aborts the handshake: the probe wants to learn what the server
/// presents even when it would not be trusted, and records the verdict instead.
final class TLSClientSession {
    private let context: OpaquePointer
    private let ssl: OpaquePointer
    private let host: String

    /// Prepares a session on `socket` for `host` (the SNI name and the reference
    /// identity), trusting the CAs in `caFiles` or, when there are none, the system store.
    init(socket: SMTPSocket, host: String, caFiles: [String]) throws {
        ERR_clear_error()
        guard let context = SSL_CTX_new(TLS_client_method()) else {
            throw SMTPStepFailure("cannot create a TLS context: \(OpenSSLErrorQueue.drain())")
        }
        for file in caFiles where SSL_CTX_load_verify_locations(context, file, nil) != 1 {
            let reason = OpenSSLErrorQueue.drain()
            SSL_CTX_free(context)
            throw SMTPStepFailure("cannot load the CA file \(file): \(reason)")
        }
        if caFiles.isEmpty { SSL_CTX_set_default_verify_paths(context) }
        guard let ssl = SSL_new(context) else {
            let reason = OpenSSLErrorQueue.drain()
            SSL_CTX_free(context)
            throw SMTPStepFailure("cannot create a TLS session: \(reason)")
        }
        self.context = context
        self.ssl = ssl
        self.host = host
        SSL_set_verify(ssl, SSL_VERIFY_NONE, nil)
        SSL_set_fd(ssl, socket.descriptor)
        _ = host.withCString { name in
            SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, Int(TLSEXT_NAMETYPE_host_name),
                     UnsafeMutableRawPointer(mutating: name))
        }
    }

    deinit {
        SSL_free(ssl)
        SSL_CTX_free(context)
    }

    /// Runs the handshake and reports what it established.
    func handshake() throws -> TLSHandshakeResult {
        ERR_clear_error()
        let status = SSL_connect(ssl)
        guard status == 1 else { throw failure("TLS handshake failed", status: status) }

        let chain = peerChain()
        let verification = SSL_get_verify_result(ssl)
        let cipher = SSL_get_current_cipher(ssl)
        let leafMatches = chain.first?.matches(host: host) ?? false
        return TLSHandshakeResult(
            version: String(cString: SSL_get_version(ssl)),
            cipher: cipher.map { String(cString: SSL_CIPHER_get_name($0)) } ?? "unknown",
            bits: Int(cipher.map { SSL_CIPHER_get_bits($0, nil) } ?? 0),
            chain: chain.map(\.peerCertificate),
            chainVerified: verification == X509_V_OK && !chain.isEmpty,
            verifyError: verification == X509_V_OK
                ? nil : String(cString: X509_verify_cert_error_string(verification)),
            nameMatches: leafMatches)
    }

    /// Sends all of `bytes` inside TLS.
    func send(_ bytes: [UInt8]) throws {
        ERR_clear_error()
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes {
                SSL_write(ssl, $0.baseAddress, Int32($0.count))
            }
            guard written > 0 else { throw failure("TLS write failed", status: written) }
            offset += Int(written)
        }
    }

    /// Reads what has arrived inside TLS; empty when the server closed.
    func receive(limit: Int = 4096) throws -> [UInt8] {
        ERR_clear_error()
        var buffer = [UInt8](repeating: 0, count: limit)
        let count = buffer.withUnsafeMutableBytes { SSL_read(ssl, $0.baseAddress, Int32(limit)) }
        if count > 0 { return Array(buffer[..<Int(count)]) }
        if SSL_get_error(ssl, count) == SSL_ERROR_ZERO_RETURN { return [] }
        throw failure("TLS read failed", status: count)
    }

    /// Sends close_notify; the answer is not awaited.
    func shutdown() {
        SSL_shutdown(ssl)
        ERR_clear_error()
    }

    // MARK: - Helpers

    private func peerChain() -> [X509Handle] {
        guard let stack = SSL_get_peer_cert_chain(ssl) else { return [] }
        return (0..<CMailSealShims_sk_X509_num(stack)).compactMap { index in
            guard let certificate = CMailSealShims_sk_X509_value(stack, index) else {
                return nil
            }
            X509_up_ref(certificate)
            return X509Handle(owning: certificate)
        }
    }

    private func failure(_ what: String, status: Int32) -> SMTPStepFailure {
        let code = SSL_get_error(ssl, status)
        let saved = errno
        let queue = OpenSSLErrorQueue.drain()
        if code == SSL_ERROR_WANT_READ || code == SSL_ERROR_WANT_WRITE
            || (code == SSL_ERROR_SYSCALL && SMTPSocket.isTimeout(saved)) {
            return SMTPStepFailure("\(what): the server did not answer in time", timedOut: true)
        }
        if !queue.isEmpty { return SMTPStepFailure("\(what): \(queue)") }
        if code == SSL_ERROR_SYSCALL {
            let reason = saved == 0
                ? "the server closed the connection" : String(cString: strerror(saved))
            return SMTPStepFailure("\(what): \(reason)")
        }
        return SMTPStepFailure("\(what) (OpenSSL error \(code))")
    }
}
