/// An entity found by walking a message, with its place in the tree.
public struct MIMEPart: Sendable {
    /// The part number: "1" for the message itself, "N.i" for the i-th part of multipart
    /// "N", "N.1" for the message embedded in message/rfc822 entity "N". So the text in the
    /// second part of a multipart message is "1.2" (the numbering of the MIME-tools vectors,
    /// `_decoded_1_2`).
    public var number: String
    public var entity: MIMEEntity
    /// How many entities enclose this one; 0 for the message itself.
    public var depth: Int
}

extension MIMEEntity {
    /// Visits this entity and everything inside it, depth first, parents before children,
    /// without recursion.
    public func walk(_ visit: (MIMEPart) throws -> Void) rethrows {
        var pending = [MIMEPart(number: "1", entity: self, depth: 0)]
        while let part = pending.popLast() {
            try visit(part)
            switch part.entity.body {
            case .leaf:
                break
            case .message(let message):
                pending.append(MIMEPart(number: part.number + ".1", entity: message,
                                        depth: part.depth + 1))
            case .multipart(let multipart):
                for (index, child) in multipart.parts.enumerated().reversed() {
                    pending.append(MIMEPart(number: "\(part.number).\(index + 1)", entity: child,
                                            depth: part.depth + 1))
                }
            }
        }
    }

    /// Every entity, depth first, this one included.
    public func allParts() -> [MIMEPart] {
        var parts: [MIMEPart] = []
        walk { parts.append($0) }
        return parts
    }

    /// The entities with a leaf body, depth first.
    public func leaves() -> [MIMEPart] {
        allParts().filter {
            if case .leaf = $0.entity.body { return true }
            return false
        }
    }

    /// The entity with part number `number` (see `MIMEPart.number`), or nil.
    public func entity(at number: String) -> MIMEEntity? {
        var steps = number.split(separator: ".").map { Int($0) }
        guard steps.first == 1 else { return nil }
        steps.removeFirst()
        var current = self
        for step in steps {
            guard let step else { return nil }
            switch current.body {
            case .leaf:
                return nil
            case .message(let message):
                guard step == 1 else { return nil }
                current = message
            case .multipart(let multipart):
                guard step >= 1, step <= multipart.parts.count else { return nil }
                current = multipart.parts[step - 1]
            }
        }
        return current
    }
}
