using System.Buffers;
using System.Text;
using System.Text.Json;
using AuditBridge.Formats;
using AuditBridge.Journal.Sqlite;
using AuditBridge.Secrets;
using AuditBridge.Simulators.Box;
using AuditBridge.Simulators.Dashlane;
using AuditBridge.Simulators.Dropbox;
using AuditBridge.Sources;
using AuditBridge.Sources.Box;
using AuditBridge.Sources.Dashlane;
using AuditBridge.Sources.Dropbox;
using AuditBridge.Sources.Http;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Http;
using AuditBridge.TestKit.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuditBridge.Connectors.Tests.Sources.Poison;

/// <summary>
/// The fuzz proof that one bad event never stops a tenant: every string, number and member name of simulator events of
/// each vendor is mutated (<see cref="JsonMutations"/>), the mutated events are served between untouched ones through
/// the real source (over HTTP for Dropbox and Box, from a file for Dashlane), every page is stored in a real SQLite
/// journal, and every stored event is formatted as CEF, LEEF, JSON and CSV. Nothing may throw; every untouched event
/// arrives exactly once; every mutated one is mapped, quarantined or dropped as a repeat of another.
/// </summary>
public sealed class VendorFuzzTests : IDisposable
{
    // Mutated events per page, and untouched events placed among them.
    private const int MutatedPerPage = 40;
    private const int UntouchedPerPage = 10;

    private static readonly DateTimeOffset Now = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly IEventFormatter[] Formatters = [.. EventFormatters.Names.Select(name => EventFormatters.Create(name, VendorProducts.All))];

