namespace AuditBridge.Simulators.Dropbox;

/// <summary>
/// The deterministic people, groups, apps, places and files events refer to, with their JSON fragments
/// serialised once, so generating an event mostly copies bytes.
/// </summary>
internal sealed class DatasetPools
{
    public const int TeamMemberCount = 50;
    public const int NonTeamMemberCount = 8;
    public const int TrustedNonTeamMemberCount = 4;
    public const int AccountCount = TeamMemberCount + NonTeamMemberCount + TrustedNonTeamMemberCount;
    public const int FirstNonTeamMember = TeamMemberCount;
    public const int FirstTrustedNonTeamMember = TeamMemberCount + NonTeamMemberCount;

    /// <summary>Team members 0..AdminCount-1 are the team's admins.</summary>
    public const int AdminCount = 6;

    private const string IdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly (string Display, string Ascii)[] FirstNames =
    [
        ("Priya", "priya"), ("Tomasz", "tomasz"), ("Jonas", "jonas"), ("Amélie", "amelie"), ("Kenji", "kenji"),
        ("Fatima", "fatima"), ("Lucas", "lucas"), ("Chloé", "chloe"), ("Oluwaseun", "oluwaseun"), ("Mateo", "mateo"),
        ("Ingrid", "ingrid"), ("Wei", "wei"), ("Sofia", "sofia"), ("Rahul", "rahul"), ("Hannah", "hannah"),
        ("Diego", "diego"), ("Aisha", "aisha"), ("Björn", "bjorn"), ("Mei", "mei"), ("Noah", "noah"),
        ("Zanele", "zanele"), ("Olivia", "olivia"), ("Yusuf", "yusuf"), ("Elena", "elena"), ("Marcus", "marcus"),
    ];

    private static readonly (string Display, string Ascii)[] LastNames =
    [
        ("Raman", "raman"), ("Wilk", "wilk"), ("Berg", "berg"), ("Dubois", "dubois"), ("Tanaka", "tanaka"),
        ("Haddad", "haddad"), ("Silva", "silva"), ("Müller", "mueller"), ("Adeyemi", "adeyemi"), ("García", "garcia"),
        ("Johansson", "johansson"), ("Zhang", "zhang"), ("Rossi", "rossi"), ("Iyer", "iyer"), ("Schmidt", "schmidt"),
        ("Fernández", "fernandez"), ("Khan", "khan"), ("Lindqvist", "lindqvist"), ("Chen", "chen"), ("O'Brien", "obrien"),
        ("Dlamini", "dlamini"), ("Smith", "smith"), ("Yılmaz", "yilmaz"), ("Popescu", "popescu"), ("Nowak", "nowak"),
    ];

    private static readonly string[] NonTeamDomains = ["contoso.example", "fabrikam.example", "mail.example", "partner.example"];

    private static readonly string[] GroupNames =
    [
        "Finance", "Engineering", "Marketing", "Legal", "Human Resources", "Sales EMEA",
        "Design", "Support Tier 2", "Executives", "All Staff", "Contractors", "R&D Lab",
    ];

    private static readonly (string Tag, string Name)[] Apps =
    [
        ("team_linked_app", "Contoso Backup Connector"),
        ("team_linked_app", "Northwind SIEM Export"),
        ("user_linked_app", "Fabrikam Sign"),
        ("user_linked_app", "Photo Uploader"),
        ("user_or_team_linked_app", "Acme Sync"),
        ("user_or_team_linked_app", "Tailspin Archiver"),
    ];

    private static readonly string[] TopFolders =
    [
        "/Finance/Q2", "/Engineering/Specs", "/Marketing/Campaigns", "/Legal/Contracts",
        "/HR/Onboarding", "/Sales/Proposals", "/Design/Assets", "/Team Folder/Shared",
    ];

    private static readonly string[] FileNames =
    [
        "forecast-v3.xlsx", "roadmap.docx", "logo final (2).png", "contract-signed.pdf", "notes.txt",
    ];

    private static readonly string[] PaperTitles =
    [
        "Q3 Planning", "Meeting notes 2024-05-03", "Onboarding checklist", "Incident retro", "Design review", "Launch plan",
    ];

    private static readonly string[] ShowcaseTitles = ["Brand portfolio", "Client pitch", "Product gallery", "Annual report"];

