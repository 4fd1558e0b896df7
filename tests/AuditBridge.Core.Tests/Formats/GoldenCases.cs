using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AuditBridge.Events;
using AuditBridge.TestKit;

namespace AuditBridge.Core.Tests.Formats;

/// <summary>
/// Named, fully deterministic events every formatter is checked against (golden files
/// <c>Golden/&lt;case&gt;.&lt;format&gt;</c>). Fixed ids and times: nothing may depend on test order.
/// </summary>
internal static class GoldenCases
{
    /// <summary>Case names for <see cref="Some.HostileStrings"/>, in the same order.</summary>
    public static readonly string[] HostileNames =
    [
        "pipe", "equals", "backslash", "lf", "cr-crlf", "tab", "forged-cef", "forged-syslog",
        "non-ascii", "quotes", "spaces", "leading-equals", "escaped-looking", "long-5000",
        "unicode-line-breaks",
    ];

    public static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly Principal Member = new(PrincipalKind.User, "dbmid:AAC9dE8fG7hI6jK5lM4nO3pQ2rS1tU0vW9x", "t.wilk@northwind.example", "Tomasz Wilk");
    private static readonly Principal OtherMember = new(PrincipalKind.User, "dbmid:AAD1aB2cC3dD4eE5fF6gG7hH8iI9jJ0kK1l", "a.nowak@northwind.example", "Anna Nowak");

    private static readonly Dictionary<string, Func<AuditEvent>> Cases = Build();

    public static IReadOnlyList<string> Names { get; } = [.. Cases.Keys];

    public static AuditEvent Get(string name) => Cases[name]();

    /// <summary>A Dropbox event with every field set; every argument replaces one field (null really means null).</summary>
    public static AuditEvent Event(
        string id = "dbx:5f1c2a9e0b7d4c3a",
        string vendor = "dropbox",
        string category = "file_operations",
        string action = "file_download",
        Optional<string?> description = default,
        Optional<Principal?> actor = default,
        Optional<Principal?> target = default,
        Optional<string?> ip = default,
        IReadOnlyList<EventObject>? objects = null,
        EventOutcome outcome = EventOutcome.Unknown,
        int severity = 3,
        IReadOnlyList<EventSection>? sections = null,
        IReadOnlyList<string>? indicators = null,
        string? raw = null,
        DateTimeOffset? received = null,
        GeoLocation? geo = null) => new()
        {
            Id = id,
            Vendor = vendor,
            Source = "acme-" + vendor,
            Time = new DateTimeOffset(2024, 5, 3, 10, 41, 7, 123, TimeSpan.Zero),
            Received = received,
            Category = category,
            Action = action,
            Description = description.Or("Downloaded files and/or folders"),
            Actor = actor.Or(Member),
            Target = target.Or(OtherMember),
            Ip = ip.Or("198.51.100.23"),
            Geo = geo ?? new GeoLocation("Warsaw", "Mazowieckie", "PL"),
            Objects = objects ?? [new EventObject("file", "forecast-v3.xlsx", "/Finance/Q2/forecast-v3.xlsx", "id:Yk3mP0qR8sTAAAAAAAABcw")],
            Outcome = outcome,
            Severity = severity,
            Sections = sections ?? DefaultSections(),
            Indicators = indicators ?? ["t.wilk@northwind.example", "198.51.100.23"],
            Raw = Encoding.UTF8.GetBytes(raw ?? """{"timestamp":"2024-05-03T10:41:07Z","event_category":{".tag":"file_operations"},"event_type":{".tag":"file_download","description":"Downloaded files and/or folders"}}"""),
        };

    public static EventSection[] DefaultSections() =>
    [
        Some.Section("details", "Details", """{".tag":"file_download_details","note":"line1\nline2 = \"quoted\" \\ back"}"""),
        Some.Section("actor", "Actor", """{".tag":"user","user":{".tag":"team_member","email":"t.wilk@northwind.example","display_name":"Tomasz Wilk"}}"""),
        Some.Section("origin", "Origin", """{"geo_location":{"city":"Warsaw","country":"PL","ip_address":"198.51.100.23"},"access_method":{".tag":"end_user"}}"""),
        Some.Section("assets", "Assets", """[{".tag":"file","display_name":"forecast-v3.xlsx","path":{"contextual":"/Finance/Q2/forecast-v3.xlsx"}}]"""),
    ];

