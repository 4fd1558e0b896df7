using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AuditBridge.Secrets;
using AuditBridge.Sources.Http;
using AuditBridge.Sources.Json;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Sources.Dropbox;

/// <summary>
/// Puts a team access token on every request. With a refresh token it renews the access token when less than five
/// minutes of its life remain (the SDK's rule) and once on 401 <c>expired_access_token</c>; a fixed token is used as is.
/// Secrets travel in the POST body of the token request, never in a URL (Grove put them in the query string).
/// </summary>
internal sealed class DropboxTokenAuthorizer : IRequestAuthorizer, IDisposable
{
    private static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(5);

    private readonly DropboxCredentials _credentials;
    private readonly Uri _tokenUrl;
    private readonly VendorHttpClient _tokenClient;
    private readonly TimeProvider _time;
    private readonly SecretRedactor _redactor;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private string? _accessToken;
    private DateTimeOffset _expiresAt = DateTimeOffset.MaxValue;

    public DropboxTokenAuthorizer(DropboxSourceOptions options, HttpClient http, TimeProvider time, SecretRedactor redactor, ILogger logger)
    {
        _credentials = options.Credentials;
        if (!_credentials.CanRefresh && _credentials.AccessToken is null)
        {
            throw new ArgumentException("Dropbox credentials need an access token, or a refresh token with the app key and secret.", nameof(options));
        }

        _tokenUrl = new Uri(options.OAuthUrl, "oauth2/token");
        _time = time;
        _redactor = redactor;
        _logger = logger;
        _accessToken = _credentials.AccessToken?.Reveal();
        if (_credentials.CanRefresh)
        {
            // A given access token is used until it is rejected; without one the first call refreshes.
            _expiresAt = _accessToken is null ? DateTimeOffset.MinValue : DateTimeOffset.MaxValue;
        }

        _tokenClient = new VendorHttpClient("Dropbox", http, NoAuthorizer.Instance, options.Http, time, logger, redactor);
    }

    public async ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_credentials.CanRefresh && _time.GetUtcNow() + RefreshAhead >= _expiresAt)
        {
            await RefreshAsync(staleToken: _accessToken, cancellationToken);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _accessToken);
    }

    public async ValueTask<bool> TryRenewAsync(VendorResponse unauthorized, CancellationToken cancellationToken)
    {
        if (!_credentials.CanRefresh || DropboxErrorBody.Tag(unauthorized) != "expired_access_token")
        {
            return false;
        }

        Log.TokenExpiredRenewing(_logger);
        await RefreshAsync(staleToken: _accessToken, cancellationToken);
        return true;
    }

    private async Task RefreshAsync(string? staleToken, CancellationToken cancellationToken)
    {
        await _refreshGate.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have refreshed while this one waited.
            if (_accessToken != staleToken && _time.GetUtcNow() + RefreshAhead < _expiresAt)
            {
                return;
            }

            var (token, lifetime) = await _tokenClient.SendAsync(
                "oauth2/token",
                CreateRefreshRequest,
                ReadTokenResponse,
                retryAfterFromBody: null,
                cancellationToken);
            _redactor.Add(token);
            _accessToken = token;
            _expiresAt = lifetime is { } seconds ? _time.GetUtcNow() + seconds : DateTimeOffset.MaxValue;
            Log.TokenRefreshed(_logger, lifetime?.TotalMinutes ?? 0);
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    public void Dispose() => _refreshGate.Dispose();

    private HttpRequestMessage CreateRefreshRequest() => new(HttpMethod.Post, _tokenUrl)
    {
        Content = new FormUrlEncodedContent(
        [
            new("grant_type", "refresh_token"),
            new("refresh_token", _credentials.RefreshToken!.Reveal()),
            new("client_id", _credentials.AppKey!.Reveal()),
            new("client_secret", _credentials.AppSecret!.Reveal()),
        ]),
    };

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

        var error = OAuthError(response);
        var message = error switch
        {
            "invalid_grant" => "Dropbox refused the refresh token (invalid_grant): it was revoked, or belongs to another app. Authorize the app again (token_access_type=offline) and update DROPBOX_REFRESH_TOKEN.",
            "invalid_client" or "unauthorized_client" => $"Dropbox refused the app credentials ({error}): check DROPBOX_APP_KEY and DROPBOX_APP_SECRET.",
            _ => $"Dropbox's token endpoint answered HTTP {(int)response.Status} ({response.Describe()}); check the app key, secret and refresh token, and --oauth-url.",
        };
        throw new SourceException(SourceErrorKind.Authentication, message, isTransient: false);
    }

    private static string? OAuthError(VendorResponse response)
    {
        try
        {
            using var document = JsonDocument.Parse(response.Body);
            return JsonRead.String(document.RootElement, "error"u8);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed class NoAuthorizer : IRequestAuthorizer
    {
        public static readonly NoAuthorizer Instance = new();

        public ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask<bool> TryRenewAsync(VendorResponse unauthorized, CancellationToken cancellationToken) => ValueTask.FromResult(false);
    }
}
