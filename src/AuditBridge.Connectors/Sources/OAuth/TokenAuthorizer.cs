using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AuditBridge.Secrets;
using AuditBridge.Sources.Http;
using AuditBridge.Sources.Json;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Sources.OAuth;

/// <summary>
/// Puts a bearer token on every vendor request, obtained through a grant (<see cref="ITokenGrant"/>). The token is cached
/// and renewed shortly before <c>expires_in</c> runs out (<see cref="TokenPolicy.RenewAhead"/>, at most half the
/// lifetime) and once on a 401 that a new token can fix; a static token is used as it is. Secrets travel in the POST body
/// of the token request, never in a URL (Grove put them in the query string); every issued token joins the redactor, and
/// one shorter than <see cref="Secret.MinimumLength"/> (which could not be told from ordinary text) is refused.
/// </summary>
internal sealed class TokenAuthorizer : IRequestAuthorizer, IDisposable
{
    private readonly ITokenGrant _grant;
    private readonly TokenPolicy _policy;
    private readonly VendorHttpClient _tokenClient;
    private readonly TimeProvider _time;
    private readonly SecretRedactor _redactor;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _renewGate = new(1, 1);
    private string? _accessToken;
    private DateTimeOffset _renewAt;

    /// <param name="policy">The vendor's grant, endpoint, renewal rules and messages.</param>
    /// <param name="http">A shared client for the token requests.</param>
    /// <param name="options">Retries, waits and limits of the token requests (those of the vendor's API calls).</param>
    /// <param name="time">The clock for expiry, backoff and assertions.</param>
    /// <param name="redactor">Receives every issued token.</param>
    /// <param name="logger">Where renewals are reported.</param>
    public TokenAuthorizer(TokenPolicy policy, HttpClient http, VendorHttpOptions options, TimeProvider time, SecretRedactor redactor, ILogger logger)
    {
        _grant = policy.Grant;
        _policy = policy;
        _time = time;
        _redactor = redactor;
        _logger = logger;
        _accessToken = _grant.InitialToken?.Reveal();

        // A given token is used until it is rejected; without one the first request asks for one.
        _renewAt = _accessToken is null ? DateTimeOffset.MinValue : DateTimeOffset.MaxValue;
        _tokenClient = new VendorHttpClient(policy.Vendor, http, NoAuthorizer.Instance, options, time, logger, redactor);
    }

    public async ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_grant.CanRenew && (_accessToken is null || _time.GetUtcNow() >= _renewAt))
        {
            await RenewAsync(staleToken: _accessToken, cancellationToken);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _accessToken);
    }

    public async ValueTask<bool> TryRenewAsync(VendorResponse unauthorized, CancellationToken cancellationToken)
    {
        if (!_grant.CanRenew || (_policy.RenewsOn is { } saysExpired && !saysExpired(unauthorized)))
        {
            return false;
        }

        Log.TokenRenewing(_logger, _policy.Vendor, _policy.RenewsOn is null
            ? "rejected the access token (401); asking for a new one and trying again"
            : "says the access token expired; refreshing it and trying again");
        await RenewAsync(staleToken: _accessToken, cancellationToken);
        return true;
    }

    public void Dispose()
    {
        _renewGate.Dispose();
        (_grant as IDisposable)?.Dispose();
    }

    private async Task RenewAsync(string? staleToken, CancellationToken cancellationToken)
    {
        await _renewGate.WaitAsync(cancellationToken);
        try
        {
            // Another caller (the prefetch of the next page) may have renewed the token while this one waited.
            if (_accessToken is not null && _accessToken != staleToken && _time.GetUtcNow() < _renewAt)
            {
                return;
            }

            var (token, lifetime) = await _tokenClient.SendAsync($"POST {_policy.TokenUrl.AbsolutePath}", CreateTokenRequest, ReadTokenResponse, retryAfterFromBody: null, cancellationToken);
            _redactor.Add(token);
            _accessToken = token;
            _renewAt = lifetime is { } seconds
                ? _time.GetUtcNow() + seconds - TimeSpan.FromTicks(Math.Min(_policy.RenewAhead.Ticks, seconds.Ticks / 2))
                : DateTimeOffset.MaxValue;
            Log.TokenIssued(_logger, _policy.Vendor, _grant is RefreshTokenGrant ? "refreshed" : $"issued by {_grant.Name} grant", lifetime?.TotalMinutes ?? 0);
        }
        finally
        {
            _renewGate.Release();
        }
    }

    private HttpRequestMessage CreateTokenRequest() =>
        new(HttpMethod.Post, _policy.TokenUrl) { Content = new FormUrlEncodedContent(_grant.Form(_policy.TokenUrl, _time.GetUtcNow())) };

    private (string Token, TimeSpan? Lifetime) ReadTokenResponse(VendorResponse response)
    {
        if (response.Status == HttpStatusCode.OK)
        {
            try
            {
                using var document = JsonDocument.Parse(response.Body);
                var root = document.RootElement;
                if (JsonRead.Any(root, "access_token"u8) is { ValueKind: JsonValueKind.String } token
                    && JsonRead.TryText(token, out var value) && value.Length >= Secret.MinimumLength)
                {
                    TimeSpan? lifetime = JsonRead.Any(root, "expires_in"u8) is { ValueKind: JsonValueKind.Number } expires && expires.TryGetInt64(out var seconds) && seconds > 0
                        ? TimeSpan.FromSeconds(seconds)
                        : null;
                    return (value, lifetime);
                }
            }
            catch (JsonException)
            {
            }

            throw new InvalidVendorResponseException("the token endpoint answered 200 without a usable access_token (a string of at least 8 characters)");
        }

        var (error, description) = ReadOAuthError(response);
        throw new SourceException(SourceErrorKind.Authentication, _policy.Explain(new TokenRefusal(error, description, response)), isTransient: false);
    }

    /// <summary>OAuth's <c>{"error", "error_description"}</c> (RFC 6749 §5.2); nulls when the body is not that (an HTML page from a proxy, an empty 401).</summary>
    private static (string? Error, string? Description) ReadOAuthError(VendorResponse response)
    {
        if (response.Length == 0)
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(response.Body);
            return (JsonRead.String(document.RootElement, "error"u8), JsonRead.String(document.RootElement, "error_description"u8));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    /// <summary>The token request itself carries no bearer token.</summary>
    private sealed class NoAuthorizer : IRequestAuthorizer
    {
        public static readonly NoAuthorizer Instance = new();

        public ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask<bool> TryRenewAsync(VendorResponse unauthorized, CancellationToken cancellationToken) => ValueTask.FromResult(false);
    }
}
