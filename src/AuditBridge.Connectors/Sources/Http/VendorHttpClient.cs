using System.Buffers;
using System.Net;
using AuditBridge.Diagnostics;
using AuditBridge.Pipeline;
using AuditBridge.Secrets;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Sources.Http;

/// <summary>
/// Sends one logical vendor request and survives what vendors do to it: 429 with Retry-After (waits on the injected
/// clock, within a cap), 5xx, timeouts, resets and broken bodies (bounded exponential backoff with jitter), and one
/// credential renewal on 401. Everything else is handed to the caller's handler, which classifies it. Redirects are
/// never followed (the handler of <see cref="VendorHttp.CreateClient"/> does not, and a 3xx is refused here): a
/// redirect would carry the Authorization header or the token request's secrets to an address nobody configured.
/// </summary>
internal sealed class VendorHttpClient
{
    private readonly HttpClient _http;
    private readonly IRequestAuthorizer _authorizer;
    private readonly VendorHttpOptions _options;
    private readonly TimeProvider _time;
    private readonly ExponentialBackoff _backoff;
    private readonly ILogger _logger;
    private readonly SecretRedactor _redactor;

    public VendorHttpClient(string vendor, HttpClient http, IRequestAuthorizer authorizer, VendorHttpOptions options, TimeProvider time, ILogger logger, SecretRedactor redactor, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        Vendor = vendor;
        _http = http;
        _authorizer = authorizer;
        _options = options;
        _time = time;
        _logger = logger;
        _redactor = redactor;
        _backoff = new ExponentialBackoff(options.InitialBackoff, options.MaxBackoff, random);
    }

    /// <summary>Vendor name for messages (<c>Dropbox</c>).</summary>
    public string Vendor { get; }

