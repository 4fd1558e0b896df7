using System.Buffers;
using System.Text;
using System.Text.Json;
using AuditBridge.Simulators.Dropbox;
using AuditBridge.Sources.Files;
using AuditBridge.Sources.Json;

namespace AuditBridge.Connectors.Tests.Sources.Files;

public sealed class EventFileReaderTests
{
    private const int Count = 400;

    [Theory]
    [InlineData("page", EventFileLayout.Page, 1 << 20)]
    [InlineData("pretty-page", EventFileLayout.Page, 1 << 20)]
    [InlineData("pages", EventFileLayout.Page, 1 << 20)]
    [InlineData("box-page", EventFileLayout.Page, 1 << 20)]
    [InlineData("array", EventFileLayout.Array, 1 << 20)]
    [InlineData("lines", EventFileLayout.Lines, 1 << 20)]
    [InlineData("page", EventFileLayout.Page, 7)]
    [InlineData("pretty-page", EventFileLayout.Page, 5)]
    [InlineData("array", EventFileLayout.Array, 3)]
    [InlineData("lines", EventFileLayout.Lines, 2)]
    [InlineData("pretty-objects", EventFileLayout.Objects, 1 << 20)]
    [InlineData("pretty-objects", EventFileLayout.Objects, 3)]
    public async Task ReadAsync_DetectsTheLayout_AndReturnsEveryEventWhereItStands(string shape, EventFileLayout layout, int maxChunk)
    {
        var events = Events();
        var file = Build(shape, events);
        var reader = new EventFileReader(new TrickleStream(file, maxChunk), "events.json");

        var entries = await ReadAllAsync(reader);

        Assert.Equal(layout, reader.Layout);
        Assert.Equal(events.Count, entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            Assert.Equal(Canonical(events[i]), Canonical(entries[i].Json.ToArray()));
            Assert.Equal((byte)'{', file[entries[i].Offset]);
            Assert.Equal(file.AsSpan(0, (int)entries[i].Offset).Count((byte)'\n') + 1, entries[i].Line);
        }
    }

    // An export of one event, pretty-printed (what a browser's "save JSON" or jq writes): one event, not 70 bad lines.
    [Fact]
    public async Task ReadAsync_ASinglePrettyPrintedEvent_IsOneEventOnItsFirstLine()
    {
        var file = Pretty(Events()[4]);

        var reader = new EventFileReader(new MemoryStream(file), "event.json");
        var entries = await ReadAllAsync(reader);

        Assert.Equal(EventFileLayout.Objects, reader.Layout);
        var entry = Assert.Single(entries);
        Assert.Equal(Canonical(Events()[4]), Canonical(entry.Json.ToArray()));
        Assert.Equal((1, 0L), (entry.Line, entry.Offset));
    }

