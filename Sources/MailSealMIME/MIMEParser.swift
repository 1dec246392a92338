import Foundation

/// Reads a message (RFC 5322, RFC 2045, RFC 2046) into a tree of `MIMEEntity`.
///
/// Lenient the way real mail needs: LF, CRLF or both, 8-bit bodies, any case of field
/// names, no space after the colon, a whitespace-only line continuing a field, a missing
/// close delimiter, doubled delimiters, an mbox "From " line at the top (skipped) and a
/// header that the body never follows. One linear pass over the lines with an explicit
/// stack: no recursion, however deep the input nests.
public struct MIMEParser: Sendable {
    /// How many entities may nest, the message itself counting as one.
    public var maximumDepth = 64

    /// What to do with a header line that is neither a field nor a continuation, after at
    /// least one field: false skips it and keeps reading the header (what mime4j does and
    /// the MIME-tools vectors expect; `skippedHeaderLines` counts them); true ends the
    /// header there and starts the body with that line (what Python's email does).
    public var malformedLineEndsHeader = false

    public init() {}

    /// Parses `data`.
    /// - Throws: `MIMEError` `.notMIME` when the input does not begin with a header field,
    ///   `.nestingTooDeep` when entities nest deeper than `maximumDepth`.
    public func parse(_ data: Data) throws -> MIMEEntity {
        var engine = ParserEngine(
            data: data, maximumDepth: max(1, maximumDepth),
            malformedLineEndsHeader: malformedLineEndsHeader)
        return try engine.run()
    }
}
