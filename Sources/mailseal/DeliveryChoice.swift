import Foundation
import MailSealDelivery
import MailSealMessage

/// `encrypt` without `--method`: the delivery decision for each recipient, as `probe`
/// makes it, turned into the one end-to-end method the message is sealed with.
enum DeliveryChoice {
    /// The method every recipient's decision allows, or nil to let the sealer find the
    /// one method all recipients have keys for when their decisions differ.
    ///
    /// A recipient whose decision is TLS only or the portal cannot be given an encrypted
    /// message: that is refused with the decision's reasons, never silently downgraded.
    static func method(
        for recipients: [String], arguments: ArgumentList, context: ToolContext, input: String
    ) throws -> (method: CryptoMethod?, reasons: [String]) {
        let decisions = try ProbeCommand.decide(
            recipients, arguments: arguments, context: context,
            offline: !arguments.has("probe"))

        var methods: Set<CryptoMethod> = []
        var refused: [String] = []
        for decision in decisions {
            switch decision.method {
            case .smime: methods.insert(.smime)
            case .pgp: methods.insert(.pgp)
            case .tls, .portal, nil: refused.append("\(decision.address): \(decision.summary)")
            }
        }
        guard refused.isEmpty else {
            throw ToolError(.checkFailed, "\(input): not every recipient can get an end-to-end "
                + "encrypted message: " + refused.joined(separator: "; "))
        }
        let reasons = decisions.map { "\($0.address): \($0.summary)" }
        return (methods.count == 1 ? methods.first : nil, reasons)
    }
}
