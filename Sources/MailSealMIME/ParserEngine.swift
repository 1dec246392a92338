import Foundation

/// The line-by-line state machine behind `MIMEParser`. Every open entity is a frame on an
/// explicit stack; a delimiter line closes the frames above the multipart it belongs to.
struct ParserEngine {
    let data: Data
    let maximumDepth: Int
    let malformedLineEndsHeader: Bool
    /// Whether the input is a message embedded in another one, where no header is allowed.
    let isEmbedded: Bool
    var stack: [ParserFrame] = []
    var result: MIMEEntity?

    init(data: Data, maximumDepth: Int, malformedLineEndsHeader: Bool, isEmbedded: Bool = false) {
        self.data = data
        self.maximumDepth = maximumDepth
        self.malformedLineEndsHeader = malformedLineEndsHeader
        self.isEmbedded = isEmbedded
    }

    mutating func run() throws -> MIMEEntity {
        guard !data.isEmpty else {
            throw MIMEError(.notMIME, "The input is empty; a message begins with header fields.")
        }
        let input = data
        return try input.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            let bytes = Bytes(base: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self),
                              count: buffer.count)
            return try scan(bytes)
        }
    }

    private mutating func scan(_ bytes: Bytes) throws -> MIMEEntity {
        var offset = 0
        if !isEmbedded && bytes.starts(with: Array("From ".utf8), at: 0) {
            offset = bytes.lineEnd(from: 0).next
        }
        stack = [ParserFrame(start: offset, isRoot: !isEmbedded, isDigestPart: false)]
        while offset < bytes.count {
            let line = bytes.lineEnd(from: offset)
            try handle(Line(start: offset, end: line.contentEnd, next: line.next), bytes)
            offset = line.next
        }
        if !isEmbedded, stack.count == 1, stack[0].state == .header, stack[0].lines.isEmpty {
            throw MIMEError(.notMIME, "The input holds no header field; it is not a message.")
        }
        while !stack.isEmpty { try close(at: bytes.count, bytes) }
        return result!
    }

    private mutating func handle(_ line: Line, _ bytes: Bytes) throws {
        if line.end - line.start >= 2, bytes[line.start] == ASCII.hyphen,
           bytes[line.start + 1] == ASCII.hyphen, try handleDelimiter(line, bytes) {
            return
        }
        // A line the header cannot take may start the body, which may itself begin with a
        // header (message/rfc822 in a digest): hand the same line on until it is taken.
        while stack.last?.state == .header {
            if try handleHeaderLine(line, bytes) { return }
        }
    }

    /// Whether `line` is a delimiter of an open multipart; if so, acts on it.
    private mutating func handleDelimiter(_ line: Line, _ bytes: Bytes) throws -> Bool {
        // Frames are read in place, never copied: a copy would share the parts array and
        // make every append below copy it, which is quadratic in the number of parts.
        for level in stack.indices.reversed() {
            let state = stack[level].state
            guard state == .preamble || state == .part,
                  let isClose = bytes.delimiter(stack[level].boundary, in: line) else { continue }
            let end = line.start - bytes.lineBreakLength(before: line.start)
            while stack.count > level + 1 { try close(at: end, bytes) }
            if state == .preamble { stack[level].preambleEnd = max(stack[level].bodyStart, end) }
            if isClose {
                stack[level].state = .epilogue
                stack[level].epilogueStart = line.next
            } else {
                stack[level].state = .part
                try push(ParserFrame(
                    start: line.next, isRoot: false, isDigestPart: stack[level].isDigest))
            }
            return true
        }
        return false
    }

    /// Feeds a line to the frame reading its header; false when the line ended that header
    /// without being taken, so it belongs to what comes next.
    private mutating func handleHeaderLine(_ line: Line, _ bytes: Bytes) throws -> Bool {
        let top = stack.count - 1
        if line.start == line.end {
            if stack[top].isRoot && stack[top].lines.isEmpty {
                throw MIMEError(.notMIME, "The input begins with a blank line instead of header "
                    + "fields; it is not a message.")
            }
            try finishHeader(bodyStart: line.next, bytes)
            return true
        }
        let kind = bytes.headerLineKind(line)
        if kind == .field || (kind == .continuation && !stack[top].lines.isEmpty) {
            stack[top].lines.append(line.start..<line.end)
            return true
        }
        if stack[top].lines.isEmpty {
            if stack[top].isRoot {
                throw MIMEError(.notMIME, "The input does not begin with a header field such "
                    + "as From: or Content-Type:; it is not a message.")
            }
            // RFC 2046 s5.1.1 wants a blank line for "no header"; take the body from here.
            try finishHeader(bodyStart: line.start, bytes)
            return false
        }
        if malformedLineEndsHeader {
            try finishHeader(bodyStart: line.start, bytes)
            return false
        }
        stack[top].skippedLines += 1
        return true
    }

    /// Reads the collected header and decides what kind of body follows.
    private mutating func finishHeader(bodyStart: Int, _ bytes: Bytes) throws {
        let top = stack.count - 1
        stack[top].header = bytes.header(from: stack[top].lines)
        stack[top].bodyStart = bodyStart
        let type = stack[top].contentType
        if type.isMultipart, let boundary = type.boundary, !boundary.isEmpty {
            stack[top].state = .preamble
            stack[top].boundary = Array(boundary.utf8)
            stack[top].isDigest = type.subtype == "digest"
        } else if type.isEncapsulatedMessage && stack[top].isLineOriented {
            stack[top].state = .message
            try push(ParserFrame(start: bodyStart, isRoot: false, isDigestPart: false))
        } else {
            stack[top].state = .leaf
        }
    }

    private mutating func push(_ frame: ParserFrame) throws {
        guard stack.count < maximumDepth else { throw tooDeep() }
        stack.append(frame)
    }

    /// Ends the innermost open entity at `end` and hands it to its parent.
    private mutating func close(at end: Int, _ bytes: Bytes) throws {
        let depth = stack.count
        var frame = stack.removeLast()
        if frame.state == .header {
            frame.header = bytes.header(from: frame.lines)
            frame.bodyStart = max(end, frame.start)
        }
        var entity = frame.entity(end: max(end, frame.start), in: data)
        if frame.state == .leaf, frame.contentType.isEncapsulatedMessage {
            entity = try withEncodedMessageParsed(entity, depth: depth)
        }
        guard let parent = stack.indices.last else {
            result = entity
            return
        }
        if stack[parent].state == .message {
            stack[parent].message = entity
        } else {
            stack[parent].parts.append(entity)
        }
    }
}

