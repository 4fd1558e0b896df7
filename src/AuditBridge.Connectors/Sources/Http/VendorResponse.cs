using System.Buffers;
using System.Net;
using System.Net.Http.Headers;

namespace AuditBridge.Sources.Http;

/// <summary>
/// A complete vendor response: status, headers and the whole body in a pooled buffer.
/// Pages are bounded (Dropbox: 1,000 events, Box: 500), so holding one body is bounded memory;
/// dispose to return the buffer.
/// </summary>
internal sealed class VendorResponse : IDisposable
{
    private byte[]? _buffer;

    public VendorResponse(HttpStatusCode status, HttpResponseHeaders headers, string? mediaType, byte[] buffer, int length)
    {
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

    /// <summary>The body as text for error messages, cut to a readable length.</summary>
    public string BodyText(int maxChars = 300)
    {
        var text = System.Text.Encoding.UTF8.GetString(Body.Span[..Math.Min(Length, maxChars * 4)]);
        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length <= maxChars ? text : string.Concat(text.AsSpan(0, maxChars), "…");
    }

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