    public DatasetPools(int seed)
    {
        var key = DeterministicHash.KeyFor(seed, 0x506F6F6C73);
        Accounts = BuildAccounts(key);
        AccountIndex = new Dictionary<string, int>(Accounts.Length, StringComparer.Ordinal);
        UserJson = new byte[Accounts.Length][];
        ActorUserJson = new byte[Accounts.Length][];
        ActorAdminJson = new byte[AdminCount][];
        for (var i = 0; i < Accounts.Length; i++)
        {
            AccountIndex.Add(Accounts[i].AccountId, i);
            var user = SimulatorJson.Fragment(w => WriteUser(w, Accounts[i]));
            UserJson[i] = user;
            ActorUserJson[i] = SimulatorJson.Fragment(w => WriteWrapped(w, "user", user));
            if (i < AdminCount)
            {
                ActorAdminJson[i] = SimulatorJson.Fragment(w => WriteWrapped(w, "admin", user));
            }
        }

        GroupIds = new string[GroupNames.Length];
        GroupJson = new byte[GroupNames.Length][];
        EncodedGroupNames = new JsonEncodedText[GroupNames.Length];
        for (var i = 0; i < GroupNames.Length; i++)
        {
            var groupId = "g:" + Hex(DeterministicHash.Mix(key ^ (0x47000UL + (ulong)i))) + Hex(DeterministicHash.Mix(key ^ (0x47100UL + (ulong)i)));
            var name = GroupNames[i];
            GroupIds[i] = groupId;
            EncodedGroupNames[i] = SimulatorJson.Encode(name);
            GroupJson[i] = SimulatorJson.Fragment(w =>
            {
                w.WriteStartObject();
                w.WriteString(JsonNames.Tag, "group");
                w.WriteString(JsonNames.GroupId, groupId);
                w.WriteString(JsonNames.DisplayName, name);
                w.WriteEndObject();
            });
        }

        AppJson = new byte[Apps.Length][];
        AppActorJson = new byte[Apps.Length][];
        for (var i = 0; i < Apps.Length; i++)
        {
            var (tag, name) = Apps[i];
            var appId = "dbaid:AA" + IdChars(DeterministicHash.Mix(key ^ (0x41000UL + (ulong)i)), 33);
            var app = SimulatorJson.Fragment(w =>
            {
                w.WriteStartObject();
                w.WriteString(JsonNames.Tag, tag);
                w.WriteString("app_id", appId);
                w.WriteString(JsonNames.DisplayName, name);
                w.WriteEndObject();
            });
            AppJson[i] = app;
            AppActorJson[i] = SimulatorJson.Fragment(w => WriteWrapped(w, "app", app));
        }

        ResellerActorJson =
        [
            SimulatorJson.Fragment(w => WriteReseller(w, "Northwind Reseller GmbH", "support@reseller.example")),
            SimulatorJson.Fragment(w => WriteReseller(w, "Blue Yonder Partners", "ops@blueyonder.example")),
        ];

        OrganizationTeamJson = SimulatorJson.Fragment(w =>
        {
            w.WriteStartObject();
            w.WriteString(JsonNames.Tag, "organization_team");
            w.WriteString(JsonNames.DisplayName, "Northwind Holdings");
            w.WriteEndObject();
        });

        PlacesV4 =
        [
            Place("Lyon", "Auvergne-Rhone-Alpes", "FR", "203.0.113."),
            Place("Warsaw", "Mazowieckie", "PL", "198.51.100."),
            Place("Austin", "Texas", "US", "192.0.2."),
            Place("São Paulo", "São Paulo", "BR", "203.0.113."),
            Place("Tokyo", "Tokyo", "JP", "198.51.100."),
            Place("Sydney", "New South Wales", "AU", "192.0.2."),
            Place("Dublin", "Leinster", "IE", "203.0.113."),
            Place("Toronto", "Ontario", "CA", "198.51.100."),
            Place(null, null, "SE", "192.0.2."),
            Place(null, null, "DE", "203.0.113."),
            Place("Berlin", null, "DE", "198.51.100."),
            Place(null, null, null, "192.0.2."),
        ];
        PlacesV6 =
        [
            Place("Amsterdam", "North Holland", "NL", "2001:db8:85a3::"),
            Place("Seattle", "Washington", "US", "2001:db8:1f70::"),
            Place(null, null, "SG", "2001:db8:4006::"),
            Place("Zürich", "Zürich", "CH", "2001:db8:a0b:"),
            Place(null, null, null, "2001:db8::"),
        ];

        Files = new PoolFile[TopFolders.Length * FileNames.Length];
        Folders = new PoolFile[TopFolders.Length];
        for (var f = 0; f < TopFolders.Length; f++)
        {
            var top = TopFolders[f];
            var nsId = (1_000_000_000UL + (DeterministicHash.Mix(key ^ (0x4E5300UL + (ulong)f)) % 8_999_999_999UL)).ToString(CultureInfo.InvariantCulture);
            var shared = f % 2 == 0;
            var relativeRoot = top[top.IndexOf('/', 1)..];
            Folders[f] = new PoolFile(PathJson(top, nsId, relativeRoot, shared), SimulatorJson.Encode(top[(top.LastIndexOf('/') + 1)..]));
            for (var n = 0; n < FileNames.Length; n++)
            {
                var name = FileNames[n];
                Files[(f * FileNames.Length) + n] = new PoolFile(PathJson($"{top}/{name}", nsId, $"{relativeRoot}/{name}", shared), SimulatorJson.Encode(name));
            }
        }

        PaperDocumentJson = new byte[PaperTitles.Length][];
        for (var i = 0; i < PaperTitles.Length; i++)
        {
            var docId = IdChars(DeterministicHash.Mix(key ^ (0x50440UL + (ulong)i)), 21).Replace('-', 'x').Replace('_', 'y');
            var title = PaperTitles[i];
            PaperDocumentJson[i] = SimulatorJson.Fragment(w => WriteTitled(w, "paper_document", "doc_id", docId, "doc_title", title));
        }

        PaperFolderJson = new byte[PaperTitles.Length][];
        for (var i = 0; i < PaperTitles.Length; i++)
        {
            var folderId = "e.1" + IdChars(DeterministicHash.Mix(key ^ (0x50460UL + (ulong)i)), 26);
            var name = $"{PaperTitles[i]} folder";
            PaperFolderJson[i] = SimulatorJson.Fragment(w => WriteTitled(w, "paper_folder", "folder_id", folderId, "folder_name", name));
        }

        ShowcaseDocumentJson = new byte[ShowcaseTitles.Length][];
        for (var i = 0; i < ShowcaseTitles.Length; i++)
        {
            var showcaseId = IdChars(DeterministicHash.Mix(key ^ (0x53430UL + (ulong)i)), 20);
            var title = ShowcaseTitles[i];
            ShowcaseDocumentJson[i] = SimulatorJson.Fragment(w => WriteTitled(w, "showcase_document", "showcase_id", showcaseId, "showcase_title", title));
        }
    }

