// MARK: - Policy, cache and decisions

extension DeliveryError.Code {
    /// The policy file does not exist or cannot be read.
    public static let policyUnreadable = Self(rawValue: "policy-unreadable")
    /// The policy file is not valid JSON or not a valid policy; the reason starts with
    /// `FILE:LINE:`.
    public static let policyInvalid = Self(rawValue: "policy-invalid")
}
