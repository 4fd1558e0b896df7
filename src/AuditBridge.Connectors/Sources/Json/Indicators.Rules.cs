using System.Text;

namespace AuditBridge.Sources.Json;

/// <summary>
/// Which keys of a vendor's JSON hold user names, for <see cref="Indicators.Collect(System.Text.Json.JsonElement, IndicatorRules)"/>.
/// E-mail and IP addresses need no rules: they are recognized by their syntax in every string value. User names are
/// not, so each vendor names its keys (docs/formats/indicators.md has the tables).
/// </summary>
/// <remarks>
/// A key in <c>userNameKeys</c> always holds a user name. A key in <c>userObjectNameKeys</c> holds one only inside a
/// user object: an object that has a member named by a marker (any value), or whose member equals a marker's value
/// (<c>"type":"user"</c>). That is how Dropbox's <c>display_name</c> of a member counts while the <c>display_name</c> of
/// an app, a group, a team or a file does not. Keys are compared with the raw (escaped) property names, ordinal.
/// </remarks>
internal sealed class IndicatorRules
{
    /// <summary>
    /// Dropbox team_log (saas-apis.md A.9; the keys Panther's Dropbox schema tags as usernames, seeds/001):
    /// <c>reseller_name</c>, and <c>display_name</c> of user objects (<c>UserLogInfo</c>: they have <c>email</c>,
    /// <c>account_id</c> or <c>team_member_id</c>, or the <c>.tag</c> <c>team_member</c>, <c>non_team_member</c> or
    /// <c>trusted_non_team_member</c>): actor user/admin, context, participants, detail fields such as
    /// <c>shared_content_owner</c>.
    /// </summary>
    public static IndicatorRules Dropbox { get; } = new(
        ["reseller_name"],
        ["display_name"],
        [new("email", null), new("account_id", null), new("team_member_id", null),
         new(".tag", "team_member"), new(".tag", "non_team_member"), new(".tag", "trusted_non_team_member")]);

    /// <summary>
    /// Box enterprise events (saas-apis.md B.3): <c>login</c> and <c>user_name</c> (collaboration-style sources), and
    /// <c>name</c> of user objects (<c>"type":"user"</c>: <c>created_by</c>, <c>accessible_by</c>, <c>owned_by</c>,
    /// <c>action_by</c>, a user <c>source</c>), never of groups, files or folders.
    /// </summary>
    public static IndicatorRules Box { get; } = new(["login", "user_name"], ["name"], [new("type", "user")]);

    /// <summary>
    /// Dashlane audit logs (saas-apis.md C.7): <c>author_login</c> (attested), <c>target_login</c> and <c>login</c>
    /// in <c>properties</c>, and <c>credential_login</c> (the login stored in a credential that was copied, autofilled
    /// or used with a passkey: C.8's sensitive types). Dashlane logins are e-mail addresses, so these are also found as
    /// e-mails; the keys make a login that is not one (a credential's <c>admin</c>) count too.
    /// </summary>
    public static IndicatorRules Dashlane { get; } = new(["author_login", "target_login", "login", "credential_login"], [], []);

    /// <summary>No user-name keys: e-mail and IP addresses only.</summary>
    public static IndicatorRules None { get; } = new([], [], []);

    /// <summary>Creates rules; see the remarks of <see cref="IndicatorRules"/>.</summary>
    public IndicatorRules(
        IEnumerable<string> userNameKeys,
        IEnumerable<string> userObjectNameKeys,
        IEnumerable<KeyValuePair<string, string?>> userObjectMarkers)
    {
        ArgumentNullException.ThrowIfNull(userNameKeys);
        ArgumentNullException.ThrowIfNull(userObjectNameKeys);
        ArgumentNullException.ThrowIfNull(userObjectMarkers);
        UserNameKeys = [.. userNameKeys.Select(Encoding.UTF8.GetBytes)];
        UserObjectNameKeys = [.. userObjectNameKeys.Select(Encoding.UTF8.GetBytes)];
        Markers = [.. userObjectMarkers.Select(m => (Encoding.UTF8.GetBytes(m.Key), m.Value is null ? null : Encoding.UTF8.GetBytes(m.Value)))];
    }

    internal byte[][] UserNameKeys { get; }

    internal byte[][] UserObjectNameKeys { get; }

    internal (byte[] Key, byte[]? Value)[] Markers { get; }

    internal static bool Contains(byte[][] keys, ReadOnlySpan<byte> name)
    {
        foreach (var key in keys)
        {
            if (name.SequenceEqual(key))
            {
                return true;
            }
        }

        return false;
    }
}
