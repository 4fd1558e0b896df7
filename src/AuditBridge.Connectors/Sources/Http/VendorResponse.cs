using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using AuditBridge.Secrets;

namespace AuditBridge.Sources.Http;

/// <summary>
/// A complete vendor response: status, headers and the whole body in a pooled buffer.
/// Pages are bounded (Dropbox: 1,000 events, Box: 500), so holding one body is bounded memory;
/// dispose to return the buffer. Everything of it that reaches a message goes through <see cref="Describe"/> or
/// <see cref="Quote"/>: a vendor (or whoever answers in its place) can echo credentials and terminal control codes.
/// </summary>
internal sealed class VendorResponse : IDisposable
{
    // More of a body than any message shows; the rest of an error page is not decoded.
    private const int DescribedBytes = 64 * 1024;

    private readonly SecretRedactor _redactor;
    private byte[]? _buffer;

    public VendorResponse(HttpStatusCode status, HttpResponseHeaders headers, string? mediaType, byte[] buffer, int length, SecretRedactor redactor)
    {
        _redactor = redactor;
        Status = status;
        Headers = headers;
        MediaType = mediaType;
        _buffer = buffer;
        Length = length;
    }

    public HttpStatusCode Status { get; }

    public HttpResponseHeaders Headers { get; }

    public string? MediaType { get; }

    public int Length { get; }

    public bool IsJson => MediaType is not null && MediaType.Contains("json", StringComparison.OrdinalIgnoreCase);

    public ReadOnlyMemory<byte> Body => _buffer is null ? throw new ObjectDisposedException(nameof(VendorResponse)) : _buffer.AsMemory(0, Length);

    /// <summary>The body for a message: every secret redacted, one line, cut to <paramref name="maxChars"/>, controls escaped; <c>no body</c> when empty.</summary>
    public string Describe(int maxChars = ExternalText.DefaultLength)
    {
        if (Length == 0)
        {
            return "no body";
        }

        var body = Body.Span;
        return ExternalText.Describe(body[..Math.Min(body.Length, DescribedBytes)], isCut: body.Length > DescribedBytes, _redactor, maxChars);
    }

    /// <summary>A value read from the body or the headers (an error code, a description, a Location), made safe for a message as <see cref="Describe"/> does.</summary>
    public string Quote(string external, int maxChars = ExternalText.DefaultLength) => ExternalText.Describe(external, _redactor, maxChars);

    /// <summary>Hands the pooled body buffer to the caller, who must return it to <see cref="ArrayPool{T}.Shared"/>.</summary>
    public (byte[] Buffer, int Length) DetachBody()
    {
        var buffer = _buffer ?? throw new ObjectDisposedException(nameof(VendorResponse));
        _buffer = null;
        return (buffer, Length);
    }

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
