/// One Received field value split into its clauses and its date-time.
///
/// RFC 5321 s4.4 gives the clauses `FROM`, `BY`, `VIA`, `WITH`, `ID` and `FOR`, each a
/// keyword followed by a value, and the date-time after the last `;`. RFC 5322 s3.6.7
/// is looser: any words, then `;` and the date-time. Servers write both and more
/// (Microsoft's `with Microsoft SMTP Server`, Exim's `tls` clause), so a clause here
/// is a keyword and every word up to the next keyword, with the comments among them.
struct ReceivedField {
    /// One keyword and what follows it.
    struct Clause {
        /// The keyword in lower case: `from`, `by`, `with`.
        var keyword: String
        var words: [ReceivedToken] = []
        var comments: [String] = []

        /// The value's words as written, joined by single spaces.
        var value: String? {
            words.isEmpty ? nil : words.map(\.text).joined(separator: " ")
        }
    }

    /// The clause keywords this reader knows: RFC 5321's and Exim's `tls`.
    static let keywords: Set<String> = ["from", "by", "via", "with", "id", "for", "tls"]

    /// Comments before the first clause: sendmail's `(from alice@localhost)`, qmail's
    /// `(qmail 4242 invoked from network)`.
    var leadingComments: [String] = []
    /// Words before the first clause, which RFC 5321 does not allow.
    var leadingWords: [String] = []
    var clauses: [Clause] = []
    /// The text after the last `;`, comments removed; nil when there is no `;`.
    var dateText: String?
    /// Comments after the `;`: the zone name some servers add, `(PST)`.
    var dateComments: [String] = []
    var lexicalProblems: [ReceivedLexicalProblem] = []

    init(_ value: String) {
        let tokenizer = ReceivedTokenizer(value)
        lexicalProblems = tokenizer.problems
        let tokens = tokenizer.tokens

        // The date follows the last `;` outside comments (RFC 5322 s3.6.7).
        let split = tokens.lastIndex(of: .semicolon)
        let stampTokens = split.map { tokens[..<$0] } ?? tokens[...]
        readClauses(stampTokens.filter { $0 != .semicolon })
        if let split {
            readDate(tokens[(split + 1)...])
        }
    }

    private mutating func readClauses(_ tokens: [ReceivedToken]) {
        for token in tokens {
            if case .word(let word) = token, Self.keywords.contains(word.lowercased()) {
                clauses.append(Clause(keyword: word.lowercased()))
                continue
            }
            if case .comment(let text) = token {
                if clauses.isEmpty {
                    leadingComments.append(text)
                } else {
                    clauses[clauses.count - 1].comments.append(text)
                }
                continue
            }
            if clauses.isEmpty {
                leadingWords.append(token.text)
            } else {
                clauses[clauses.count - 1].words.append(token)
            }
        }
    }

    private mutating func readDate(_ tokens: ArraySlice<ReceivedToken>) {
        var tokens = tokens
        // Courier writes its `id` clause after the date-time.
        if let at = tokens.firstIndex(where: { $0 == .word("id") || $0 == .word("ID") }) {
            let clause = Clause(keyword: "id", words: Array(tokens[(at + 1)...]))
            if self.clause("id") == nil { clauses.append(clause) }
            tokens = tokens[..<at]
        }

        var words: [String] = []
        for token in tokens {
            if case .comment(let text) = token {
                dateComments.append(text)
            } else {
                words.append(token.text)
            }
        }
        dateText = words.joined(separator: " ")
    }

    // MARK: - Looking up clauses

    /// The first clause with `keyword`; RFC 5321 allows each at most once.
    func clause(_ keyword: String) -> Clause? {
        clauses.first { $0.keyword == keyword }
    }

    /// How many times `keyword` appears; more than once is a malformed field.
    func count(of keyword: String) -> Int {
        clauses.filter { $0.keyword == keyword }.count
    }

    /// Every comment in the field, wherever it stands.
    var allComments: [String] {
        leadingComments + clauses.flatMap(\.comments) + dateComments
    }
}