    public PoolAccount[] Accounts { get; }

    public Dictionary<string, int> AccountIndex { get; }

    /// <summary><c>UserLogInfo</c> with its subtype tag, flattened: the context form and the nested actor form.</summary>
    public byte[][] UserJson { get; }

    /// <summary><c>{".tag":"user","user":{…}}</c>: the actor and participant form.</summary>
    public byte[][] ActorUserJson { get; }

    public byte[][] ActorAdminJson { get; }

    public string[] GroupIds { get; }

    public JsonEncodedText[] EncodedGroupNames { get; }

    public byte[][] GroupJson { get; }

    /// <summary><c>AppLogInfo</c>: two of each subtype, in the order team, user, user-or-team linked.</summary>
    public byte[][] AppJson { get; }

    public byte[][] AppActorJson { get; }

    public byte[][] ResellerActorJson { get; }

    public byte[] OrganizationTeamJson { get; }

    public GeoPlace[] PlacesV4 { get; }

    public GeoPlace[] PlacesV6 { get; }

    public PoolFile[] Files { get; }

    public PoolFile[] Folders { get; }

    public byte[][] PaperDocumentJson { get; }

    public byte[][] PaperFolderJson { get; }

    public byte[][] ShowcaseDocumentJson { get; }

    private static PoolAccount[] BuildAccounts(ulong key)
    {
        var accounts = new PoolAccount[AccountCount];
        var combinations = DeterministicHash.Permutation(key ^ 0x4E616D6573, FirstNames.Length * LastNames.Length);
        for (var i = 0; i < AccountCount; i++)
        {
            var combination = combinations[i];
            var (firstDisplay, firstAscii) = FirstNames[combination / LastNames.Length];
            var (lastDisplay, lastAscii) = LastNames[combination % LastNames.Length];
            var accountId = "dbid:AA" + IdChars(DeterministicHash.Mix(key ^ (0x44420000UL + (ulong)i)), 33);
            var name = $"{firstDisplay} {lastDisplay}";
            if (i < TeamMemberCount)
            {
                accounts[i] = new PoolAccount(
                    PoolAccountKind.TeamMember,
                    accountId,
                    name,
                    i < AdminCount && i % 2 == 0 ? $"it-admin-{i}@northwind.example" : $"{firstAscii}.{lastAscii}@northwind.example",
                    TeamMemberId: "dbmid:AA" + IdChars(DeterministicHash.Mix(key ^ (0x444D0000UL + (ulong)i)), 33),
                    ExternalId: i % 3 == 0 ? $"ext-{100000 + (i * 7919 % 900000)}" : null,
                    TeamName: i % 4 == 1 ? "Northwind Traders" : null);
            }
            else if (i < FirstTrustedNonTeamMember)
            {
                var domain = NonTeamDomains[i % NonTeamDomains.Length];
                accounts[i] = new PoolAccount(PoolAccountKind.NonTeamMember, accountId, name, $"{firstAscii}.{lastAscii}@{domain}");
            }
            else
            {
                accounts[i] = new PoolAccount(
                    PoolAccountKind.TrustedNonTeamMember,
                    accountId,
                    name,
                    $"{firstAscii}.{lastAscii}@holdings.example",
                    TeamName: "Northwind Holdings",
                    TrustedType: i % 2 == 0 ? "enterprise_admin" : "multi_instance_admin");
            }
        }

        return accounts;
    }

