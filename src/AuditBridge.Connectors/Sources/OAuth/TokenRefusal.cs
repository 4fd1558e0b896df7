using AuditBridge.Sources.Http;

namespace AuditBridge.Sources.OAuth;

/// <summary>The token endpoint refused a grant: what it said, for the vendor's "what to fix" message.</summary>
/// <param name="Error">OAuth's <c>error</c> (<c>invalid_grant</c> …), or null when the body has none.</param>
/// <param name="Description">OAuth's <c>error_description</c>, raw (quote it through <see cref="VendorResponse.Quote"/>), or null.</param>
/// <param name="Response">The whole answer (status, body to describe).</param>
internal readonly record struct TokenRefusal(string? Error, string? Description, VendorResponse Response);
