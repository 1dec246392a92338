import Foundation

/// An entity the parser has opened and not yet closed.
struct ParserFrame {
    enum State {
        case header, leaf, preamble, part, epilogue, message
    }

    var state = State.header
    let start: Int
    let isRoot: Bool
    let isDigestPart: Bool
    var lines: [Range<Int>] = []
    var skippedLines = 0
    var header = Header()
    var bodyStart = 0
    var boundary: [UInt8] = []
    var isDigest = false
    var preambleEnd = 0
    var epilogueStart = 0
    var parts: [MIMEEntity] = []
    var message: MIMEEntity?

    init(start: Int, isRoot: Bool, isDigestPart: Bool) {
        self.start = start
        self.isRoot = isRoot
        self.isDigestPart = isDigestPart
        self.bodyStart = start
    }

    var contentType: ContentType {
        if let value = header["Content-Type"], let parsed = ContentType(parsing: value) {
            return parsed
        }
        return isDigestPart ? .digestDefault : .defaultType
    }

    /// Whether the body is left as lines (not base64 or quoted-printable), which an
    /// embedded message must be (RFC 2046 s5.2.1) for it to be parsed as one.
    var isLineOriented: Bool {
        guard let value = header["Content-Transfer-Encoding"],
              let encoding = TransferEncoding(headerValue: value) else { return true }
        return encoding != .base64 && encoding != .quotedPrintable
    }

    /// The finished entity, its content being `start..<end` of `data`.
    func entity(end: Int, in data: Data) -> MIMEEntity {
        func slice(_ from: Int, _ to: Int) -> Data {
            data[(data.startIndex + from)..<(data.startIndex + max(from, to))]
        }

        let body: MIMEBody
        switch state {
        case .header:
            body = emptyBody
        case .leaf:
            body = .leaf(Data(slice(bodyStart, end)))
        case .preamble:
            body = .multipart(multipart(preamble: slice(bodyStart, end), epilogue: Data()))
        case .part:
            body = .multipart(multipart(preamble: slice(bodyStart, preambleEnd), epilogue: Data()))
        case .epilogue:
            body = .multipart(multipart(
                preamble: slice(bodyStart, preambleEnd), epilogue: slice(epilogueStart, end)))
        case .message:
            body = .message(message ?? MIMEEntity(body: .leaf(Data())))
        }
        var entity = MIMEEntity(
            header: header, body: body, source: slice(start, end), isDigestPart: isDigestPart)
        entity.skippedHeaderLines = skippedLines
        return entity
    }

    /// The body of an entity whose header never ended: empty, in the shape its type says.
    private var emptyBody: MIMEBody {
        let type = contentType
        if type.isMultipart, let boundary = type.boundary, !boundary.isEmpty {
            return .multipart(MIMEMultipart(boundary: boundary, parts: []))
        }
        if type.isEncapsulatedMessage { return .message(MIMEEntity(body: .leaf(Data()))) }
        return .leaf(Data())
    }

    private func multipart(preamble: Data, epilogue: Data) -> MIMEMultipart {
        MIMEMultipart(boundary: String(decoding: boundary, as: UTF8.self),
                      preamble: Data(preamble), parts: parts, epilogue: Data(epilogue))
    }
}
