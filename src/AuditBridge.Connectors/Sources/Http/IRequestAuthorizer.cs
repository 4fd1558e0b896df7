namespace AuditBridge.Sources.Http;

/// <summary>Puts credentials on vendor requests and renews them when the vendor says they expired.</summary>
internal interface IRequestAuthorizer
{
    /// <summary>Adds the current credentials to <paramref name="request"/>, refreshing them first when they are about to expire.</summary>
    ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>
    /// Called with a 401 response. Returns true when fresh credentials were obtained and the request is worth one more try;
    /// false when the 401 means something a new token cannot fix.
    /// </summary>
    ValueTask<bool> TryRenewAsync(VendorResponse unauthorized, CancellationToken cancellationToken);
}