    private readonly TempDirectory _directory = TempDirectory.ForCaller();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Dropbox_OverTwentyThousandMutatedEvents_NothingThrowsAndEveryOtherEventIsDelivered()
    {
        var generator = new DropboxEventGenerator(new DropboxSimulatorOptions { EventCount = 100_000, Seed = 5, HostileEvery = 9 });
        var mutated = Mutate(Enumerable.Range(0, 56).Select(i => generator.GetEventJson(i * 97).ToArray()));
        var pages = Pages(mutated, i => generator.GetEventJson(50_000 + i).ToArray());
        await using var server = await FakeSaasServer.StartAsync(app =>
        {
            app.MapPost("/2/team_log/get_events", () => DropboxPage(pages, 0));
            app.MapPost("/2/team_log/get_events/continue", async (HttpRequest request) =>
            {
                using var body = await JsonDocument.ParseAsync(request.Body);
                return DropboxPage(pages, int.Parse(body.RootElement.GetProperty("cursor").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            });
        }, TestContext.Current.CancellationToken);
        using var source = (IDisposable)DropboxSourceFactory.Create(
            new DropboxSourceOptions
            {
                ApiUrl = server.BaseUrl,
                OAuthUrl = server.BaseUrl,
                Credentials = new DropboxCredentials { AccessToken = new Secret("fuzz-access-token", "test") },
                Query = new DropboxQuery(),
                Http = new VendorHttpOptions { MaxAttempts = 1 },
            },
            new HttpClient(),
            static (_, _) => 5,
            new FakeTimeProvider(Now, autoAdvance: true),
            NullLoggerFactory.Instance,
            new SecretRedactor());

        await ProveAsync("dropbox", (ISource)source, pages, mutated.Count, 20_000, untouched => untouched.Select(json => Parse(json, DropboxEventMapper.ContentId)));
    }

    [Fact]
    public async Task Box_OverTwentyThousandMutatedEvents_NothingThrowsAndEveryOtherEventIsDelivered()
    {
        var generator = new BoxEventGenerator(new BoxSimulatorOptions { EventCount = 100_000, Seed = 5, HostileEvery = 9 });
        // Box's id is event_id: each mutated event gets its own (unless the mutation is on it), so none is a repeat of another.
        var mutated = Mutate(Enumerable.Range(0, 60).Select(i => generator.GetEventJson(i * 89).ToArray()), "event_id");
        var pages = Pages(mutated, i => generator.GetEventJson(50_000 + i).ToArray());
        await using var server = await FakeSaasServer.StartAsync(
            app => app.MapGet("/2.0/events", (HttpRequest request) =>
            {
                var position = request.Query["stream_position"].ToString();
                return BoxPage(pages, position.Length == 0 ? 0 : int.Parse(position, System.Globalization.CultureInfo.InvariantCulture));
            }),
            TestContext.Current.CancellationToken);
        using var source = (IDisposable)BoxSourceFactory.Create(
            new BoxSourceOptions
            {
                ApiUrl = server.BaseUrl,
                Credentials = BoxCredentials.FromDeveloperToken(new Secret("fuzz-developer-token", "test")),
                Http = new VendorHttpOptions { MaxAttempts = 1 },
            },
            new HttpClient(),
            static (_, _) => 5,
            new FakeTimeProvider(Now, autoAdvance: true),
            NullLoggerFactory.Instance,
            new SecretRedactor());

        await ProveAsync("box", (ISource)source, pages, mutated.Count, 20_000, untouched => untouched.Select(json => Parse(json, e => e.GetProperty("event_id").GetString()!)));
    }

    [Fact]
    public async Task Dashlane_OverTenThousandMutatedLogs_NothingThrowsAndEveryOtherLogIsDelivered()
    {
        var logs = DashlaneLogGenerator.Generate(new DashlaneLogGeneratorOptions { Count = 8_000, Seed = 5, HostileEvery = 7 });
        var mutated = Mutate(logs.Take(80).Select(l => Encoding.UTF8.GetBytes(l.Line)), "uuid");
        var pages = Pages(mutated, i => Encoding.UTF8.GetBytes(logs[2_000 + i].Line));
        var path = _directory.Combine("logs.jsonl");
        await using (var file = File.Create(path))
        {
            foreach (var line in pages.SelectMany(p => p.All))
            {
                file.Write(line);
                file.WriteByte((byte)'\n');
            }
        }

        var source = DashlaneSourceFactory.Create(
            new DashlaneSourceOptions { InputPath = path },
            static (_, _) => 5,
            new FakeTimeProvider(Now),
            NullLoggerFactory.Instance,
            new SecretRedactor());

        await ProveAsync("dashlane", source, pages, mutated.Count, 10_000, untouched => untouched.Select(json => Parse(json, e => DashlaneEventMapper.IdPrefix + e.GetProperty("uuid").GetString())));
    }

    /// <summary>Reads the source to its end, stores and formats everything, and checks the accounts.</summary>
    private async Task ProveAsync(string vendor, ISource source, List<Page> pages, int mutatedCount, int atLeast, Func<IEnumerable<byte[]>, IEnumerable<string>> untouchedIds)
    {
        Assert.True(mutatedCount >= atLeast, $"{mutatedCount} mutated events, fewer than the {atLeast} the test's name promises");
        var untouched = pages.SelectMany(p => p.Untouched).ToList();
        var mutatedBytes = pages.SelectMany(p => p.Mutated).Select(Convert.ToHexString).ToHashSet(StringComparer.Ordinal);
        await using var journal = await SqliteJournalFactory.OpenAsync(new SqliteJournalOptions { Path = _directory.Combine(vendor + ".db") }, new FakeTimeProvider(Now), TestContext.Current.CancellationToken);

        var read = new List<SourcePage>();
        var stored = 0;
        await foreach (var page in source.ReadAsync(null, TestContext.Current.CancellationToken))
        {
            read.Add(page);
            stored += (await journal.AppendAsync(vendor, page, Now, TestContext.Current.CancellationToken)).Inserted;
        }

        var events = read.SelectMany(p => p.Events).ToList();
        var quarantined = read.SelectMany(p => p.Quarantined).ToList();
        var repeats = read.Sum(p => p.DuplicatesDropped);
        var entries = await journal.ReadAsync(0, 1_000_000, TestContext.Current.CancellationToken);

        // Every mutated event was mapped, quarantined, or dropped as a repeat of another (by the source's window or
        // the journal: mutations that leave the id and time alone repeat their original); every untouched event is
        // stored exactly once.
        Assert.Equal(mutatedCount + untouched.Count, events.Count + quarantined.Count + repeats);
        Assert.Equal(stored, entries.Count);
        Assert.All(quarantined, q => Assert.Contains(Convert.ToHexString(q.Raw.Span), mutatedBytes));
        var times = entries.GroupBy(e => e.Event.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var expected = untouchedIds(untouched).ToList();
        Assert.Equal(expected.Count, expected.Distinct(StringComparer.Ordinal).Count());
        Assert.All(expected, id => Assert.Equal(1, times.GetValueOrDefault(id)));

        // Every stored event formats in every format as one record.
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        foreach (var entry in entries)
        {
            foreach (var formatter in Formatters)
            {
                buffer.ResetWrittenCount();
                formatter.Format(entry.Event, buffer);
                var record = buffer.WrittenSpan;
                if (formatter.Name != "csv")
                {
                    Assert.True(record.IndexOfAny((byte)'\n', (byte)'\r') < 0, $"a {formatter.Name} record of {entry.Event.Id} holds a raw line break");
                }

                if (formatter.Name == "json")
                {
                    using var parsed = JsonDocument.Parse(buffer.WrittenMemory);
                    Assert.Equal(entry.Event.Id, parsed.RootElement.GetProperty("id").GetString());
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{vendor}: {mutatedCount} mutated events among {untouched.Count} untouched ones in {pages.Count} pages: {events.Count - untouched.Count} mutated ones mapped, " +
            $"{quarantined.Count} quarantined, {repeats + events.Count - stored} dropped as repeats; every untouched event stored once; {stored} stored events formatted 4 ways");
    }

    private static List<byte[]> Mutate(IEnumerable<byte[]> events) => [.. events.SelectMany(e => JsonMutations.Of(e).Select(m => m.Json))];

    /// <summary>The mutations, each with a fresh value of the string member <paramref name="idMember"/> wherever the mutation left it as it was.</summary>
    private static List<byte[]> Mutate(IEnumerable<byte[]> events, string idMember)
    {
        var mutated = new List<byte[]>();
        foreach (var original in events)
        {
            using var document = JsonDocument.Parse(original);
            var id = Encoding.UTF8.GetBytes($"\"{idMember}\":{document.RootElement.GetProperty(idMember).GetRawText()}");
            foreach (var (_, json) in JsonMutations.Of(original))
            {
                var at = json.AsSpan().IndexOf(id);
                var fresh = Encoding.UTF8.GetBytes($"\"{idMember}\":\"fuzz-{mutated.Count:D6}\"");
                mutated.Add(at < 0 ? json : [.. json.AsSpan(0, at), .. fresh, .. json.AsSpan(at + id.Length)]);
            }
        }

        return mutated;
    }

    /// <summary>Pages of <see cref="MutatedPerPage"/> mutated events followed by <see cref="UntouchedPerPage"/> fresh untouched ones.</summary>
    private static List<Page> Pages(List<byte[]> mutated, Func<int, byte[]> untouched) =>
        [.. mutated.Chunk(MutatedPerPage).Select((chunk, i) => new Page(chunk, [.. Enumerable.Range(i * UntouchedPerPage, UntouchedPerPage).Select(untouched)]))];

    private static IResult DropboxPage(List<Page> pages, int index)
    {
        var body = new MemoryStream();
        body.Write("{\"events\":["u8);
        Join(body, pages[index].All);
        body.Write(Encoding.UTF8.GetBytes($"],\"cursor\":\"{index + 1}\",\"has_more\":{(index + 1 < pages.Count ? "true" : "false")}}}"));
        return Results.Bytes(body.ToArray(), "application/json");
    }

    private static IResult BoxPage(List<Page> pages, int index)
    {
        var body = new MemoryStream();
        body.Write("{\"entries\":["u8);
        if (index < pages.Count)
        {
            Join(body, pages[index].All);
        }

        body.Write(Encoding.UTF8.GetBytes($"],\"next_stream_position\":\"{Math.Min(index + 1, pages.Count)}\"}}"));
        return Results.Bytes(body.ToArray(), "application/json");
    }

    private static void Join(MemoryStream body, byte[][] events)
    {
        for (var i = 0; i < events.Length; i++)
        {
            if (i > 0)
            {
                body.WriteByte((byte)',');
            }

            body.Write(events[i]);
        }
    }

    private static string Parse(byte[] json, Func<JsonElement, string> id)
    {
        using var document = JsonDocument.Parse(json);
        return id(document.RootElement);
    }

    /// <summary>One served page: the mutated events, then the untouched ones.</summary>
    private sealed record Page(byte[][] Mutated, byte[][] Untouched)
    {
        public byte[][] All { get; } = [.. Mutated, .. Untouched];
    }
}
