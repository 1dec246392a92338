import Foundation

/// Splits a Received field value into tokens, tolerating what real servers write.
///
/// RFC 5322 s3.2.2 allows folding white space and comments between any two tokens, and
/// comments nest. Servers also leave brackets unclosed and put stray parentheses in;
/// those are reported as problems and the rest of the field is still read.
struct ReceivedTokenizer {
    private(set) var tokens: [ReceivedToken] = []
    private(set) var problems: [ReceivedLexicalProblem] = []

    private let characters: [Character]
    private var index = 0

    init(_ text: String) {
        characters = Array(text)
        while let character = peek() {
            if character.isWhitespace {
                index += 1
            } else {
                readToken(character)
            }
        }
    }

    // MARK: - Token forms

    private mutating func readToken(_ character: Character) {
        switch character {
        case "(":
            index += 1
            tokens.append(.comment(readComment()))
        case ")":
            index += 1
            problems.append(.strayClosingParenthesis)
        case ";":
            index += 1
            tokens.append(.semicolon)
        case "\"":
            index += 1
            tokens.append(.quoted(readQuoted()))
        case "[":
            index += 1
            tokens.append(.literal(readUntil("]", problem: .unterminatedLiteral)))
        case "<":
            index += 1
            tokens.append(.angle(readUntil(">", problem: .unterminatedAngleAddress)))
        default:
            tokens.append(.word(readWord()))
        }
    }

    /// Reads a comment after its `(`, keeping nested comments and quoted-pairs as written.
    private mutating func readComment() -> String {
        var depth = 1
        var text = ""
        while let character = peek() {
            index += 1
            switch character {
            case "\\":
                text.append(character)
                if let escaped = peek() {
                    text.append(escaped)
                    index += 1
                }
            case "(":
                depth += 1
                text.append(character)
            case ")":
                depth -= 1
                if depth == 0 { return collapse(text) }
                text.append(character)
            default:
                text.append(character)
            }
        }
        problems.append(.unterminatedComment)
        return collapse(text)
    }

    private mutating func readQuoted() -> String {
        var text = ""
        while let character = peek() {
            index += 1
            if character == "\"" { return text }
            if character == "\\", let escaped = peek() {
                index += 1
                text.append(escaped)
            } else {
                text.append(character)
            }
        }
        problems.append(.unterminatedQuotedString)
        return text
    }

    private mutating func readUntil(
        _ closing: Character, problem: ReceivedLexicalProblem
    ) -> String {
        var text = ""
        while let character = peek() {
            index += 1
            if character == closing { return text.trimmingCharacters(in: .whitespaces) }
            text.append(character)
        }
        problems.append(problem)
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// A word runs to the next white space or the next character that starts another form.
    /// `[` and `<` inside a word stay in it (`helo=[192.0.2.1]` is one word).
    private mutating func readWord() -> String {
        var text = ""
        while let character = peek() {
            if character.isWhitespace || "();\"".contains(character) { break }
            text.append(character)
            index += 1
        }
        return text
    }

    private func peek() -> Character? {
        index < characters.count ? characters[index] : nil
    }

    /// Folded white space inside a comment reads as one space.
    private func collapse(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
