namespace AuditBridge.Simulators.Dropbox;

/// <summary>One deterministic Dropbox account the dataset uses as actor, context or participant.</summary>
internal sealed record PoolAccount(
    PoolAccountKind Kind,
    string AccountId,
    string DisplayName,
    string Email,
    string? TeamMemberId = null,
    string? ExternalId = null,
    string? TeamName = null,
    string? TrustedType = null);
