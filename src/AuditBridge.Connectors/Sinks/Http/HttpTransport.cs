using System.Globalization;
using System.IO.Compression;
using System.Net;
using AuditBridge.Secrets;

namespace AuditBridge.Sinks.Http;

/// <summary>
/// Posts batches to an HTTP collector: NDJSON lines or Splunk HEC events. A batch over the count or byte limit goes
/// as several requests, in order, one at a time; the write completes only when every request got a 2xx. A 413 to a
/// request of several records halves it and lowers the byte limit for later batches.
/// </summary>
/// <remarks>
/// At least once. The sink never retries: it classifies (transient with the receiver's Retry-After, or permanent) and
/// the delivery loop sends the whole batch again. When request k of n fails, requests 1..k-1 were delivered and are
/// sent again with the rest, so only the batch in flight can arrive twice; every record carries its event id.
/// </remarks>
internal sealed class HttpTransport : ISinkTransport
{
    // Enough of an error answer to quote it (and to see whether it is HEC's JSON); the rest is not read.
    private const int AnswerExcerptBytes = 16 * 1024;

    private readonly HttpEndpoint _endpoint;
    private readonly HttpClient _http;
    private readonly TlsClientSettings? _tls;
    private readonly HttpSinkErrors _errors;
    private readonly string _contentType;
    private readonly KeyValuePair<string, string>[] _headers;
    private readonly KeyValuePair<string, Secret>[] _secretHeaders;
    private readonly int _maxBatchEvents;
    private readonly int _maxBatchBytes;
    private readonly TimeSpan _requestTimeout;
    private readonly bool _isHec;
    private readonly bool _gzip;
    private readonly MemoryStream _compressed = new();
    private readonly List<(int First, int Count)> _requests = [];

    // The largest body the receiver may take: MaxBatchBytes until a 413 shows its limit is lower.
    private int _acceptedBytes = int.MaxValue;

    // Set by the certificate check during a handshake; requests are one at a time, so it belongs to the current one.
    private string? _certificateRejection;

    public HttpTransport(
        HttpEndpoint endpoint,
        HttpSinkOptions options,
        string contentType,
        TlsClientSettings? tls,
        TimeProvider timeProvider,
        SecretRedactor redactor)
    {
        _endpoint = endpoint;
        _tls = tls;
        _contentType = contentType;
        _isHec = options.Mode == HttpSinkMode.SplunkHec;
        _headers = [.. options.Headers];
        _secretHeaders = [.. options.SecretHeaders];
        if (_isHec && options.Token is { } token)
        {
            _secretHeaders = [.. _secretHeaders, new("Authorization", new Secret("Splunk " + token.Reveal(), token.Origin))];
        }

        _maxBatchEvents = options.MaxBatchEvents;
        _maxBatchBytes = options.MaxBatchBytes;
        _requestTimeout = options.RequestTimeout;
        _gzip = options.Gzip;

        foreach (var secret in options.SecretHeaders.Values.Append(options.Token).OfType<Secret>())
        {
            redactor.Add(secret);
        }

        _errors = new HttpSinkErrors(endpoint, options.Mode, options.Index, options.Token, redactor, timeProvider);
        _http = CreateClient(endpoint, tls, options.RequestTimeout, reason => _certificateRejection = reason);
    }

    /// <inheritdoc/>
    public DeliveryGuarantee Guarantee => DeliveryGuarantee.AtLeastOnce;

    /// <inheritdoc/>
    public string Destination => _endpoint.ToString();

    /// <summary>
    /// One request that delivers nothing, with the real headers, the real TLS settings and the normal error
    /// classification. HEC: a POST with an empty body, which Splunk authenticates and then refuses with
    /// <c>400 {"text":"No data","code":5}</c>, so that answer means the token is good. NDJSON: a <c>HEAD</c>, as there is no
    /// standard no-op; any answer below 500 except 401, 403 and 407 means reachable (and, over HTTPS, verified).
    /// </summary>
    /// <exception cref="SinkException">As a batch would fail: a refused token or credentials are permanent.</exception>
    public ValueTask<string> ProbeAsync(CancellationToken cancellationToken) =>
        _isHec ? ProbeHecAsync(cancellationToken) : ProbeHeadAsync(cancellationToken);

