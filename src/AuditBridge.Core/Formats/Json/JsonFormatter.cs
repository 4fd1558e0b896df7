using System.Buffers;
using System.Text;
using System.Text.Json;
using AuditBridge.Events;

namespace AuditBridge.Formats.Json;

/// <summary>
/// JSON lines: one compact object per event with the normalized fields and the vendor JSON under <c>raw</c>
/// (docs/formats/json.md). No newline: the framer or file sink adds it.
/// </summary>
internal sealed class JsonFormatter : IEventFormatter
{
    private static readonly JsonEncodedText VendorName = JsonEncodedText.Encode("vendor");
    private static readonly JsonEncodedText SourceName = JsonEncodedText.Encode("source");
    private static readonly JsonEncodedText TimeName = JsonEncodedText.Encode("time");
    private static readonly JsonEncodedText ReceivedName = JsonEncodedText.Encode("received");
    private static readonly JsonEncodedText CategoryName = JsonEncodedText.Encode("category");
    private static readonly JsonEncodedText ActionName = JsonEncodedText.Encode("action");
    private static readonly JsonEncodedText DescriptionName = JsonEncodedText.Encode("description");
    private static readonly JsonEncodedText SeverityName = JsonEncodedText.Encode("severity");
    private static readonly JsonEncodedText OutcomeName = JsonEncodedText.Encode("outcome");
    private static readonly JsonEncodedText ActorName = JsonEncodedText.Encode("actor");
    private static readonly JsonEncodedText TargetName = JsonEncodedText.Encode("target");
    private static readonly JsonEncodedText EmailName = JsonEncodedText.Encode("email");
    private static readonly JsonEncodedText IpName = JsonEncodedText.Encode("ip");
    private static readonly JsonEncodedText GeoName = JsonEncodedText.Encode("geo");
    private static readonly JsonEncodedText CityName = JsonEncodedText.Encode("city");
    private static readonly JsonEncodedText RegionName = JsonEncodedText.Encode("region");
    private static readonly JsonEncodedText CountryName = JsonEncodedText.Encode("country");
    private static readonly JsonEncodedText ObjectsName = JsonEncodedText.Encode("objects");
    private static readonly JsonEncodedText IndicatorsName = JsonEncodedText.Encode("indicators");
    private static readonly JsonEncodedText RawName = JsonEncodedText.Encode("raw");
    private static readonly JsonEncodedText RawTextName = JsonEncodedText.Encode("raw_text");
    private static readonly JsonEncodedText TruncatedName = JsonEncodedText.Encode("truncated");

    private readonly bool _includeRaw;

    public JsonFormatter(JsonFormatterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _includeRaw = options.IncludeRaw;
    }

    /// <inheritdoc/>
    public string Name => "json";

    /// <inheritdoc/>
    public FormatResult Format(AuditEvent auditEvent, IBufferWriter<byte> output, int maxBytes = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);

        var raw = ReadOnlyMemory<byte>.Empty;
        var rawIsJson = false;
        if (_includeRaw)
        {
            raw = PrepareRaw(auditEvent.Raw, out rawIsJson);
        }

        if (maxBytes == int.MaxValue)
        {
            return new FormatResult(Write(auditEvent, output, raw, rawIsJson, rawShortened: false), 0);
        }

        // A budget needs the size before committing anything: write to a scratch buffer first.
        var scratch = new ArrayBufferWriter<byte>();
        var length = Write(auditEvent, scratch, raw, rawIsJson, rawShortened: false);
        var shortened = 0;
        if (length > maxBytes)
        {
            scratch = FitToBudget(auditEvent, raw, rawIsJson, length, maxBytes);
            length = scratch.WrittenCount;
            shortened = 1;
        }