    /// <summary>
    /// Sends the request built by <paramref name="createRequest"/> (called once per attempt) until it gets a response that is
    /// not a transient failure, and returns what <paramref name="handle"/> makes of it.
    /// </summary>
    /// <param name="operation">Name of the call for messages (<c>get_events</c>).</param>
    /// <param name="createRequest">Builds a fresh request; a request can be sent only once.</param>
    /// <param name="handle">Turns a final response (2xx, or a 4xx other than 429) into a result, or throws. It may throw
    /// <see cref="InvalidVendorResponseException"/> for a 2xx body that is not a valid page; that is retried.</param>
    /// <param name="retryAfterFromBody">Reads a wait time from a 429 body, for vendors that put it there.</param>
    /// <param name="cancellationToken">Stops waiting and sending.</param>
    public async Task<T> SendAsync<T>(
        string operation,
        Func<HttpRequestMessage> createRequest,
        Func<VendorResponse, T> handle,
        Func<VendorResponse, TimeSpan?>? retryAfterFromBody,
        CancellationToken cancellationToken)
    {
        var failures = 0;
        var rateLimitWaited = TimeSpan.Zero;
        var renewed = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var reason = string.Empty;
            var kind = SourceErrorKind.Unavailable;
            TimeSpan? serverDelay = null;
            VendorResponse? response;
            try
            {
                response = await SendOnceAsync(createRequest, cancellationToken);
            }
            catch (TransientHttpFailure failure)
            {
                response = null;
                reason = failure.Message;
                kind = failure.Kind;
            }

            Count(response);
            if (response is not null)
            {
                using (response)
                {
                    if (response.Status == HttpStatusCode.Unauthorized && !renewed && await _authorizer.TryRenewAsync(response, cancellationToken))
                    {
                        renewed = true;
                        continue;
                    }

                    if (response.Status == HttpStatusCode.TooManyRequests)
                    {
                        var wait = RetryAfter(response) ?? retryAfterFromBody?.Invoke(response) ?? _backoff.DelayFor(Math.Min(failures, 10));
                        if (rateLimitWaited + wait > _options.MaxRateLimitWait)
                        {
                            var resumeAt = _time.GetUtcNow() + wait;
                            throw new SourceException(
                                SourceErrorKind.RateLimited,
                                $"{Vendor} rate limit: the API asks to wait {wait.TotalSeconds:0} s, more than the maximum wait allows ({_options.MaxRateLimitWait.TotalSeconds:0} s in all); try again after {resumeAt:yyyy-MM-dd'T'HH:mm:ss'Z'} or raise the maximum wait (--max-wait).",
                                isTransient: true);
                        }

                        Log.RateLimited(_logger, Vendor, operation, wait.TotalSeconds);
                        await Task.Delay(wait, _time, cancellationToken);
                        rateLimitWaited += wait;
                        continue;
                    }

                    if ((int)response.Status >= 500)
                    {
                        reason = $"HTTP {(int)response.Status} ({response.Describe(120)})";
                        serverDelay = RetryAfter(response);
                    }
                    else if ((int)response.Status is >= 300 and < 400)
                    {
                        throw Redirected(operation, response);
                    }
                    else
                    {
                        try
                        {
                            return handle(response);
                        }
                        catch (InvalidVendorResponseException invalid)
                        {
                            reason = invalid.Message;
                            kind = SourceErrorKind.InvalidResponse;
                        }
                    }
                }
            }

            failures++;
            if (failures >= _options.MaxAttempts)
            {
                var what = kind == SourceErrorKind.InvalidResponse
                    ? $"{Vendor} {operation} returned an invalid response {failures} times in a row ({reason}); nothing of that page was used."
                    : $"{Vendor} {operation} failed {failures} times in a row ({reason}); the service may be down or unreachable from here.";
                throw new SourceException(kind, what + " Run again later.", isTransient: true);
            }

            var delay = serverDelay ?? _backoff.DelayFor(failures - 1);
            Log.Retrying(_logger, Vendor, operation, reason, failures, _options.MaxAttempts - 1, delay.TotalSeconds);
            await Task.Delay(delay, _time, cancellationToken);
        }
    }

    private void Count(VendorResponse? response)
    {
        var status = response is null ? "error" : (int)response.Status is >= 500 and < 600 ? "5xx" : ((int)response.Status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        BridgeMetrics.SourceRequests.Add(1, new KeyValuePair<string, object?>("type", Vendor.ToLowerInvariant()), new KeyValuePair<string, object?>("status", status));
        if (response?.Status == HttpStatusCode.TooManyRequests)
        {
            BridgeMetrics.SourceRateLimited.Add(1, new KeyValuePair<string, object?>("type", Vendor.ToLowerInvariant()));
        }
    }

    private async Task<VendorResponse> SendOnceAsync(Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        using var request = createRequest();
        try
        {
            await _authorizer.AuthorizeAsync(request, timeout.Token);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var (buffer, length) = await ReadBodyAsync(response.Content, timeout.Token);
            return new VendorResponse(response.StatusCode, response.Headers, response.Content.Headers.ContentType?.MediaType, buffer, length, _redactor);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientHttpFailure($"no complete answer within {_options.RequestTimeout.TotalSeconds:0} s", SourceErrorKind.Unavailable);
        }
        catch (HttpIOException ioException) when (ioException.HttpRequestError == HttpRequestError.ResponseEnded)
        {
            throw new TransientHttpFailure("the response body was cut short", SourceErrorKind.InvalidResponse);
        }
        catch (HttpRequestException requestException)
        {
            throw new TransientHttpFailure(Describe(requestException), SourceErrorKind.Unavailable);
        }
        catch (IOException ioException)
        {
            throw new TransientHttpFailure($"connection broken ({ExternalText.Describe(ioException.Message, _redactor)})", SourceErrorKind.Unavailable);
        }
    }

    private async Task<(byte[] Buffer, int Length)> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var declared = content.Headers.ContentLength;
        if (declared > _options.MaxBodyBytes)
        {
            throw new TransientHttpFailure($"the response body is {declared} bytes, more than the {_options.MaxBodyBytes} accepted", SourceErrorKind.InvalidResponse);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(declared is > 0 and <= int.MaxValue ? (int)declared.Value : 64 * 1024);
        var length = 0;
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken);
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length >= _options.MaxBodyBytes)
                    {
                        throw new TransientHttpFailure($"the response body is larger than the {_options.MaxBodyBytes} bytes accepted", SourceErrorKind.InvalidResponse);
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(_options.MaxBodyBytes, buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            if (declared is { } expected && expected != length)
            {
                throw new TransientHttpFailure($"the response body was cut short ({length} of {expected} bytes)", SourceErrorKind.InvalidResponse);
            }

            return (buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private TimeSpan? RetryAfter(VendorResponse response) => AuditBridge.Net.RetryAfterHeader.Wait(response.Headers, _time);

    private string Describe(HttpRequestException exception) => exception.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => $"cannot resolve the host name ({Quote(exception.Message)})",
        HttpRequestError.ConnectionError => $"cannot connect ({Quote(exception.Message)})",

        // .NET says only "see inner exception": the certificate check of VendorHttp.CreateClient says why.
        HttpRequestError.SecureConnectionError => exception.InnerException is CertificateRejectedException rejected
            ? $"the TLS certificate was refused: {Quote(rejected.Message, 600)}"
            : $"TLS handshake failed ({Quote(string.Join(": ", Messages(exception)), 600)})",
        _ => Quote(exception.Message),
    };

    private static IEnumerable<string> Messages(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e.Message;
        }
    }

    private string Quote(string external, int maxChars = ExternalText.DefaultLength) => ExternalText.Describe(external, _redactor, maxChars);

    // The location is the vendor's text: it is quoted like a body, without its query (which may carry a token).
    private SourceException Redirected(string operation, VendorResponse response)
    {
        var location = response.Headers.Location;
        var target = location is null ? "nowhere (no Location header)"
            : response.Quote((location.IsAbsoluteUri ? location.GetLeftPart(UriPartial.Path) : location.OriginalString.Split('?')[0]), 200);
        return new SourceException(
            SourceErrorKind.InvalidRequest,
            $"{Vendor} {operation}: the endpoint answered HTTP {(int)response.Status}, a redirect to {target}. Redirects are not followed, so that credentials never travel to an address nobody configured: set the {Vendor} API or OAuth URL (api_url, oauth_url; --api-url, --oauth-url) to the final address.",
            isTransient: false);
    }

    /// <summary>A failure worth another attempt; never leaves this class.</summary>
    private sealed class TransientHttpFailure(string message, SourceErrorKind kind) : Exception(message)
    {
        public SourceErrorKind Kind { get; } = kind;
    }
}