    private static HttpClient CreateClient(HttpEndpoint endpoint, TlsClientSettings? tls, TimeSpan requestTimeout, Action<string> onRejected)
    {
        var handler = new SocketsHttpHandler
        {
            // A 301/302 turns a POST into a GET and drops the body; any redirect sends the events and the token to an
            // address nobody configured. A redirect is reported instead (permanent), with where it points.
            AllowAutoRedirect = false,

            // New connections now and then pick up DNS changes (a collector behind a moving load balancer).
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = requestTimeout,
        };
        if (tls is not null)
        {
            // The handler sets the target host (and SNI) from each request's URL.
            handler.SslOptions = tls.CreateClientOptions(endpoint.Uri.DnsSafeHost, endpoint.Display, setTargetHost: false, onRejected);
        }

        // No client-wide timeout: each request has its own (RequestTimeout).
        var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("AuditBridge/1.0");
        return client;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Statistics count the request bodies before compression: each record's line, or its HEC event object. Each
    /// request that got its 2xx is counted at once.
    /// </remarks>
    public async ValueTask SendAsync(OutgoingBatch batch, CancellationToken cancellationToken)
    {
        // The encoder already shortened every record to fit MaxBatchBytes (or failed the batch), so each fits a request.
        var records = batch.Records;
        RequestSplitter.Split(records, _maxBatchEvents, Math.Min(_maxBatchBytes, _acceptedBytes), _requests);
        var pending = new Stack<(int First, int Count)>(Enumerable.Reverse(_requests));
        var delivered = 0;
        var number = 0;
        while (pending.TryPop(out var request))
        {
            var (first, count) = request;
            var last = records[first + count - 1];
            var body = batch.Bytes[records[first].Offset..(last.Offset + last.Length)];
            number++;
            var progress = new RequestProgress(number, number + pending.Count, count, body.Length, delivered, count == 1 ? batch.Events[first].Id : null);
            if (!await PostAsync(body, progress, canSplit: count > 1, cancellationToken))
            {
                // 413 on several records: the receiver's limit is below MaxBatchBytes. Halving finds a size it takes
                // without a person; remembering it spares the next batches the same refusals.
                _acceptedBytes = Math.Min(_acceptedBytes, body.Length - 1);
                var half = count / 2;
                pending.Push((first + half, count - half));
                pending.Push((first, half));
                number--;
                continue;
            }

            delivered += count;
            batch.Delivered(first + count);
        }
    }

    // Returns false only for a 413 when the request can be split; every other failure throws.
    private async ValueTask<bool> PostAsync(ReadOnlyMemory<byte> body, RequestProgress progress, bool canSplit, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(HttpMethod.Post, CreateContent(body));
        return await ExchangeAsync(request, progress, async (response, token) =>
        {
            if (response.IsSuccessStatusCode)
            {
                // The answer (HEC: {"text":"Success","code":0}) adds nothing; disposing drains it for connection reuse.
                return true;
            }

            if (response.StatusCode == HttpStatusCode.RequestEntityTooLarge && canSplit)
            {
                return false;
            }

            var (answer, isCut) = await ReadStartAsync(response.Content, token);
            throw _errors.FromResponse(response.StatusCode, response.Headers, answer, isCut, progress);
        }, cancellationToken);
    }

    private async ValueTask<string> ProbeHecAsync(CancellationToken cancellationToken)
    {
        // No gzip even when configured: an empty body is what Splunk must see, and it is the smallest request there is.
        var content = new ReadOnlyMemoryContent(ReadOnlyMemory<byte>.Empty);
        content.Headers.TryAddWithoutValidation("Content-Type", _contentType);
        using var request = CreateRequest(HttpMethod.Post, content);
        var progress = RequestProgress.ForProbe("an empty request (check --probe)");
        return await ExchangeAsync(request, progress, async (response, token) =>
        {
            // Splunk checks the token before the body: "No data" (code 5) comes only with a token it accepts.
            var (answer, isCut) = response.IsSuccessStatusCode ? ([], false) : await ReadStartAsync(response.Content, token);
            if (response.IsSuccessStatusCode || (response.StatusCode == HttpStatusCode.BadRequest && HttpSinkErrors.IsHecNoData(answer)))
            {
                return $"Splunk HEC at {_endpoint} accepted the token{Verification}";
            }

            throw _errors.FromResponse(response.StatusCode, response.Headers, answer, isCut, progress);
        }, cancellationToken);
    }

    private async ValueTask<string> ProbeHeadAsync(CancellationToken cancellationToken)
    {
        using var request = CreateRequest(HttpMethod.Head, content: null);
        var progress = RequestProgress.ForProbe("a HEAD request (check --probe)");
        return await ExchangeAsync(request, progress, (response, _) =>
        {
            // A webhook may well refuse HEAD (404, 405): it answered, so the connection and TLS are good. Only a
            // refusal of the credentials, or a failing receiver, says the events would not get through.
            var status = (int)response.StatusCode;
            if (status >= 500 || response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.ProxyAuthenticationRequired)
            {
                throw _errors.FromResponse(response.StatusCode, response.Headers, [], isCut: false, progress);
            }

            return ValueTask.FromResult(string.Create(CultureInfo.InvariantCulture, $"HTTP endpoint {_endpoint} answered {status} to HEAD{Verification}"));
        }, cancellationToken);
    }

    private string Verification => _tls is null
        ? string.Empty
        : _tls.InsecureSkipVerify ? "; TLS certificate NOT verified (InsecureSkipVerify)" : "; TLS certificate verified";

    private HttpRequestMessage CreateRequest(HttpMethod method, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, _endpoint.Uri) { Content = content };
        foreach (var (name, value) in _headers)
        {
            AddHeader(request, name, value);
        }

        foreach (var (name, secret) in _secretHeaders)
        {
            AddHeader(request, name, secret.Reveal());
        }

        return request;
    }

