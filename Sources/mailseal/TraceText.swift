import Foundation
import MailSealTrace

/// The human form of a `TraceReport`: one line per hop, oldest first, then the verdict.
///
/// `hop 2  2025-03-04 09:15:02 UTC (+4s)  from smtp.example.net [198.51.100.25]
/// by mx.example.org  with ESMTPS  TLS yes (TLSv1.3, TLS_AES_256_GCM_SHA384, 256 bits)
/// between organisations` (on one line).
struct TraceText {
    var text = ""

    init(_ report: TraceReport) {
        for hop in report.hops {
            text += Self.line(hop) + "\n"
        }
        text += "Verdict: \(report.verdict.summary)\n"
    }

    static func line(_ hop: ReceivedHop) -> String {
        var parts = ["hop \(hop.number)", time(hop), "from \(sender(hop))", "by \(receiver(hop))"]
        if let name = hop.protocol { parts.append("with \(name)") }
        parts.append(tls(hop.tls, protocolName: hop.protocol))
        parts.append(scope(hop.scope))
        if !hop.problems.isEmpty {
            parts.append("PROBLEM: " + hop.problems.map(\.reason).joined(separator: "; "))
        }
        if hop.problems.contains(where: { $0.code == .unparseable }) {
            parts.append("field: \"\(hop.field)\"")
        }
        return parts.joined(separator: "  ")
    }

    // MARK: - Pieces

    private static func time(_ hop: ReceivedHop) -> String {
        guard let time = hop.time else { return "time unknown" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        let stamp = formatter.string(from: time) + " UTC"
        return hop.delay.map { "\(stamp) (\(delay($0)))" } ?? stamp
    }

    /// `+4s`, `+2m05s`, `-45h00m00s`.
    static func delay(_ seconds: TimeInterval) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let total = Int(abs(seconds).rounded())
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        if hours > 0 { return sign + String(format: "%dh%02dm%02ds", hours, minutes, rest) }
        if minutes > 0 { return sign + String(format: "%dm%02ds", minutes, rest) }
        return "\(sign)\(rest)s"
    }

    private static func sender(_ hop: ReceivedHop) -> String {
        var words: [String] = []
        if let name = hop.fromName { words.append(name) }
        if let reverse = hop.fromReverseName, reverse.lowercased() != hop.fromName?.lowercased() {
            words.append("(\(reverse))")
        }
        if hop.fromNameUnconfirmed, hop.fromName != nil || hop.fromReverseName != nil {
            words.append("(name not confirmed)")
        }
        if let address = hop.fromAddress { words.append("[\(address)]") }
        return words.isEmpty ? "(none)" : words.joined(separator: " ")
    }

    private static func receiver(_ hop: ReceivedHop) -> String {
        let words = [hop.byName, hop.byAddress.map { "[\($0)]" }].compactMap { $0 }
        return words.isEmpty ? "(none)" : words.joined(separator: " ")
    }

    private static func tls(_ status: TLSStatus, protocolName: String?) -> String {
        switch status {
        case .yes(let version, let cipher, let bits):
            let details = [version, cipher, bits.map { "\($0) bits" }].compactMap { $0 }
            return details.isEmpty ? "TLS yes" : "TLS yes (\(details.joined(separator: ", ")))"
        case .yesByProtocolName:
            return "TLS yes (protocol name \(protocolName ?? "?"))"
        case .no:
            return "TLS NO"
        case .notRecorded:
            return "TLS not recorded"
        }
    }

    private static func scope(_ scope: HopScope) -> String {
        switch scope {
        case .internal(let reason): return "internal (\(reason.description))"
        case .crossing: return "between organisations"
        case .unknown: return "organisations unknown"
        }
    }
}
