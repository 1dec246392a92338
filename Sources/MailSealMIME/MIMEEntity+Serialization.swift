import Foundation

extension MIMEEntity {
    /// The entity in canonical form: CRLF line breaks throughout (RFC 5322 s2.1), header
    /// fields folded, then a blank line, then the body.
    ///
    /// A parsed entity that was not changed gives back its `rawBytes` made canonical, byte
    /// for byte, so signatures over it still hold; the same goes for each unchanged part of
    /// a changed multipart. A binary body is copied as it is, never made canonical. Built
    /// entities serialize the same way every time. No recursion, however deep the tree.
    public func serialized() -> Data {
        var out = Data()
        var pending: [SerializationStep] = [.entity(self)]
        while let step = pending.popLast() {
            switch step {
            case .bytes(let bytes): out.append(bytes)
            case .canonical(let bytes): LineEndings.appendCanonical(bytes, to: &out)
            case .entity(let entity): entity.serializeOwnLevel(into: &out, pending: &pending)
            }
        }
        return out
    }

    /// Writes what this level owns and leaves its children on `pending`, in reverse order.
    private func serializeOwnLevel(into out: inout Data, pending: inout [SerializationStep]) {
        if let source, !containsBinaryBody {
            LineEndings.appendCanonical(source, to: &out)
            return
        }
        var header = self.header
        if case .multipart(let multipart) = body {
            var type = contentType
            if type.boundary != multipart.boundary {
                // The boundary of the body wins: the header must name the one in use.
                type[parameter: "boundary"] = multipart.boundary
                header.set("Content-Type", type.headerValue)
            }
        }
        out.append(header.serialized())
        out.append(contentsOf: ASCII.crlf)

        switch body {
        case .leaf(let bytes):
            if contentTransferEncoding.isLineOriented {
                LineEndings.appendCanonical(bytes, to: &out)
            } else {
                out.append(bytes)
            }
        case .message(let message):
            switch contentTransferEncoding {
            case .base64, .quotedPrintable:
                // Sent encoded though RFC 2046 s5.2.1 forbids it: keep it as it came.
                out.append(contentTransferEncoding.encode(message.serialized()))
            default:
                pending.append(.entity(message))
            }
        case .multipart(let multipart):
            pending.append(contentsOf: Self.steps(for: multipart).reversed())
        }
    }

    /// RFC 2046 s5.1.1: [preamble CRLF] then each part between delimiter lines, the close
    /// delimiter, then the epilogue.
    private static func steps(for multipart: MIMEMultipart) -> [SerializationStep] {
        let dashBoundary = Data("--\(multipart.boundary)".utf8)
        let crlf = Data(ASCII.crlf)
        var steps: [SerializationStep] = []
        if !multipart.preamble.isEmpty {
            steps.append(.canonical(multipart.preamble))
            steps.append(.bytes(crlf))
        }
        for part in multipart.parts {
            steps.append(.bytes(dashBoundary + crlf))
            steps.append(.entity(part))
            steps.append(.bytes(crlf))
        }
        steps.append(.bytes(dashBoundary + Data("--".utf8) + crlf))
        if !multipart.epilogue.isEmpty { steps.append(.canonical(multipart.epilogue)) }
        return steps
    }

    /// Whether a body in this tree is binary (or of an unknown encoding), so the tree's
    /// bytes cannot be made canonical as a whole.
    var containsBinaryBody: Bool {
        var found = false
        walk { part in
            if case .leaf = part.entity.body, !part.entity.contentTransferEncoding.isLineOriented {
                found = true
            }
        }
        return found
    }
}

/// One piece of work for the serializer's explicit stack.
private enum SerializationStep {
    case bytes(Data)
    case canonical(Data)
    case entity(MIMEEntity)
}