    // Sends one request within RequestTimeout and hands the answer to onAnswer; a request that gets no (complete)
    // answer fails classified, as does whatever onAnswer throws.
    private async ValueTask<T> ExchangeAsync<T>(
        HttpRequestMessage request,
        RequestProgress progress,
        Func<HttpResponseMessage, CancellationToken, ValueTask<T>> onAnswer,
        CancellationToken cancellationToken)
    {
        // Real time (ADR 0003): this bounds how long the network may take, whatever clock schedules the retries.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_requestTimeout);
        _certificateRejection = null;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return await onAnswer(response, timeout.Token);
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw _errors.FromTimeout(_requestTimeout, error, progress);
        }
        catch (HttpRequestException error)
        {
            throw _errors.FromFailure(error, _certificateRejection, progress);
        }
        catch (IOException error)
        {
            throw _errors.FromBrokenAnswer(error, progress);
        }
    }

    // .NET keeps Content-* headers on the content and refuses them on the request: without the second try a
    // configured Content-Language would be dropped without a word.
    private static void AddHeader(HttpRequestMessage request, string name, string value)
    {
        // Without a body (HEAD) there is nothing a Content-* header could describe: it is left out.
        if (!request.Headers.TryAddWithoutValidation(name, value))
        {
            request.Content?.Headers.TryAddWithoutValidation(name, value);
        }
    }

    private HttpContent CreateContent(ReadOnlyMemory<byte> body)
    {
        HttpContent content;
        if (_gzip)
        {
            _compressed.SetLength(0);
            using (var gzip = new GZipStream(_compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(body.Span);
            }

            content = new ReadOnlyMemoryContent(_compressed.GetBuffer().AsMemory(0, (int)_compressed.Length));
            content.Headers.ContentEncoding.Add("gzip");
        }
        else
        {
            content = new ReadOnlyMemoryContent(body);
        }

        content.Headers.TryAddWithoutValidation("Content-Type", _contentType);
        return content;
    }

    // The start of an error answer, and whether there was more (an HTML error page can be large): a secret echoed
    // across the cut is then masked by its beginning too.
    private static async Task<(byte[] Answer, bool IsCut)> ReadStartAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[AnswerExcerptBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return length > AnswerExcerptBytes ? (buffer[..AnswerExcerptBytes], true) : (buffer[..length], false);
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        _tls?.Dispose();
        _compressed.Dispose();
        return ValueTask.CompletedTask;
    }
}