    /// <summary>The JSON text of <paramref name="value"/> as a JSON string, non-ASCII kept readable.</summary>
    public static string JsonString(string value) => JsonSerializer.Serialize(value, RelaxedJson);

    /// <summary>The event of a hostile golden case: the string in every free-text field at once.</summary>
    public static AuditEvent Hostile(string value) => Event(
        id: "dbx:hostile",
        category: value,
        description: value,
        actor: new Principal(PrincipalKind.User, "dbmid:hostile-actor", value, value),
        target: new Principal(PrincipalKind.User, value, null, value),
        objects: [new EventObject("file", value, "/Shared/" + value, value)],
        sections:
        [
            Some.Section("details", value, "{\"value\":" + JsonString(value) + "}"),
            Some.Section("actor", "Actor", """{".tag":"user"}"""),
        ],
        indicators: [value],
        raw: "{\"note\":" + JsonString(value) + "}");

    private static Dictionary<string, Func<AuditEvent>> Build()
    {
        var cases = new Dictionary<string, Func<AuditEvent>>(StringComparer.Ordinal)
        {
            ["actor-user"] = () => Event(),
            ["actor-admin"] = () => Event(
                category: "members",
                action: "member_change_admin_role",
                description: "Changed team member admin role",
                actor: new Principal(PrincipalKind.Admin, "dbmid:AAE2admin000000000000000000000000000", "it-admin@northwind.example", "IT Admin"),
                objects: [],
                severity: 9,
                sections: [Some.Section("details", "Details", """{".tag":"member_change_admin_role_details","new_value":{".tag":"team_admin"},"previous_value":{".tag":"member_only"}}""")]),
            ["actor-app"] = () => Event(actor: new Principal(PrincipalKind.App, "dbaid:AAB0backupconnector", null, "Backup Connector")),
            ["actor-reseller"] = () => Event(
                category: "team_profile",
                action: "team_profile_change_name",
                description: "Changed team name",
                actor: new Principal(PrincipalKind.Reseller, "rsl:42", "partner@reseller.example", "Reseller Partner"),
                target: null,
                objects: [],
                severity: 5),
            ["actor-system"] = () => Event(
                category: "sharing",
                action: "shared_link_remove_expiry",
                description: "Removed shared link expiration date",
                actor: new Principal(PrincipalKind.System, null, null, "Dropbox"),
                ip: null,
                severity: 4),
            ["actor-anonymous"] = () => Event(
                category: "sharing",
                action: "shared_link_view",
                description: "Opened shared link",
                actor: new Principal(PrincipalKind.Anonymous),
                target: null,
                severity: 4),
            ["actor-group"] = () => Event(
                category: "groups",
                action: "group_add_member",
                description: "Added team members to group",
                actor: new Principal(PrincipalKind.Group, "g:1a2b3c4d5e6f", null, "Finance Team"),
                objects: [],
                severity: 5),
            ["actor-team"] = () => Event(
                category: "team_policies",
                action: "sharing_change_link_policy",
                description: "Changed whether members can share links outside team",
                actor: new Principal(PrincipalKind.Team, "dbtid:AAAnorthwind", null, "Northwind"),
                target: null,
                objects: [],
                severity: 9),
            ["no-actor"] = () => Event(actor: null, target: null),
            ["ipv6"] = () => Event(ip: "2001:db8:85a3::8a2e:370:7334"),
            ["ipv4-mapped"] = () => Event(ip: "::ffff:198.51.100.7"),
            ["ip-invalid"] = () => Event(ip: "Unknown IP"),
            ["no-objects"] = () => Event(objects: []),
            ["no-sections"] = () => Event(sections: []),
            ["empty-sections"] = () => Event(sections:
            [
                Some.Section("details", "Details", "null"),
                Some.Section("actor", "Actor", "{}"),
                Some.Section("origin", "Origin", "[]"),
                Some.Section("assets", "Assets", """[{".tag":"file"}]"""),
            ]),
            ["seven-sections"] = () => Event(sections:
            [
                .. DefaultSections(),
                Some.Section("context", "Context", """{".tag":"team_member","email":"a.nowak@northwind.example"}"""),
                Some.Section("participants", "Participants", """[{".tag":"user"}]"""),
                Some.Section("extra", "Extra", """{"dropped":true}"""),
            ]),
            ["long-id"] = () => Event(id: "dbx:9c4f0e3b7a1d52e8f6c0b9a7d3e1f5c2a8b6d4e0f2c7a9b1d3e5f7a0c2e4b6d8"),
            ["truncation"] = () => Event(
                description: new string('d', 520),
                objects: [new EventObject("file", new string('n', 1021) + "😀.txt", "/" + new string('p', 1100), "id:x")],
                sections: [Some.Section("details", "Details", "{\"small\":\"kept\",\"big\":\"" + new string('b', 4100) + "\"}")]),
            ["failure-outcome"] = () => Event(
                category: "logins",
                action: "login_fail",
                description: "Failed to sign in",
                target: null,
                objects: [],
                outcome: EventOutcome.Failure,
                severity: 6),
            ["success-outcome"] = () => Event(
                category: "logins",
                action: "login_success",
                description: "Signed in",
                target: null,
                objects: [],
                outcome: EventOutcome.Success,
                severity: 6),
            ["no-description"] = () => Event(description: null),
            ["received"] = () => Event(received: new DateTimeOffset(2024, 5, 3, 10, 45, 0, 9, TimeSpan.Zero)),
            ["box"] = () => Event(
                id: "box:1152922976252290886",
                vendor: "box",
                category: "file",
                action: "DOWNLOAD",
                description: "Downloaded",
                actor: new Principal(PrincipalKind.User, "16751334", "j.doe@northwind.example", "Jane Doe"),
                target: null,
                objects: [new EventObject("file", "budget.xlsx", null, "1234567890")],
                sections: [Some.Section("additional_details", "Additional details", """{"size":1024,"version_id":"987"}""")],
                raw: """{"type":"event","event_id":"1152922976252290886","event_type":"DOWNLOAD"}"""),
            ["dashlane"] = () => Event(
                id: "dashlane:8f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
                vendor: "dashlane",
                category: "authentication",
                action: "user_device_added",
                description: "A device was added",
                actor: new Principal(PrincipalKind.User, null, "j.doe@northwind.example", null),
                target: null,
                ip: null,
                objects: [],
                sections: [Some.Section("properties", "Properties", """{"device_name":"Laptop"}""")],
                raw: """{"uuid":"8f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b","log_type":"user_device_added"}"""),
            ["unknown-vendor"] = () => Event(
                id: "auditbridge:alert:1",
                vendor: "auditbridge",
                category: "alerts",
                action: "source_silent",
                description: "Source produced no events for 2 hours",
                actor: new Principal(PrincipalKind.System, null, null, "AuditBridge"),
                target: null,
                ip: null,
                objects: [],
                sections: [],
                severity: 7,
                raw: """{"rule":"drop-off","source":"acme-dropbox"}"""),
            ["severity-out-of-range"] = () => Event(severity: 42),

            // Valid JSON may hold NEL, LS and PS raw inside a string (only U+0000..U+001F must be escaped); vendor JSON
            // reaches a section as it came.
            ["raw-line-breaks-in-json"] = () => Event(sections:
            [
                Some.Section("details", "Details", "{\"note\":\"nel\u0085ls\u2028ps\u2029=\\\\end\"}"),
                Some.Section("actor", "Actor", "[\"\u2028\"]"),
            ]),
        };

        for (var i = 0; i < HostileNames.Length; i++)
        {
            var value = Some.HostileStrings[i];
            cases["hostile-" + HostileNames[i]] = () => Hostile(value);
        }

        return cases;
    }
}
