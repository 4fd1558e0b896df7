using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using AuditBridge.Secrets;
using AuditBridge.Sources.Http;
using AuditBridge.Sources.Json;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Sources.Box;

/// <summary>
/// Puts a Box access token on every request (saas-apis.md B.5). Client Credentials Grant and JWT apps get a token at the
/// first request and a new one shortly before <c>expires_in</c> runs out and once on 401; Box issues no refresh token for
/// them, so "refresh" means asking again with the same grant. A developer token is used as is (it cannot be renewed).
/// Secrets travel in the POST body of the token request, never in a URL.
/// </summary>
internal sealed class BoxTokenAuthorizer : IRequestAuthorizer, IDisposable
{
    // Renew this long before expiry (at most half the lifetime), so a page request never leaves with a token that
    // expires on the way. Box's tokens live about an hour (expires_in ≈ 3600–4200 s).
    private static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(2);

    private readonly BoxCredentials _credentials;
    private readonly Uri _tokenUrl;
    private readonly VendorHttpClient _tokenClient;
    private readonly TimeProvider _time;
    private readonly SecretRedactor _redactor;
    private readonly ILogger _logger;
    private readonly RSA? _key;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private string? _accessToken;
    private DateTimeOffset _refreshAt = DateTimeOffset.MinValue;

    public BoxTokenAuthorizer(BoxSourceOptions options, HttpClient http, TimeProvider time, SecretRedactor redactor, ILogger logger)
    {
        _credentials = options.Credentials;
        if (_credentials.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        _tokenUrl = new Uri(options.OAuthUrl, "oauth2/token");
        _time = time;
        _redactor = redactor;
        _logger = logger;
        _accessToken = _credentials.DeveloperToken?.Reveal();
        if (_credentials.Jwt is { } jwt)
        {
            _key = BoxPrivateKey.Import(jwt);
        }

        _tokenClient = new VendorHttpClient("Box", http, NoAuthorizer.Instance, options.Http, time, logger, redactor);
    }

    private bool CanRenew => _credentials.DeveloperToken is null;

    public async ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (CanRenew && (_accessToken is null || _time.GetUtcNow() >= _refreshAt))
        {
            await RefreshAsync(staleToken: _accessToken, cancellationToken);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _accessToken);
    }

    public async ValueTask<bool> TryRenewAsync(VendorResponse unauthorized, CancellationToken cancellationToken)
    {
        if (!CanRenew)
        {
            return false;
        }

        Log.TokenRejectedRenewing(_logger);
        await RefreshAsync(staleToken: _accessToken, cancellationToken);
        return true;
    }

    public void Dispose()
    {
        _refreshGate.Dispose();
        _key?.Dispose();
    }

    private async Task RefreshAsync(string? staleToken, CancellationToken cancellationToken)
    {
        await _refreshGate.WaitAsync(cancellationToken);
        try
        {
            // Another caller (the prefetch of the next page) may have renewed the token while this one waited.
            if (_accessToken is not null && _accessToken != staleToken && _time.GetUtcNow() < _refreshAt)
            {
                return;
            }

            var (token, lifetime) = await _tokenClient.SendAsync("POST /oauth2/token", CreateTokenRequest, ReadTokenResponse, retryAfterFromBody: null, cancellationToken);
            _redactor.Add(token);
            _accessToken = token;
            var now = _time.GetUtcNow();
            _refreshAt = lifetime is { } seconds
                ? now + seconds - TimeSpan.FromTicks(Math.Min(RefreshAhead.Ticks, seconds.Ticks / 2))
                : DateTimeOffset.MaxValue;
            Log.TokenIssued(_logger, _credentials.Jwt is null ? "client credentials" : "JWT", lifetime?.TotalMinutes ?? 0);
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    private HttpRequestMessage CreateTokenRequest()
    {
        KeyValuePair<string, string>[] form;
        if (_credentials.Jwt is { } jwt)
        {
            // A new assertion per attempt: each has its own jti and a 45-second life.
            form =
            [
                new("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
                new("assertion", BoxJwtAssertion.Create(jwt, _key!, _tokenUrl, _time.GetUtcNow())),
                new("client_id", jwt.ClientId.Reveal()),
                new("client_secret", jwt.ClientSecret.Reveal()),
            ];
        }
        else
        {
            form =
            [
                new("grant_type", "client_credentials"),
                new("client_id", _credentials.ClientId!.Reveal()),
                new("client_secret", _credentials.ClientSecret!.Reveal()),
                new("box_subject_type", "enterprise"),
                new("box_subject_id", _credentials.EnterpriseId!.Reveal()),
            ];
        }

        return new HttpRequestMessage(HttpMethod.Post, _tokenUrl) { Content = new FormUrlEncodedContent(form) };
    }

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

        var error = BoxErrorBody.OAuthError(response);
        var description = BoxErrorBody.OAuthDescription(response) is { } text ? response.Quote(text) : "no description";
        throw new SourceException(SourceErrorKind.Authentication, _credentials.Jwt is { } jwt ? JwtFailure(jwt, error, description, response) : ClientCredentialsFailure(error, description, response), isTransient: false);
    }

    private string ClientCredentialsFailure(string? error, string description, VendorResponse response) => error switch
    {
        "invalid_client" or "unauthorized_client" =>
            $"Box refused the app's client credentials ({error}: {description}): check the client id ({_credentials.ClientId!.Origin}) and the client secret ({_credentials.ClientSecret!.Origin}).",
        "invalid_grant" =>
            $"Box refused the client credentials grant (invalid_grant: {description}): the enterprise id ({_credentials.EnterpriseId!.Origin}) must be your enterprise's, the app must use 'Server Authentication (Client Credentials Grant)' with App Access Level 'App + Enterprise Access', and an admin must authorize it in the Admin Console (Apps > Custom Apps Manager).",
        _ => $"Box's token endpoint answered HTTP {(int)response.Status} ({Describe(response, error)}: {description}); check --oauth-url and the client id ({_credentials.ClientId!.Origin}), secret and enterprise id.",
    };

    private static string JwtFailure(BoxJwtSettings jwt, string? error, string description, VendorResponse response) => error switch
    {
        "invalid_client" or "unauthorized_client" =>
            $"Box refused the app's client credentials ({error}: {description}): check boxAppSettings.clientID and clientSecret in {jwt.Origin}.",
        "invalid_grant" =>
            $"Box refused the JWT assertion (invalid_grant: {description}): check that public key {jwt.PublicKeyId} is still added to the app in the Developer Console and belongs to the private key in {jwt.Origin}, that enterpriseID is your enterprise's, that this machine's clock is right (the assertion is valid for 45 s), and that an admin has authorized the app in the Admin Console.",
        _ => $"Box's token endpoint answered HTTP {(int)response.Status} ({Describe(response, error)}: {description}); check --oauth-url and the app config {jwt.Origin}.",
    };

    // The OAuth error code when there is one, else the body: both are the vendor's text.
    private static string Describe(VendorResponse response, string? error) => error is null ? response.Describe(120) : response.Quote(error, 80);

    private sealed class NoAuthorizer : IRequestAuthorizer
    {
        public static readonly NoAuthorizer Instance = new();

        public ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask<bool> TryRenewAsync(VendorResponse unauthorized, CancellationToken cancellationToken) => ValueTask.FromResult(false);
    }
}