        output.Write(scratch.WrittenSpan);
        return new FormatResult(length, shortened);
    }

    /// <summary>
    /// The vendor JSON as it will be embedded. Valid JSON is embedded byte for byte, except that the whitespace
    /// characters TAB, CR and LF (which valid JSON can only hold between tokens) become spaces, so a pretty-printed
    /// vendor body cannot break the one-line rule. Anything that does not parse is kept as text in <c>raw_text</c>.
    /// </summary>
    private static ReadOnlyMemory<byte> PrepareRaw(ReadOnlyMemory<byte> raw, out bool isJson)
    {
        if (raw.Span.IndexOfAnyInRange((byte)0, (byte)0x1F) >= 0)
        {
            var copy = raw.ToArray();
            copy.AsSpan().Replace((byte)'\t', (byte)' ');
            copy.AsSpan().Replace((byte)'\r', (byte)' ');
            copy.AsSpan().Replace((byte)'\n', (byte)' ');
            raw = copy;
        }

        isJson = !raw.IsEmpty && IsValidJson(raw.Span);
        return raw;
    }

    private static bool IsValidJson(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Shortens the longest string values inside <c>raw</c> (it stays valid JSON) and adds <c>"truncated":["raw"]</c>.
    /// The normalized fields are never shortened: they are what receivers index.
    /// </summary>
    private static ArrayBufferWriter<byte> FitToBudget(AuditEvent auditEvent, ReadOnlyMemory<byte> raw, bool rawIsJson, int length, int maxBytes)
    {
        if (rawIsJson)
        {
            var marked = new ArrayBufferWriter<byte>();
            var growth = Write(auditEvent, marked, raw, rawIsJson, rawShortened: true) - length;
            var target = raw.Length - (length + growth - maxBytes);
            if (target > 0 && JsonShrinker.TryShrink(raw, target, JsonMeasure.Utf8Bytes, out var shrunk))
            {
                var scratch = new ArrayBufferWriter<byte>();
                if (Write(auditEvent, scratch, shrunk, rawIsJson: true, rawShortened: true) <= maxBytes)
                {
                    return scratch;
                }
            }
        }

        throw new RecordTooLargeException(
            $"The JSON record of event '{auditEvent.Id}' needs {length} bytes and its raw event cannot be shortened to fit; the budget is {maxBytes} bytes.");
    }

    private static int Write(AuditEvent auditEvent, IBufferWriter<byte> output, ReadOnlyMemory<byte> raw, bool rawIsJson, bool rawShortened)
    {
        using var writer = EventJson.CreateWriter(output);
        Span<byte> time = stackalloc byte[EventText.TimeLength];

        writer.WriteStartObject();
        writer.WriteString(EventJson.IdName, auditEvent.Id);
        writer.WriteString(VendorName, auditEvent.Vendor);
        writer.WriteString(SourceName, auditEvent.Source);
        writer.WriteString(TimeName, time[..EventText.WriteTime(auditEvent.Time, time)]);
        if (auditEvent.Received is { } received)
        {
            writer.WriteString(ReceivedName, time[..EventText.WriteTime(received, time)]);
        }

        writer.WriteString(CategoryName, auditEvent.Category);
        writer.WriteString(ActionName, auditEvent.Action);
        EventJson.WriteOptional(writer, DescriptionName, auditEvent.Description);
        writer.WriteNumber(SeverityName, auditEvent.Severity);
        EventJson.WriteOptional(writer, OutcomeName, EventText.OutcomeName(auditEvent.Outcome));
        WritePrincipal(writer, ActorName, auditEvent.Actor);
        WritePrincipal(writer, TargetName, auditEvent.Target);
        EventJson.WriteOptional(writer, IpName, auditEvent.Ip);
        WriteGeo(writer, auditEvent.Geo);
        writer.WritePropertyName(ObjectsName);
        EventJson.WriteObjects(writer, auditEvent.Objects);
        if (auditEvent.Indicators.Count > 0)
        {
            writer.WriteStartArray(IndicatorsName);
            foreach (var indicator in auditEvent.Indicators)
            {
                writer.WriteStringValue(indicator);
            }

            writer.WriteEndArray();
        }

        if (!raw.IsEmpty)
        {
            if (rawIsJson)
            {
                // Validated in PrepareRaw; the bytes go out unchanged.
                writer.WritePropertyName(RawName);
                writer.WriteRawValue(raw.Span, skipInputValidation: true);
            }
            else
            {
                writer.WriteString(RawTextName, Encoding.UTF8.GetString(raw.Span));
            }
        }

        if (rawShortened)
        {
            writer.WriteStartArray(TruncatedName);
            writer.WriteStringValue(RawName);
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.Flush();
        return (int)writer.BytesCommitted;
    }

    private static void WritePrincipal(Utf8JsonWriter writer, JsonEncodedText name, Principal? principal)
    {
        if (principal is null)
        {
            return;
        }

        writer.WriteStartObject(name);
        writer.WriteString(EventJson.KindName, EventText.KindName(principal.Kind));
        EventJson.WriteOptional(writer, EventJson.IdName, principal.Id);
        EventJson.WriteOptional(writer, EmailName, principal.Email);
        EventJson.WriteOptional(writer, EventJson.NameName, principal.Name);
        writer.WriteEndObject();
    }

    private static void WriteGeo(Utf8JsonWriter writer, GeoLocation? geo)
    {
        if (geo is null || (geo.City is null && geo.Region is null && geo.Country is null))
        {
            return;
        }

        writer.WriteStartObject(GeoName);
        EventJson.WriteOptional(writer, CityName, geo.City);
        EventJson.WriteOptional(writer, RegionName, geo.Region);
        EventJson.WriteOptional(writer, CountryName, geo.Country);
        writer.WriteEndObject();
    }
}
