internal import CCurl
internal import CMailSealShims
import Foundation

/// One GET on a libcurl easy handle, run to its end on the calling thread.
struct CurlTransfer: Sendable {
    /// Collects the body within its limit and tells libcurl when to stop.
    final class Sink: @unchecked Sendable {
        // `body` and `overflowed` are touched only by libcurl's callbacks on the transfer's
        // thread; `cancelled` is guarded by `lock`.
        let limit: Int
        var body = Data()
        var overflowed = false
        private let lock = NSLock()
        private var cancelled = false

        init(limit: Int) { self.limit = limit }

        var isCancelled: Bool { lock.withLock { cancelled } }

        func cancel() { lock.withLock { cancelled = true } }
    }

    let url: String
    let configuration: HTTPSClient.Configuration
    /// CURLOPT_RESOLVE entries: `HOST:PORT:ADDRESS[,ADDRESS]`.
    let resolve: [String]
    let limit: Int

    func perform(into sink: Sink) throws -> HTTPSResponse {
        _ = curlGlobalInit
        return try withEasyHandle { handle in
            try withStringList(resolve) { resolveList in
                try withStringList(configuration.routes.map(\.curlForm)) { routeList in
                    try set(handle, resolve: resolveList, routes: routeList, sink: sink)
                    return try run(handle, sink: sink)
                }
            }
        }
    }

    // MARK: - Options

    private func set(
        _ handle: UnsafeMutableRawPointer, resolve: OpaquePointer?, routes: OpaquePointer?,
        sink: Sink
    ) throws {
        let sinkPointer = Unmanaged.passUnretained(sink).toOpaque()
        var status: [CURLcode] = [
            CMailSealShims_curl_setopt_string(handle, CURLOPT_URL, url),
            CMailSealShims_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "https"),
            // RFC 8461 s3.3: redirects are not followed.
            CMailSealShims_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0),
            // Signals and threads do not mix; timeouts are enforced without SIGALRM.
            CMailSealShims_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1),
            CMailSealShims_curl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1),
            CMailSealShims_curl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2),
            CMailSealShims_curl_setopt_long(
                handle, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_2),
            CMailSealShims_curl_setopt_long(
                handle, CURLOPT_TIMEOUT_MS, milliseconds(configuration.timeout)),
            CMailSealShims_curl_setopt_long(
                handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(configuration.connectTimeout)),
            CMailSealShims_curl_setopt_long(handle, CURLOPT_MAXFILESIZE, limit),
            CMailSealShims_curl_setopt_string(handle, CURLOPT_PROXY, configuration.proxy ?? ""),
            CMailSealShims_curl_setopt_string(handle, CURLOPT_USERAGENT, "MailSeal"),
            CMailSealShims_curl_setopt_write_callback(handle, curlWriteBody),
            CMailSealShims_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, sinkPointer),
            CMailSealShims_curl_setopt_long(handle, CURLOPT_NOPROGRESS, 0),
            CMailSealShims_curl_setopt_xferinfo_callback(handle, curlProgress),
            CMailSealShims_curl_setopt_pointer(handle, CURLOPT_XFERINFODATA, sinkPointer),
        ]
        if let caFile = configuration.caFile {
            status.append(CMailSealShims_curl_setopt_string(handle, CURLOPT_CAINFO, caFile))
        }
        if let resolve {
            status.append(CMailSealShims_curl_setopt_pointer(
                handle, CURLOPT_RESOLVE, UnsafeMutableRawPointer(resolve)))
        }
        if let routes {
            status.append(CMailSealShims_curl_setopt_pointer(
                handle, CURLOPT_CONNECT_TO, UnsafeMutableRawPointer(routes)))
        }
        if let failed = status.first(where: { $0 != CURLE_OK }) {
            throw DeliveryError(
                .httpsConfiguration, "libcurl refused an option for \(url): \(text(failed))")
        }
    }

    // MARK: - Transfer

    private func run(_ handle: UnsafeMutableRawPointer, sink: Sink) throws -> HTTPSResponse {
        var message = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let code = message.withUnsafeMutableBufferPointer { buffer in
            _ = CMailSealShims_curl_setopt_pointer(
                handle, CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(buffer.baseAddress!))
            defer { _ = CMailSealShims_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, nil) }
            return withExtendedLifetime(sink) { curl_easy_perform(handle) }
        }

        if sink.isCancelled { throw CancellationError() }
        if sink.overflowed || code == CURLE_FILESIZE_EXCEEDED {
            throw DeliveryError(
                .httpsBodyTooLarge, "\(url) sent more than \(limit) bytes, the limit for it")
        }
        guard code == CURLE_OK else {
            let detail = String(cString: message)
            throw DeliveryError(
                .httpsFailed,
                "GET \(url) failed: \(detail.isEmpty ? text(code) : detail) "
                    + "(curl error \(code.rawValue))")
        }

        var status = 0
        _ = CMailSealShims_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        var contentType: UnsafePointer<CChar>?
        _ = CMailSealShims_curl_getinfo_string(handle, CURLINFO_CONTENT_TYPE, &contentType)
        return HTTPSResponse(
            url: url, status: status, contentType: contentType.map { String(cString: $0) },
            body: sink.body)
    }

    // MARK: - Temporary C objects

    private func withEasyHandle<T>(_ body: (UnsafeMutableRawPointer) throws -> T) throws -> T {
        guard let handle = curl_easy_init() else {
            throw DeliveryError(.httpsConfiguration, "libcurl could not make a handle")
        }
        defer { curl_easy_cleanup(handle) }
        return try body(handle)
    }

    /// A curl_slist of `items`, freed when `body` returns; nil when there are none.
    private func withStringList<T>(
        _ items: [String], _ body: (OpaquePointer?) throws -> T
    ) throws -> T {
        var list: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(list) }
        for item in items {
            guard let longer = curl_slist_append(list, item) else {
                throw DeliveryError(.httpsConfiguration, "libcurl could not hold \(item)")
            }
            list = longer
        }
        return try body(list.map(OpaquePointer.init))
    }

    private func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }

    private func text(_ code: CURLcode) -> String {
        String(cString: curl_easy_strerror(code))
    }
}

// MARK: - libcurl's callbacks

/// curl_global_init once per process, before the first handle (libcurl's rule).
private let curlGlobalInit: Void = { _ = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

/// Appends to the sink; returning less than was given makes libcurl stop the transfer.
private let curlWriteBody: curl_write_callback = { bytes, size, count, context in
    guard let bytes, let context else { return 0 }
    let sink = Unmanaged<CurlTransfer.Sink>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    guard sink.body.count + length <= sink.limit else {
        sink.overflowed = true
        return 0
    }
    sink.body.append(UnsafeRawPointer(bytes).assumingMemoryBound(to: UInt8.self), count: length)
    return length
}

/// Called often during the transfer; a non-zero return aborts it when the task is cancelled.
private let curlProgress: curl_xferinfo_callback = { context, _, _, _, _ in
    guard let context else { return 0 }
    let sink = Unmanaged<CurlTransfer.Sink>.fromOpaque(context).takeUnretainedValue()
    return sink.isCancelled ? 1 : 0
}
