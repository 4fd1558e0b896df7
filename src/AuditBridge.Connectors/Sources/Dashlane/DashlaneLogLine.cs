using System.Text.Json;
using AuditBridge.Sources.Json;

namespace AuditBridge.Sources.Dashlane;

/// <summary>
/// One validated audit-log line: a JSON object with the fields every later step relies on (saas-apis.md C.7):
/// <c>uuid</c> (a non-empty string, the dedupe key), <c>date_time</c> (integer epoch milliseconds) and <c>log_type</c>
/// (a non-empty string). Everything else is optional and read tolerantly by the mapper. Owns its parsed document.
/// </summary>
internal sealed class DashlaneLogLine : IDisposable
{
    private static readonly long MaxMs = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    private DashlaneLogLine(byte[] raw, JsonDocument document, string uuid, long timeMs, string logType)
    {
        Raw = raw;
        Document = document;
        Uuid = uuid;
        TimeMs = timeMs;
        Time = DateTimeOffset.FromUnixTimeMilliseconds(timeMs);
        LogType = logType;
    }

    /// <summary>The line's bytes, unchanged (without its line break).</summary>
    public byte[] Raw { get; }

    public JsonDocument Document { get; }

    public JsonElement Root => Document.RootElement;

    public string Uuid { get; }

    /// <summary><c>date_time</c> as written: epoch milliseconds.</summary>
    public long TimeMs { get; }

    /// <summary><c>date_time</c> in UTC.</summary>
    public DateTimeOffset Time { get; }

    public string LogType { get; }

    /// <summary>Parses and validates a line; the document parses <paramref name="raw"/> in place, so the array must not change.</summary>
    /// <exception cref="DashlaneLineException">The line is not a Dashlane audit log.</exception>
    public static DashlaneLogLine Parse(byte[] raw)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(raw);
        }
        catch (JsonException invalid)
        {
            var column = invalid.BytePositionInLine is { } position ? position + 1 : (long?)null;
            throw new DashlaneLineException("it is not valid JSON (" + FirstSentence(invalid.Message) + ")", column);
        }

        var handedOver = false;
        try
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new DashlaneLineException($"it is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object", 1) { IsJson = true };
            }

            var uuid = RequiredString(root, "uuid");
            if (!JsonRead.TryGetProperty(root, "date_time"u8, out var time) || time.ValueKind != JsonValueKind.Number)
            {
                throw new DashlaneLineException("'date_time' is missing or not a number (epoch milliseconds)") { IsJson = true };
            }

            if (!time.TryGetInt64(out var ms) || ms < 0 || ms > MaxMs)
            {
                throw new DashlaneLineException($"'date_time' {JsonRead.RawText(time)} is not a whole number of epoch milliseconds in range") { IsJson = true };
            }

            var line = new DashlaneLogLine(raw, document, uuid, ms, RequiredString(root, "log_type"));
            handedOver = true;
            return line;
        }
        finally
        {
            if (!handedOver)
            {
                document.Dispose();
            }
        }
    }

    public void Dispose() => Document.Dispose();

    private static string RequiredString(JsonElement root, string name)
    {
        if (!JsonRead.TryGetProperty(root, name, out var value) || value.ValueKind != JsonValueKind.String || JsonRead.Text(value) is not { Length: > 0 } text)
        {
            throw new DashlaneLineException($"'{name}' is missing or not a non-empty string") { IsJson = true };
        }

        return text;
    }

    // System.Text.Json appends "LineNumber: 0 | BytePositionInLine: 12." to its messages; the caller names the place itself.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }
}