    private static void WriteUser(Utf8JsonWriter writer, PoolAccount account)
    {
        writer.WriteStartObject();
        writer.WriteString(JsonNames.Tag, account.Kind switch
        {
            PoolAccountKind.TeamMember => "team_member",
            PoolAccountKind.NonTeamMember => "non_team_member",
            _ => "trusted_non_team_member",
        });
        writer.WriteString(JsonNames.AccountId, account.AccountId);
        writer.WriteString(JsonNames.DisplayName, account.DisplayName);
        writer.WriteString(JsonNames.Email, account.Email);
        if (account.TeamMemberId is not null)
        {
            writer.WriteString(JsonNames.TeamMemberId, account.TeamMemberId);
        }

        if (account.ExternalId is not null)
        {
            writer.WriteString("member_external_id", account.ExternalId);
        }

        if (account.TrustedType is not null)
        {
            writer.WritePropertyName("trusted_non_team_member_type");
            writer.WriteStartObject();
            writer.WriteString(JsonNames.Tag, account.TrustedType);
            writer.WriteEndObject();
        }

        if (account.TeamName is not null)
        {
            writer.WritePropertyName("team");
            writer.WriteStartObject();
            writer.WriteString(JsonNames.DisplayName, account.TeamName);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>Stone rule 3 (A.8): a payload with enumerated subtypes nests under a key equal to the tag.</summary>
    private static void WriteWrapped(Utf8JsonWriter writer, string tag, byte[] payload)
    {
        writer.WriteStartObject();
        writer.WriteString(JsonNames.Tag, tag);
        writer.WriteFragment(tag, payload);
        writer.WriteEndObject();
    }

    private static void WriteReseller(Utf8JsonWriter writer, string name, string email)
    {
        writer.WriteStartObject();
        writer.WriteString(JsonNames.Tag, "reseller");
        writer.WriteString("reseller_name", name);
        writer.WriteString("reseller_email", email);
        writer.WriteEndObject();
    }

    private static void WriteTitled(Utf8JsonWriter writer, string tag, string idName, string id, string titleName, string title)
    {
        writer.WriteStartObject();
        writer.WriteString(JsonNames.Tag, tag);
        writer.WriteString(idName, id);
        writer.WriteString(titleName, title);
        writer.WriteEndObject();
    }

    private static byte[] PathJson(string contextual, string nsId, string relative, bool shared) => SimulatorJson.Fragment(w =>
    {
        w.WriteStartObject();
        w.WriteString(JsonNames.Contextual, contextual);
        w.WritePropertyName(JsonNames.NamespaceRelative);
        w.WriteStartObject();
        w.WriteString(JsonNames.NsId, nsId);
        w.WriteString(JsonNames.RelativePath, relative);
        w.WriteBoolean(JsonNames.IsSharedNamespace, shared);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static GeoPlace Place(string? city, string? region, string? country, string prefix) => new(
        city is null ? null : SimulatorJson.Encode(city),
        region is null ? null : SimulatorJson.Encode(region),
        country is null ? null : SimulatorJson.Encode(country),
        prefix,
        prefix.Contains(':', StringComparison.Ordinal));

    private static string IdChars(ulong key, int length)
    {
        var chars = new char[length];
        var state = key;
        for (var i = 0; i < length; i++)
        {
            state = DeterministicHash.Mix(state);
            chars[i] = IdAlphabet[(int)(state & 63)];
        }

        return new string(chars);
    }

    private static string Hex(ulong value) => value.ToString("x16", CultureInfo.InvariantCulture);
}
