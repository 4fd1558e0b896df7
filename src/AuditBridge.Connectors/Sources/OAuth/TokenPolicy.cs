namespace AuditBridge.Sources.OAuth;

/// <summary>How a vendor's tokens are had: the grant, where the endpoint is, when to renew, and what to tell the user.</summary>
internal sealed record TokenPolicy
{
    /// <summary>The grant (how a token is asked for, or the static token).</summary>
    public required ITokenGrant Grant { get; init; }

    /// <summary>Vendor name for messages (<c>Dropbox</c>).</summary>
    public required string Vendor { get; init; }

    /// <summary>The token endpoint.</summary>
    public required Uri TokenUrl { get; init; }

    /// <summary>
    /// Renew this long before the token expires (at most half its lifetime), so a request never leaves with a token that
    /// expires on the way.
    /// </summary>
    public required TimeSpan RenewAhead { get; init; }

    /// <summary>
    /// Which 401 answers say the token expired, so a new one can fix them (Dropbox: only <c>expired_access_token</c>);
    /// null (the default) renews on every 401, for vendors whose 401 does not say why (Box).
    /// </summary>
    public Func<Http.VendorResponse, bool>? RenewsOn { get; init; }

    /// <summary>The message for a refused grant: what the vendor said and what to fix, naming where each credential came from, never its value.</summary>
    public required Func<TokenRefusal, string> Explain { get; init; }
}
