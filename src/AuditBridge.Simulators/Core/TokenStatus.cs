namespace AuditBridge.Simulators.Core;

/// <summary>What a bearer token presented to an API route is worth.</summary>
internal enum TokenStatus
{
    /// <summary>Missing, malformed, forged or from another seed or secret.</summary>
    Invalid,

    /// <summary>The static token, or an issued token within its lifetime.</summary>
    Valid,

    /// <summary>An issued token past its lifetime, or expired on demand.</summary>
    Expired,
}
