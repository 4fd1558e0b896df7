namespace AuditBridge.Simulators.Box;

/// <summary>
/// The deterministic people, groups, folders, files and apps events refer to, with their JSON fragments serialised once,
/// so generating an event mostly copies bytes. Ids look like Box's: 11-digit user ids, 12-digit folder and 13-digit file ids.
/// </summary>
internal sealed class BoxDatasetPools
{
    public const int EnterpriseUserCount = 40;
    public const int AdminCount = 4;
    public const int ExternalUserCount = 8;

    private static readonly string[] FirstNames =
    [
        "Priya", "Tomasz", "Jonas", "Amélie", "Kenji", "Fatima", "Lucas", "Chloé", "Oluwaseun", "Mateo",
        "Ingrid", "Wei", "Sofia", "Rahul", "Hannah", "Diego", "Aisha", "Björn", "Mei", "Noah",
    ];

    private static readonly string[] LastNames =
    [
        "Raman", "Wilk", "Berg", "Dubois", "Tanaka", "Haddad", "Silva", "Müller", "Adeyemi", "García",
        "Johansson", "Zhang", "Rossi", "Iyer", "Schmidt", "Fernández", "Khan", "Lindqvist", "Chen", "O'Brien",
    ];

    private static readonly string[] ExternalDomains = ["contoso.example", "fabrikam.example", "partner.example", "mail.example"];

    private static readonly string[] GroupNames =
    [
        "Finance", "Engineering", "Marketing", "Legal", "Human Resources", "Sales EMEA", "Design", "Executives", "All Staff", "Contractors",
    ];

    private static readonly string[][] FolderPaths =
    [
        ["Finance", "Q2"], ["Finance", "Audit 2024"], ["Engineering", "Specs"], ["Marketing", "Campaigns"],
        ["Legal", "Contracts"], ["HR", "Onboarding"], ["Sales", "Proposals"], ["Shared", "Board"],
    ];

    private static readonly string[] FileNames =
    [
        "forecast-v3.xlsx", "roadmap.docx", "logo final (2).png", "contract-signed.pdf", "notes.txt", "board-deck.pptx",
    ];

    private static readonly (string Name, string Url)[] WebLinks =
    [
        ("Partner portal", "https://partner.example/portal"), ("Status page", "https://status.example/"), ("Benefits", "https://hr.example/benefits"),
    ];

    public BoxDatasetPools(int seed)
    {
        var key = DeterministicHash.KeyFor(seed, 0x426F78506F6F6C);
        var users = new List<BoxUser>();
        for (var i = 0; i < EnterpriseUserCount + ExternalUserCount; i++)
        {
            var hash = DeterministicHash.Of(key, i);
            var first = FirstNames[(i + DeterministicHash.Low(hash, 3)) % FirstNames.Length];
            var last = LastNames[(i * 7 + DeterministicHash.High(hash, 5)) % LastNames.Length];
            var domain = i < EnterpriseUserCount ? "northwind.example" : ExternalDomains[i % ExternalDomains.Length];
            var id = (30_000_000_000L + (long)(hash % 9_000_000_000UL)).ToString(CultureInfo.InvariantCulture);
            users.Add(new BoxUser(id, $"{first} {last}", $"{Ascii(first)}.{Ascii(last)}{i}@{domain}"));
        }

        Users = [.. users];
        ServiceAccounts =
        [
            new BoxUser("30000000021", "Northwind SIEM Export", "AutomationUser_1083241_Xk7Tq2mPzA@boxdevedition.com"),
            new BoxUser("30000000022", "Contoso Backup Connector", "AutomationUser_1099370_bQ9wErT5yU@boxdevedition.com"),
        ];
        UserJson = [.. Users.Select(UserMini)];
        ServiceAccountJson = [.. ServiceAccounts.Select(UserMini)];
        AnonymousJson = UserMini(new BoxUser("2", "Unknown User", string.Empty));

        Groups = [.. GroupNames.Select((name, i) => (Id: (11_446_000_000L + (i * 7_919L)).ToString(CultureInfo.InvariantCulture), Name: name))];
        GroupJson = [.. Groups.Select(g => SimulatorJson.Fragment(w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "group");
            w.WriteString("id", g.Id);
            w.WriteString("name", g.Name);
            w.WriteEndObject();
        }))];

        Folders = [.. FolderPaths.Select((path, i) => new BoxFolder(
            (251_188_000_000L + (i * 104_729L)).ToString(CultureInfo.InvariantCulture),
            path[^1],
            [("0", "All Files"), .. path.Select((name, depth) => ((251_100_000_000L + (i * 1_000L) + depth).ToString(CultureInfo.InvariantCulture), name))]))];
        FileNamesPool = FileNames;
        WebLinkPool = WebLinks;
    }

    /// <summary>Enterprise users (the first <see cref="AdminCount"/> are admins), then external users.</summary>
    public BoxUser[] Users { get; }

    public BoxUser[] ServiceAccounts { get; }

    public byte[][] UserJson { get; }

    public byte[][] ServiceAccountJson { get; }

    public byte[] AnonymousJson { get; }

    public (string Id, string Name)[] Groups { get; }

    public byte[][] GroupJson { get; }

    public BoxFolder[] Folders { get; }

    public string[] FileNamesPool { get; }

    public (string Name, string Url)[] WebLinkPool { get; }

    public static byte[] UserMini(BoxUser user) => SimulatorJson.Fragment(w => WriteUserMini(w, user.Id, user.Name, user.Login));

    public static void WriteUserMini(Utf8JsonWriter writer, string id, string name, string login)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "user");
        writer.WriteString("id", id);
        writer.WriteString("name", name);
        writer.WriteString("login", login);
        writer.WriteEndObject();
    }

    private static string Ascii(string name) => string.Concat(name.Normalize(System.Text.NormalizationForm.FormD)
        .Where(static c => char.IsAsciiLetter(c))).ToLowerInvariant();
}
