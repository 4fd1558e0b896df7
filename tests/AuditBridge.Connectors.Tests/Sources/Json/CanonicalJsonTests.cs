using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Runtime.InteropServices;
using System.Text.Json;
using AuditBridge.Simulators.Dropbox;
using AuditBridge.Sources.Dropbox;
using AuditBridge.Sources.Json;

namespace AuditBridge.Connectors.Tests.Sources.Json;

/// <summary>
/// The canonical form behind Dropbox content ids must never change: a changed id stores every event again after an
/// upgrade. The fast writer is held byte for byte against the definition (a sorted document through
/// <see cref="Utf8JsonWriter"/>) over simulator events with hostile values and over hand-picked escapes, and one id is
/// pinned.
/// </summary>
public sealed class CanonicalJsonTests
{
    private static readonly JsonWriterOptions ReferenceOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = true,
    };

    [Fact]
    public void Write_SimulatorEventsWithHostileValues_MatchesTheWriterDefinitionByteForByte()
    {
        var generator = new DropboxEventGenerator(new DropboxSimulatorOptions { EventCount = 3000, Seed = 5, HostileEvery = 3 });
        for (var i = 0; i < 3000; i++)
        {
            using var document = JsonDocument.Parse(generator.GetEventJson(i));
            AssertSameAsReference(document.RootElement);
        }
    }

    [Theory]
    [InlineData("""{"b":1,"a":[1.50,-0,1e5,true,false,null],"c":{}}""")]
    [InlineData("""{"plain":"<a href='x'>&+`~ {}[]:;,</a>","del":"\u007f raw:","raw":"é日本😀"}""")]
    [InlineData("""{"escaped":"line\nbreak \"quoted\" back\\slash \u00e9 \ud83d\udd10 \u0001 \u2028 \u00a0 \ufeff"}""")]
    [InlineData("""{"names":{"\u00e9":1,"e\u0301":2,"z":3,"\u0000":4,"😀":5,"\"":6,"\\":7,"\ud83d\ude00":8}}""")]
    [InlineData("""["\u0041\u0042", "tab\there", "", " ", {"x":[[],[{}]]}]""")]
    [InlineData("\"just a string \\/ with a solidus\"")]
    [InlineData("12345678901234567890.5e-3")]
    public void Write_EscapesAndOddCharacters_MatchTheWriterDefinitionByteForByte(string json)
    {
        using var document = JsonDocument.Parse(json);
        AssertSameAsReference(document.RootElement);
    }

    [Fact]
    public void ContentId_EscapedLoneSurrogates_GetAnIdFromTheEscapesAsWritten()
    {
        // Such a string has no text (reading it throws); the id must still exist, and still tell events apart.
        using var a = JsonDocument.Parse("""{"details":{"note":"\ud800 alone","\udc00":"name"}}""");
        using var b = JsonDocument.Parse("""{"details":{"note":"\ud801 alone","\udc00":"name"}}""");

        Assert.NotEqual(DropboxEventMapper.ContentId(a.RootElement), DropboxEventMapper.ContentId(b.RootElement));
        Assert.Equal(DropboxEventMapper.ContentId(a.RootElement), DropboxEventMapper.ContentId(a.RootElement.Clone()));
    }

    [Fact]
    public void ContentId_OfAFixedEvent_NeverChanges()
    {
        using var document = JsonDocument.Parse("""
            {"timestamp":"2024-05-03T10:41:07Z","event_category":{".tag":"logins"},
             "actor":{".tag":"user","user":{".tag":"team_member","account_id":"dbid:AAB","display_name":"Jane Doe","email":"jane@x.example"}},
             "event_type":{".tag":"login_success","description":"Signed in \u00e9 😀"},"details":{".tag":"login_success_details","is_emm_managed":false,"login_method":{".tag":"password"}},
             "involve_non_team_member":false,"context":{".tag":"team_member","account_id":"dbid:AAB"},"assets":[],"participants":[]}
            """);

        Assert.Equal("dbx:9c6870dca282f23b55037e273f78a6e346a5e0450f6e34a4bd5aeede06c714e3", DropboxEventMapper.ContentId(document.RootElement));
    }

    private static void AssertSameAsReference(JsonElement element)
    {
        var fast = new ArrayBufferWriter<byte>();
        CanonicalJson.Write(element, fast);
        var reference = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(reference, ReferenceOptions))
        {
            Reference(element, writer);
        }

        Assert.Equal(Encoding.UTF8.GetString(reference.WrittenSpan), Encoding.UTF8.GetString(fast.WrittenSpan));
        Assert.True(reference.WrittenSpan.SequenceEqual(fast.WrittenSpan), "same text, different bytes");
    }

    /// <summary>The definition: members sorted by the UTF-8 bytes of their unescaped names, everything through the writer.</summary>
    private static void Reference(JsonElement element, Utf8JsonWriter writer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => Encoding.UTF8.GetBytes(p.Name), ByteOrder.Instance))
                {
                    writer.WritePropertyName(Encoding.UTF8.GetBytes(property.Name));
                    Reference(property.Value, writer);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Reference(item, writer);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                var inner = JsonMarshal.GetRawUtf8Value(element)[1..^1];
                if (inner.IndexOf((byte)'\\') < 0)
                {
                    writer.WriteStringValue(inner);
                }
                else if (TryGetString(element) is { } text)
                {
                    writer.WriteStringValue(text);
                }
                else
                {
                    // An escaped lone surrogate has no text: its escapes as written stand for it.
                    writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(element), skipInputValidation: true);
                }

                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static string? TryGetString(JsonElement element)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
