using System.Buffers;
using System.Text;

namespace AuditBridge.Simulators.Dashlane;

/// <summary>
/// A Dashlane team's audit-log history as <c>dcli team logs</c> prints it (JSON lines), generated deterministically:
/// 30 log types over 15 categories of the reference (saas-apis.md C.8, the CLI's log-type tables), target users and
/// sharing groups, <c>author_client</c>, team-device authors, sensitive logs, some <c>properties</c> as a JSON string
/// (the CSV export and the legacy API did that), and hostile values every N logs. Used by the tests' fake <c>dcli</c>,
/// by <c>auditbridge demo</c> (an export file for <c>pull dashlane --input</c>) and by the benchmarks.
/// </summary>
public static class DashlaneLogGenerator
{
    public const long TeamId = 2_048_731;

    /// <summary>Values that break naive CEF, syslog, CSV or JSON handling.</summary>
    public static IReadOnlyList<string> HostileValues { get; } =
    [
        "pipe | in | the | middle",
        "equals = sign and key=value",
        @"back\slash and trailing\",
        "line1\nline2",
        "carriage\rreturn and CRLF\r\nend",
        "tab\tinside",
        "non-ASCII: é ü ß 日本語 🔐",
        new string('x', 5000),
        HostileStrings.ForgedCef,
        "\"quotes\" and {\"json\": [1]}",
    ];

    private static readonly string[] Logins =
    [
        "it-admin@northwind.example",
        "priya.raman@northwind.example",
        "t.wilk@northwind.example",
        "j.doe@northwind.example",
    ];

    private static readonly string[] Domains = ["intranet.northwind.example", "github.com", "salesforce.com", "aws.amazon.com"];

    private static readonly string[] Devices = ["Chrome - Mac OS", "Firefox - Windows", "Dashlane CLI", "iPhone 15"];

    private static readonly string[] Groups = ["Finance", "Engineering", "Sales EMEA"];

    /// <summary>(log_type, category, has a target user, has a sharing group, is sensitive).</summary>
    private static readonly (string Type, string Category, bool Target, bool Sharing, bool Sensitive)[] Types =
    [
        ("user_device_added", "authentication", false, false, false),
        ("user_device_removed", "authentication", false, false, false),
        ("team_captain_added", "users", true, false, false),
        ("team_captain_removed", "users", true, false, false),
        ("user_invited", "users", true, false, false),
        ("user_removed", "users", true, false, false),
        ("user_group_created", "groups", false, false, false),
        ("user_group_renamed", "groups", false, false, false),
        ("user_invited_to_user_group", "groups", true, false, false),
        ("sso_enabled", "team_settings_sso", false, false, false),
        ("sso_disabled", "team_settings_sso", false, false, false),
        ("sso_service_provider_url_set", "team_settings_sso", false, false, false),
        ("nitro_sso_domain_verified", "team_settings_sso", false, false, false),
        ("master_password_reset_accepted", "user_settings_accountrecovery", true, false, false),
        ("requested_account_recovery", "user_settings_accountrecovery", false, false, false),
        ("dwm_email_added", "dark_web_monitoring", false, false, false),
        ("dwm_alert_received", "dark_web_monitoring", false, false, false),
        ("domain_validated", "team_settings", false, false, false),
        ("team_name_changed", "team_settings", false, false, false),
        ("seats_added", "team_account", false, false, false),
        ("billing_admin_added", "team_account", true, false, false),
        ("collect_sensitive_data_audit_logs_disabled", "team_settings_policies", false, false, false),
        ("two_factor_authentication_login_method_removed", "authentication", false, false, false),
        ("user_shared_credential_with_external", "sharing", false, true, true),
        ("user_revoked_shared_credential_group", "sharing", false, true, true),
        ("user_created_credential", "vault_passwords", false, false, true),
        ("user_copied_credential_field", "item_usage", false, false, true),
        ("user_imported_credentials", "import_export", false, false, false),
        ("nudge_executed", "nudges", false, false, false),
        ("scim_token_regenerated", "team_settings_scim", false, false, false),
    ];

    /// <summary>The whole history, oldest first.</summary>
    public static IReadOnlyList<DashlaneLog> Generate(DashlaneLogGeneratorOptions config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var random = new Random(config.Seed);
        var events = new List<DashlaneLog>(config.Count);
        for (var i = 0; i < config.Count; i++)
        {
            var jitter = config.IntervalMs > 1 ? random.NextInt64(config.IntervalMs / 2) : 0;
            var time = config.OriginMs + (i * config.IntervalMs) + jitter;
            events.Add(Build(i, time, random, config));
        }

        return events;
    }

