using System.Text;
using AuditBridge.Events;

namespace AuditBridge.TestKit;

/// <summary>Object mother: realistic normalized events and values for tests (Serilog's <c>Some</c>).</summary>
public static class Some
{
    private static int _counter;

    public static readonly DateTimeOffset Instant = new(2024, 5, 3, 10, 41, 7, TimeSpan.Zero);

    public static string Id() => $"dbx:{Interlocked.Increment(ref _counter):x64}";

    /// <summary>A Dropbox file download by a team member, with every field filled.</summary>
    public static AuditEvent Event(
        string? id = null,
        string vendor = "dropbox",
        string category = "file_operations",
        string action = "file_download",
        string? description = "Downloaded files and/or folders",
        Principal? actor = null,
        Principal? target = null,
        string? ip = "198.51.100.23",
        IReadOnlyList<EventObject>? objects = null,
        EventOutcome outcome = EventOutcome.Unknown,
        int severity = 3,
        DateTimeOffset? time = null,
        IReadOnlyList<EventSection>? sections = null,
        string? raw = null)
    {
        actor ??= new Principal(PrincipalKind.User, "dbmid:AAC9dE8fG7hI6jK5lM4nO3pQ2rS1tU0vW9x", "t.wilk@northwind.example", "Tomasz Wilk");
        target ??= actor;
        objects ??= [new EventObject("file", "forecast-v3.xlsx", "/Finance/Q2/forecast-v3.xlsx", "id:Yk3mP0qR8sTAAAAAAAABcw")];
        sections ??=
        [
            Section("details", "Details", """{".tag":"file_download_details"}"""),
            Section("actor", "Actor", """{".tag":"user","user":{".tag":"team_member","email":"t.wilk@northwind.example"}}"""),
            Section("origin", "Origin", """{"geo_location":{"city":"Warsaw","country":"PL","ip_address":"198.51.100.23"}}"""),
            Section("assets", "Assets", """[{".tag":"file","display_name":"forecast-v3.xlsx"}]"""),
        ];
        return new AuditEvent
        {
            Id = id ?? Id(),
            Vendor = vendor,
            Source = vendor,
            Time = time ?? Instant,
            Category = category,
            Action = action,
            Description = description,
            Actor = actor,
            Target = target,
            Ip = ip,
            Geo = new GeoLocation("Warsaw", null, "PL"),
            Objects = objects,
            Outcome = outcome,
            Severity = severity,
            Sections = sections,
            Raw = Encoding.UTF8.GetBytes(raw ?? """{"timestamp":"2024-05-03T10:41:07Z","event_type":{".tag":"file_download"}}"""),
        };
    }

    public static EventSection Section(string name, string label, string json) => new(name, label, Encoding.UTF8.GetBytes(json));

    /// <summary>Strings that break naive encoders: each must survive every format and transport unchanged.</summary>
    public static IReadOnlyList<string> HostileStrings { get; } =
    [
        "pipe | in the middle",
        "equals = sign and key=value",
        @"back\slash and trailing\",
        "line1\nline2",
        "carriage\rreturn and CRLF\r\nend",
        "tab\tinside",
        "x|CEF:0|Forged|Product|1|forged|Forged|10|src=6.6.6.6 suser=attacker",
        "<14>1 2024-05-03T10:41:07Z forged host - - - CEF:0|Forged|P|1|x|y|10|",
        "non-ASCII: é ü ß 日本語 🔐",
        "\"quotes\" and 'apostrophes' and {json: [1]}",
        "   leading and trailing spaces   ",
        "=starts with equals",
        "\\=already escaped looking\\n",
        new string('x', 5000),
        "unicode line breaks: nel\u0085ls\u2028ps\u2029=10 and vt\u000bff\u000c end",
    ];
}
