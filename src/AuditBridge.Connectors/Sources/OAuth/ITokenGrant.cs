using AuditBridge.Secrets;

namespace AuditBridge.Sources.OAuth;

/// <summary>
/// How an access token is obtained (RFC 6749 §4–6, RFC 7523): the form of the token request, or a fixed token that
/// cannot be renewed. <see cref="TokenAuthorizer"/> does the rest: the cache, renewal ahead of expiry and on 401, the
/// request, reading the answer, redaction.
/// </summary>
internal interface ITokenGrant
{
    /// <summary>The grant in words, for the log (<c>refresh token</c>, <c>client credentials</c>).</summary>
    string Name { get; }

    /// <summary>The token to use before asking for one (a static token; an access token given next to a refresh token); null: ask first.</summary>
    Secret? InitialToken { get; }

    /// <summary>False for a static token: there is nothing to ask for, and a 401 is final.</summary>
    bool CanRenew { get; }

    /// <summary>The token request's form (secrets go in the POST body, never in the URL); built once per attempt.</summary>
    /// <param name="tokenUrl">The token endpoint (a JWT's audience).</param>
    /// <param name="now">The time of the attempt (a JWT's expiry).</param>
    IReadOnlyList<KeyValuePair<string, string>> Form(Uri tokenUrl, DateTimeOffset now);
}