extension ParserEngine {
    /// A message/rfc822 body sent base64 or quoted-printable (RFC 2046 s5.2.1 forbids it,
    /// mailers do it) is decoded and parsed too; the embedded entities' `rawBytes` are then
    /// bytes of the decoded body. A body that does not decode is left a leaf.
    func withEncodedMessageParsed(_ entity: MIMEEntity, depth: Int) throws -> MIMEEntity {
        guard case .leaf(let encoded) = entity.body,
              let decoded = try? entity.contentTransferEncoding.decode(encoded), !decoded.isEmpty
        else { return entity }
        guard depth < maximumDepth else { throw tooDeep() }
        var engine = ParserEngine(
            data: decoded, maximumDepth: maximumDepth - depth,
            malformedLineEndsHeader: malformedLineEndsHeader, isEmbedded: true)
        let message = try engine.run()
        var result = MIMEEntity(header: entity.header, body: .message(message),
                                source: entity.source, isDigestPart: entity.isDigestPart)
        result.skippedHeaderLines = entity.skippedHeaderLines
        return result
    }

    func tooDeep(fileID: String = #fileID, line: Int = #line) -> MIMEError {
        MIMEError(.nestingTooDeep, "The message nests multiparts or embedded messages more "
            + "than \(maximumDepth) levels deep; it is refused as a likely attack.",
            fileID: fileID, line: line)
    }
}

/// One line of the input: `start..<end` without its line break, `next` after it.
struct Line {
    var start: Int
    var end: Int
    var next: Int
}
