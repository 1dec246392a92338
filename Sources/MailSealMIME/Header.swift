import Foundation

/// The header of an entity: ordered fields, duplicates kept, names compared without case.
public struct Header: Sendable, Equatable, Sequence {
    public var fields: [HeaderField]

    public init(_ fields: [HeaderField] = []) {
        self.fields = fields
    }

    public var isEmpty: Bool { fields.isEmpty }

    public var count: Int { fields.count }

    public func makeIterator() -> IndexingIterator<[HeaderField]> { fields.makeIterator() }

    /// The value of the first field called `name`, or nil.
    public subscript(_ name: String) -> String? {
        fields.first { $0.hasName(name) }?.value
    }

    /// The values of every field called `name`, in order.
    public func values(_ name: String) -> [String] {
        fields.filter { $0.hasName(name) }.map(\.value)
    }

    public func contains(_ name: String) -> Bool { fields.contains { $0.hasName(name) } }

    /// Adds a field after all others.
    public mutating func append(_ name: String, _ value: String) {
        fields.append(HeaderField(name, value))
    }

    /// Replaces every field called `name` by one with `value`, kept where the first one
    /// stood; appends it when there is none.
    public mutating func set(_ name: String, _ value: String) {
        guard let first = fields.firstIndex(where: { $0.hasName(name) }) else {
            append(name, value)
            return
        }
        fields[first].value = value
        var index = fields.count - 1
        while index > first {
            if fields[index].hasName(name) { fields.remove(at: index) }
            index -= 1
        }
    }

    /// Removes every field called `name`.
    public mutating func remove(_ name: String) {
        fields.removeAll { $0.hasName(name) }
    }

    /// The first value of `name` with its RFC 2047 encoded words decoded.
    public func decoded(_ name: String) -> String? {
        self[name].map(EncodedWord.decode)
    }
}
