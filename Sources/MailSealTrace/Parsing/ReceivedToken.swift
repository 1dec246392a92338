/// One lexical piece of a Received field value (RFC 5322 s3.2 lexical tokens, tolerant).
enum ReceivedToken: Equatable {
    /// An atom or dot-atom, or anything else that is not one of the forms below.
    case word(String)
    /// A domain literal, brackets removed: `[198.51.100.7]` gives `198.51.100.7`.
    case literal(String)
    /// An angle-addr, brackets removed: `<alice@example.org>`.
    case angle(String)
    /// A quoted string, quotes removed and quoted-pairs resolved.
    case quoted(String)
    /// A comment, outer parentheses removed; nested comments are kept as written.
    case comment(String)
    /// The `;` that separates the tokens from the date-time.
    case semicolon

    /// The token's text as it would read in a summary.
    var text: String {
        switch self {
        case .word(let text), .quoted(let text), .comment(let text): return text
        case .literal(let text): return "[\(text)]"
        case .angle(let text): return "<\(text)>"
        case .semicolon: return ";"
        }
    }
}

/// What the tokenizer could not read as written.
enum ReceivedLexicalProblem: Equatable {
    case unterminatedComment
    case unterminatedQuotedString
    case unterminatedLiteral
    case unterminatedAngleAddress
    case strayClosingParenthesis
}