    private static DashlaneLog Build(int index, long time, Random random, DashlaneLogGeneratorOptions config)
    {
        var uuidBytes = new byte[16];
        random.NextBytes(uuidBytes);
        uuidBytes[6] = (byte)((uuidBytes[6] & 0x0F) | 0x40);
        uuidBytes[8] = (byte)((uuidBytes[8] & 0x3F) | 0x80);
        var uuid = new Guid(uuidBytes, bigEndian: true).ToString("D");

        var hostile = Cadence.IsNth(config.HostileEvery, index);
        string? hostileValue = null;
        (string Type, string Category, bool Target, bool Sharing, bool Sensitive) type;
        if (hostile)
        {
            var round = index / config.HostileEvery;
            hostileValue = HostileValues[round % HostileValues.Count];
            type = Array.Find(Types, t => t.Type == (round % 2 == 0 ? "user_device_added" : "team_name_changed"));
        }
        else
        {
            type = Types[random.Next(Types.Length)];
        }

        var author = random.Next(Logins.Length);
        var target = (author + 1 + random.Next(Logins.Length - 1)) % Logins.Length;
        var propertiesAsString = !hostile && index % 17 == 5;

        // Node's JSON.stringify (dcli) leaves non-ASCII as it is and escapes only what JSON requires, as the relaxed encoder does.
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, SimulatorJson.CheckedWriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("uuid", uuid);
            writer.WriteNumber("team_id", TeamId);
            writer.WriteString("category", type.Category);
            writer.WriteString("log_type", type.Type);
            if (Cadence.IsNth(config.PoisonEvery, index))
            {
                writer.WriteString("date_time", time.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                writer.WriteNumber("date_time", time);
            }

            var properties = Properties(type.Type, Logins[author], Logins[target], hostileValue, random);
            if (propertiesAsString)
            {
                writer.WriteString("properties", properties);
            }
            else
            {
                writer.WritePropertyName("properties");
                writer.WriteRawValue(properties, skipInputValidation: true);
            }

            writer.WriteNumber("author_user_id", 77_120_000 + author);
            if (type.Target)
            {
                writer.WriteNumber("target_user_id", 77_120_000 + target);
            }

            if (type.Sharing)
            {
                writer.WriteNumber("sharing_group_id", 5_500_000 + random.Next(100));
            }

            if (index % 3 == 0)
            {
                writer.WriteStartObject("author_client");
                writer.WriteString("version", "6.2544.0");
                writer.WriteString("platform", "server_cli");
                writer.WriteEndObject();
            }

            if (index % 11 == 4)
            {
                writer.WriteNumber("author_team_device_id", 90_001);
            }

            if (type.Sensitive)
            {
                writer.WriteBoolean("is_sensitive", true);
            }

            writer.WriteString("schema_version", "1.0.0");
            writer.WriteEndObject();
        }

        return new DashlaneLog(uuid, time, type.Type, type.Category, Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    private static string Properties(string logType, string author, string target, string? hostile, Random random)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, SimulatorJson.CheckedWriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("author_login", author);
            switch (logType)
            {
                case "user_device_added" or "user_device_removed":
                    writer.WriteString("device_name", hostile ?? Devices[random.Next(Devices.Length)]);
                    writer.WriteString("device_platform", "server_standalone");
                    break;
                case "team_captain_added" or "team_captain_removed" or "user_invited" or "user_removed" or "master_password_reset_accepted":
                    writer.WriteString("email", target);
                    break;
                case "user_group_created":
                    writer.WriteString("group_name", Groups[random.Next(Groups.Length)]);
                    break;
                case "user_group_renamed":
                    writer.WriteString("old_group_name", Groups[0]);
                    writer.WriteString("new_group_name", Groups[1]);
                    break;
                case "user_invited_to_user_group":
                    writer.WriteString("email", target);
                    writer.WriteString("group_name", Groups[random.Next(Groups.Length)]);
                    break;
                case "sso_service_provider_url_set":
                    writer.WriteString("service_provider_url", "https://sso.nitro.dashlane.com");
                    break;
                case "dwm_email_added":
                    writer.WriteString("email", target);
                    break;
                case "domain_validated":
                    writer.WriteString("domain", "northwind.example");
                    break;
                case "team_name_changed":
                    writer.WriteString("name", hostile ?? "Northwind Traders");
                    break;
                case "seats_added":
                    writer.WriteNumber("count", 5 + random.Next(20));
                    break;
                case "billing_admin_added":
                    writer.WriteString("name", target);
                    break;
                case "user_shared_credential_with_external":
                    writer.WriteString("rights", random.Next(2) == 0 ? "limited" : "full");
                    writer.WriteString("domain", Domains[random.Next(Domains.Length)]);
                    break;
                case "user_revoked_shared_credential_group" or "user_created_credential":
                    writer.WriteString("domain", Domains[random.Next(Domains.Length)]);
                    break;
                case "user_copied_credential_field":
                    writer.WriteString("field", "password");
                    writer.WriteString("credential_login", target);
                    writer.WriteString("credential_domain", Domains[random.Next(Domains.Length)]);
                    break;
                case "nudge_executed":
                    writer.WriteString("nudge_name", "weak_passwords");
                    writer.WriteNumber("successes", random.Next(10));
                    break;
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