    [Fact]
    public async Task ReadAsync_PrettyPrintedEventsFollowedByNoObject_NamesWhere()
    {
        var file = Encoding.UTF8.GetBytes("{\n  \"a\": 1\n}\n{\n  \"b\": 2\n}\n[3]\n");

        var failure = await Assert.ThrowsAsync<EventFileFormatException>(() => ReadAllAsync(new EventFileReader(new MemoryStream(file), "x.json")));

        Assert.StartsWith("x.json:7: expected another event (a JSON object) after the previous one (byte offset 26)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_SkipsAByteOrderMarkAndBlankLines()
    {
        var events = Events().Take(3).ToList();
        var file = Encoding.UTF8.GetBytes("\uFEFF\n\n" + string.Join("\n\n", events.Select(Encoding.UTF8.GetString)) + "\n\n");

        var entries = await ReadAllAsync(new EventFileReader(new MemoryStream(file), "x"));

        Assert.Equal(3, entries.Count);
        Assert.Equal(3, entries[0].Line);
    }

    [Fact]
    public async Task ReadAsync_WhenTheFileIsEmpty_ReturnsNothing()
    {
        var entries = await ReadAllAsync(new EventFileReader(new MemoryStream([]), "x"));

        Assert.Empty(entries);
    }

    [Theory]
    [InlineData("[{\"a\":1},\n{\"b\":2,,}]", "x.json:2: not valid JSON")]
    [InlineData("[{\"a\":1},\n{\"b\":", "x.json:2: the file ends in the middle of a JSON value")]
    [InlineData("[{\"a\":1}]\n[2]", "x.json:2: expected nothing after the JSON array (byte offset 10)")]
    [InlineData("{\"events\":[{\"a\":1}],\"cursor\":\"c\"}\n5", "x.json:2: expected another page")]
    [InlineData("\"just a string\"", "x.json:1: expected a JSON object, a JSON array or JSON lines")]
    public async Task ReadAsync_WhenTheStructureIsBroken_NamesFileLineAndOffset(string content, string expected)
    {
        var reader = new EventFileReader(new MemoryStream(Encoding.UTF8.GetBytes(content)), "x.json");

        var failure = await Assert.ThrowsAsync<EventFileFormatException>(() => ReadAllAsync(reader));

        Assert.StartsWith(expected, failure.Message, StringComparison.Ordinal);
        Assert.Contains("byte offset", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_WhenAnEventIsLargerThanTheLimit_Fails()
    {
        var big = Encoding.UTF8.GetBytes("[{\"x\":\"" + new string('a', 200_000) + "\"}]");
        var reader = new EventFileReader(new MemoryStream(big), "x.json", maxEventBytes: 100_000);

        var failure = await Assert.ThrowsAsync<EventFileFormatException>(() => ReadAllAsync(reader));

        Assert.Contains("longer than 100000 bytes", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_WhenAJsonLineIsLargerThanTheLimit_NamesFileLineAndOffset()
    {
        var lines = Encoding.UTF8.GetBytes("{\"a\":1}\n\n{\"x\":\"" + new string('a', 200_000) + "\"}\n{\"b\":2}\n");
        var reader = new EventFileReader(new TrickleStream(lines, 4096), "x.jsonl", maxEventBytes: 100_000);

        var failure = await Assert.ThrowsAsync<EventFileFormatException>(() => ReadAllAsync(reader));

        Assert.Equal(EventFileLayout.Lines, reader.Layout);
        Assert.StartsWith("x.jsonl:3: an event or line is longer than 100000 bytes (byte offset 9)", failure.Message, StringComparison.Ordinal);
    }

    internal static List<byte[]> Events()
    {
        var generator = new DropboxEventGenerator(new DropboxSimulatorOptions { EventCount = Count, Seed = 4, HostileEvery = 5 });
        return [.. Enumerable.Range(0, Count).Select(i => generator.GetEventJson(i).ToArray())];
    }

    internal static byte[] Build(string shape, IReadOnlyList<byte[]> events)
    {
        string Joined(string separator) => string.Join(separator, events.Select(Encoding.UTF8.GetString));
        var text = shape switch
        {
            "page" => $$"""{"events":[{{Joined(",")}}],"cursor":"c","has_more":false}""",
            "pretty-page" => "{\n  \"cursor\": \"c\",\n  \"has_more\": false,\n  \"events\": [\n    " + Joined(",\n    ") + "\n  ]\n}\n",
            "pages" => $$"""{"events":[{{string.Join(",", events.Take(150).Select(Encoding.UTF8.GetString))}}],"cursor":"c","has_more":true}""" + "\n"
                + $$"""{"events":[{{string.Join(",", events.Skip(150).Select(Encoding.UTF8.GetString))}}],"cursor":"d","has_more":false}""" + "\n",
            "box-page" => $$"""{"chunk_size":{{events.Count}},"next_stream_position":1152922976252290886,"entries":[{{Joined(",")}}]}""",
            "array" => "[\n" + Joined(",\n") + "\n]",
            "pretty-objects" => string.Concat(events.Select(e => Encoding.UTF8.GetString(Pretty(e)))),
            _ => Joined("\n") + "\n",
        };
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>An event written over several lines: a line break and indent after every brace, bracket and comma outside strings.</summary>
    internal static byte[] Pretty(byte[] compact)
    {
        var pretty = new List<byte>(compact.Length * 2);
        var inString = false;
        for (var i = 0; i < compact.Length; i++)
        {
            var b = compact[i];
            pretty.Add(b);
            if (inString)
            {
                if (b == (byte)'\\')
                {
                    pretty.Add(compact[++i]);
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }
            }
            else if (b == (byte)'"')
            {
                inString = true;
            }
            else if (b is (byte)'{' or (byte)'[' or (byte)',')
            {
                pretty.AddRange("\n  "u8.ToArray());
            }
        }

        pretty.Add((byte)'\n');
        return [.. pretty];
    }

    private static async Task<List<EventFileEntry>> ReadAllAsync(EventFileReader reader)
    {
        var entries = new List<EventFileEntry>();
        await foreach (var entry in reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            entries.Add(entry);
        }

        return entries;
    }

    // The content-id form: layout and whitespace do not matter, and it also takes escaped lone surrogates.
    private static string Canonical(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>();
        CanonicalJson.Write(document.RootElement, buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
