using System.Text;
using System.Text.Json;
using AuditBridge.Shell;
using AuditBridge.Simulators.Dropbox;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Tests.Cli;

public sealed class ConvertCommandTests
{
    [Fact]
    public async Task Convert_OfWhatAPullExported_GivesTheSameEventsWithTheSameIds()
    {
        await using var simulator = await DropboxSimulator.StartAsync(new DropboxSimulatorOptions { EventCount = 500, Seed = 9 }, new FakeTimeProvider(CliRunner.Now), TestContext.Current.CancellationToken);
        var pulled = await CliRunner.RunAsync(["pull", "dropbox", "--api-url", simulator.BaseUrl.ToString(), "--format", "json", "--quiet"], new Dictionary<string, string> { ["DROPBOX_ACCESS_TOKEN"] = "sim-access-token" });
        var rawLines = string.Join('\n', pulled.StdoutLines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("raw").GetRawText()));

        var converted = await CliRunner.RunAsync(["convert", "--vendor", "dropbox", "--format", "json", "--quiet"], standardInput: Encoding.UTF8.GetBytes(rawLines));

        Assert.Equal(ExitCodes.Success, converted.ExitCode);
        Assert.Equal(pulled.Stdout, converted.Stdout);
    }

    [Theory]
    [InlineData("page")]
    [InlineData("array")]
    [InlineData("lines")]
    public async Task Convert_ReadsPagesArraysAndLinesFromAFile(string shape)
    {
        using var directory = TempDirectory.ForCaller();
        File.WriteAllBytes(directory.Combine("export.json"), Export(shape, 25));

        var run = await CliRunner.RunAsync(["convert", "--vendor", "dropbox", "export.json", "--output", "out.cef"], workingDirectory: directory.Path);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(25, File.ReadAllLines(directory.Combine("out.cef")).Length);
        Assert.DoesNotContain("Event cursor", run.Stderr, StringComparison.Ordinal);
    }

    // A review found a pretty-printed single event read as 70 JSON lines: exit 11 at "byte offset 0", or with
    // --skip-invalid 0 records and "skipped 70 invalid events". It is one event.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Convert_APrettyPrintedSingleEvent_IsConvertedAsOneEvent(bool skipInvalid)
    {
        var box = """
            {
              "type": "event",
              "event_id": "d4c3b2a1-f6e5-4d87-9c0b-1a2b3c4d5e6f",
              "event_type": "LOGIN",
              "created_at": "2024-05-03T12:00:00Z",
              "created_by": {
                "type": "user",
                "id": "30087654321",
                "name": "Tomasz Wilk",
                "login": "t.wilk@northwind.example"
              },
              "ip_address": "203.0.113.9"
            }
            """;

        var run = await CliRunner.RunAsync(["convert", "--vendor", "box", "--format", "json", .. skipInvalid ? new[] { "--skip-invalid" } : []], standardInput: Encoding.UTF8.GetBytes(box));

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var line = Assert.Single(run.StdoutLines);
        Assert.Equal("d4c3b2a1-f6e5-4d87-9c0b-1a2b3c4d5e6f", System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("id").GetString());
        Assert.DoesNotContain("skipped", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Convert_WhenALineIsInvalid_ExitsElevenNamingTheLine_AndWithSkipInvalidCountsIt()
    {
        var lines = Encoding.UTF8.GetString(Export("lines", 3)).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        lines.Insert(1, "{\"timestamp\": \"yesterday\"}");
        var input = Encoding.UTF8.GetBytes(string.Join('\n', lines));

        var stopped = await CliRunner.RunAsync(["convert", "--vendor", "dropbox", "--quiet"], standardInput: input);
        var skipped = await CliRunner.RunAsync(["convert", "--vendor", "dropbox", "--skip-invalid"], standardInput: input);

        Assert.Equal(ExitCodes.InvalidInput, stopped.ExitCode);
        Assert.Contains("stdin:2: not a dropbox event: it has no valid 'timestamp' (byte offset", stopped.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, skipped.ExitCode);
        Assert.Equal(3, skipped.StdoutLines.Length);
        Assert.Contains("skipped 1 invalid events; the first: stdin:2:", skipped.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "convert", "--vendor", "slack" }, ExitCodes.Usage, "--vendor must be one of dropbox")]
    [InlineData(new[] { "convert", "--vendor", "dropbox", "no-such-file.json" }, ExitCodes.InvalidInput, "no-such-file.json: cannot open it")]
    [InlineData(new[] { "convert", "dropbox.json" }, ExitCodes.Usage, "--vendor")]
    public async Task Convert_WithBadArguments_ExitsWithAMessage(string[] args, int exitCode, string expected)
    {
        using var directory = TempDirectory.ForCaller();

        var run = await CliRunner.RunAsync(args, workingDirectory: directory.Path);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Convert_AsLeef_WritesOneRecordPerEventWithTheIdsAndTimesOfJson()
    {
        var input = Export("lines", 40);

        var leef = await CliRunner.RunAsync(["convert", "--vendor", "dropbox", "--format", "leef", "--leef-delimiter", "~", "--quiet"], standardInput: input);
        var json = await CliRunner.RunAsync(["convert", "--vendor", "dropbox", "--format", "json", "--quiet"], standardInput: input);

        Assert.True(leef.ExitCode == ExitCodes.Success, leef.ToString());
        var records = leef.StdoutLines.Select(LeefRecord.Parse).ToList();
        var events = json.StdoutLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(40, records.Count);
        Assert.All(records, r => Assert.Equal('~', r.Delimiter));
        Assert.Equal(
            events.Select(e => (e.GetProperty("id").GetString(), e.GetProperty("time").GetDateTimeOffset().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture))),
            records.Select(r => ((string?)r.Attributes["externalId"], r.Attributes["devTime"])));
    }

    /// <summary>
    /// One event per vendor with e-mail addresses, user names and IP addresses in its usual places and nested deep in its
    /// details (inside text, in arrays, in objects three levels down, as an endpoint), and what its indicators must be,
    /// in document order (docs/formats/indicators.md).
    /// </summary>
    public static TheoryData<string, string, string[]> DeepIndicatorEvents => new()
    {
        {
            "dropbox",
            """{"timestamp":"2024-05-03T10:41:07Z","event_category":{".tag":"sharing"},"actor":{".tag":"user","user":{".tag":"team_member","account_id":"dbid:A1","display_name":"Priya Raman","email":"Priya.Raman@Northwind.example"}},"origin":{"geo_location":{"ip_address":"203.0.113.44"},"access_method":{".tag":"end_user","end_user":{".tag":"web","session_id":"dbwsid:1"}}},"participants":[],"assets":[],"event_type":{".tag":"shared_content_add_member","description":"Added users to shared file"},"details":{".tag":"shared_content_add_member_details","audit":{"trail":[{"note":"approved by Security Desk <secdesk@northwind.example>.","relay":"[2001:DB8::5]:443","reviewer":{".tag":"non_team_member","display_name":"Ada Lovelace","account_id":"dbid:B2"}}]}}}""",
            ["Priya Raman", "priya.raman@northwind.example", "203.0.113.44", "secdesk@northwind.example", "2001:db8::5", "Ada Lovelace"]
        },
        {
            "box",
            """{"type":"event","event_id":"deep-1","event_type":"COLLABORATION_INVITE","created_at":"2024-05-03T03:41:07-07:00","created_by":{"type":"user","id":"300","name":"Priya Raman","login":"Priya.Raman@Northwind.example"},"source":{"type":"folder","id":"11","name":"Finance","owned_by":{"type":"user","id":"301","name":"Tomasz Wilk","login":"t.wilk@northwind.example"}},"accessible_by":{"type":"group","id":"9","name":"Finance Team"},"ip_address":"203.0.113.44","additional_details":{"audit":{"trail":[{"note":"approved by Security Desk <secdesk@northwind.example>.","relay":"[2001:DB8::5]:443","reviewer":{"type":"user","id":"302","name":"Ada Lovelace","login":"ada"}}]}}}""",
            ["Priya Raman", "priya.raman@northwind.example", "Tomasz Wilk", "t.wilk@northwind.example", "203.0.113.44", "secdesk@northwind.example", "2001:db8::5", "Ada Lovelace", "ada"]
        },
        {
            "dashlane",
            """{"uuid":"0b5c1e1e-0000-4000-8000-000000000001","team_id":1,"category":"item_usage","log_type":"user_copied_credential_field","date_time":1714728912004,"author_user_id":7,"properties":{"author_login":"Priya.Raman@Northwind.example","field":"password","credential_login":"admin","credential_domain":"github.com","audit":{"trail":[{"note":"approved by Security Desk <secdesk@northwind.example>.","relay":"[2001:DB8::5]:443","seen_from":"198.51.100.9"}]}},"author_client":{"version":"6.2544.0","platform":"server_cli"},"schema_version":"1.0.0"}""",
            ["priya.raman@northwind.example", "admin", "secdesk@northwind.example", "2001:db8::5", "198.51.100.9"]
        },
    };

    [Theory]
    [MemberData(nameof(DeepIndicatorEvents))]
    public async Task Convert_AsJson_ListsEveryEmailUserNameAndAddressFoundAnywhereInTheVendorEvent(string vendor, string vendorEvent, string[] expected)
    {
        var run = await CliRunner.RunAsync(["convert", "--vendor", vendor, "--format", "json", "--quiet"], standardInput: Encoding.UTF8.GetBytes(vendorEvent + "\n"));

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var indicators = JsonDocument.Parse(Assert.Single(run.StdoutLines)).RootElement.GetProperty("indicators");
        Assert.Equal(expected, indicators.EnumerateArray().Select(i => i.GetString()));
    }

    private static byte[] Export(string shape, int count)
    {
        var generator = new DropboxEventGenerator(new DropboxSimulatorOptions { EventCount = count, Seed = 2 });
        var events = Enumerable.Range(0, count).Select(i => Encoding.UTF8.GetString(generator.GetEventJson(i).Span)).ToList();
        var text = shape switch
        {
            "page" => $$"""{"events":[{{string.Join(',', events)}}],"cursor":"c","has_more":false}""",
            "array" => "[" + string.Join(",\n", events) + "]",
            _ => string.Join('\n', events) + "\n",
        };
        return Encoding.UTF8.GetBytes(text);
    }
}
