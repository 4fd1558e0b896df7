using System.Text;
using System.Text.RegularExpressions;

namespace AuditBridge.Fakes.Dcli;

/// <summary>
/// The shape of <c>DASHLANE_ENROLLED_TEAM_DEVICE_KEYS</c> (saas-apis.md C.2.1):
/// <c>DASH_EDWSA_&lt;64&gt;-base64(DASH_EDWSS_&lt;64&gt;-DASH_EDNTA_&lt;64&gt;-DASH_EDNTS_&lt;64&gt;)</c>.
/// The fake checks it the way the CLI does at start-up, and tests make well-formed dummy values with it.
/// </summary>
public static partial class FakeDcliKeys
{
    public const string EnvironmentVariable = "DASHLANE_ENROLLED_TEAM_DEVICE_KEYS";

    /// <summary>A well-formed dummy value, different for every <paramref name="seed"/> (no '-' inside keys: the CLI splits on it).</summary>
    public static string Create(int seed)
    {
        var random = new Random(seed);
        string Key(string prefix)
        {
            const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_";
            var chars = new char[64];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Alphabet[random.Next(Alphabet.Length)];
            }

            return prefix + new string(chars);
        }

        var inner = $"{Key("DASH_EDWSS_")}-{Key("DASH_EDNTA_")}-{Key("DASH_EDNTS_")}";
        return Key("DASH_EDWSA_") + "-" + Convert.ToBase64String(Encoding.UTF8.GetBytes(inner));
    }

    /// <summary>True when <paramref name="value"/> has the documented shape.</summary>
    public static bool IsWellFormed(string value)
    {
        var dash = value.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0 || !AccessKey().IsMatch(value[..dash]))
        {
            return false;
        }

        try
        {
            return InnerKeys().IsMatch(Encoding.UTF8.GetString(Convert.FromBase64String(value[(dash + 1)..])));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    [GeneratedRegex("^DASH_EDWSA_[A-Za-z0-9_-]{64}$")]
    private static partial Regex AccessKey();

    [GeneratedRegex("^DASH_EDWSS_[A-Za-z0-9_-]{64}-DASH_EDNTA_[A-Za-z0-9_-]{64}-DASH_EDNTS_[A-Za-z0-9_-]{64}$")]
    private static partial Regex InnerKeys();
}
