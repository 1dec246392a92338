import Foundation

/// HTTPS GET through libcurl, for MTA-STS policies and Web Key Directory keys.
///
/// Certificates are always verified, redirects are never followed, only `https` is
/// spoken, and every transfer has a deadline and a size limit. Each transfer runs on a
/// thread of its own, so the Swift concurrency pool never waits on the network.
public struct HTTPSClient: Sendable {
    /// Sends connections for a host to another address, as curl's `--connect-to` does;
    /// the certificate is still checked against the host of the URL.
    public struct Route: Sendable, Equatable {
        /// The URL host this route applies to; nil for every host.
        public var host: String?
        /// The URL port this route applies to; nil for every port.
        public var port: Int?
        /// Where to connect instead: a name or an address.
        public var connectHost: String
        /// The port to connect to; nil keeps the URL's port.
        public var connectPort: Int?

        public init(
            host: String? = nil, port: Int? = nil, connectHost: String, connectPort: Int? = nil
        ) {
            self.host = host
            self.port = port
            self.connectHost = connectHost
            self.connectPort = connectPort
        }

        /// The `HOST:PORT:CONNECT-TO-HOST:CONNECT-TO-PORT` form of CURLOPT_CONNECT_TO.
        var curlForm: String {
            let target = connectHost.contains(":") ? "[\(connectHost)]" : connectHost
            let from = [host ?? "", port.map(String.init) ?? ""]
            let to = [target, connectPort.map(String.init) ?? ""]
            return (from + to).joined(separator: ":")
        }
    }

    public struct Configuration: Sendable {
        /// A PEM file of CA certificates to trust; nil for the system's bundle.
        public var caFile: String?
        /// The longest a whole transfer may take.
        public var timeout: Duration
        /// The longest the TCP and TLS set-up may take.
        public var connectTimeout: Duration
        /// Bodies larger than this fail with `httpsBodyTooLarge`.
        public var maximumBodySize: Int
        public var routes: [Route]
        /// An HTTP proxy URL; nil connects directly, whatever the environment says.
        public var proxy: String?

        public init(
            caFile: String? = nil, timeout: Duration = .seconds(15),
            connectTimeout: Duration = .seconds(10), maximumBodySize: Int = 1 << 20,
            routes: [Route] = [], proxy: String? = nil
        ) {
            self.caFile = caFile
            self.timeout = timeout
            self.connectTimeout = connectTimeout
            self.maximumBodySize = maximumBodySize
            self.routes = routes
            self.proxy = proxy
        }
    }

    public let configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Fetches `url` with GET. Any HTTP status comes back as a response.
    /// - Parameters:
    ///   - addresses: when not empty, the addresses to connect to for the URL's host
    ///     (found by MailSeal's own resolver) instead of asking the system.
    ///   - maximumBodySize: a tighter limit than the configuration's, for this request.
    /// - Throws: `DeliveryError` with `httpsFailed` (with curl's words, for connection,
    ///   TLS, certificate and timeout failures), `httpsBodyTooLarge` or
    ///   `httpsConfiguration`; `CancellationError` when the task is cancelled.
    public func get(
        _ url: String, addresses: [String] = [], maximumBodySize: Int? = nil
    ) async throws -> HTTPSResponse {
        try Task.checkCancellation()
        guard let parts = URLComponents(string: url), parts.scheme?.lowercased() == "https",
              let host = parts.host, !host.isEmpty
        else {
            throw DeliveryError(.httpsConfiguration, "\(url) is not an https URL")
        }
        let pinned = addresses.isEmpty
            ? [] : ["\(host):\(parts.port ?? 443):\(addresses.joined(separator: ","))"]
        let limit = min(maximumBodySize ?? configuration.maximumBodySize,
                        configuration.maximumBodySize)
        let transfer = CurlTransfer(
            url: url, configuration: configuration, resolve: pinned, limit: limit)
        let sink = CurlTransfer.Sink(limit: limit)

        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let thread = Thread {
                    continuation.resume(with: Result { try transfer.perform(into: sink) })
                }
                thread.name = "MailSeal HTTPS"
                thread.start()
            }
        } onCancel: {
            sink.cancel()
        }
    }
}

/// What an HTTPS server answered.
public struct HTTPSResponse: Sendable, Equatable, Codable {
    public let url: String
    /// The HTTP status code, e.g. 200 or 404.
    public let status: Int
    /// The Content-Type header field, as sent.
    public let contentType: String?
    public let body: Data

    /// The media type alone, lowercased: `text/plain` for `text/plain; charset=utf-8`.
    public var mediaType: String? {
        contentType?.split(separator: ";").first
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    }
}
