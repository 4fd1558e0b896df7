using AuditBridge.Shell;

namespace AuditBridge.Cli.Credentials;

/// <summary>
/// Reads the Dropbox sample script's <c>parserSettings.ini</c> (<c>[DEFAULT]</c> / <c>dfbToken=…</c>), so users of the seed
/// script can switch without moving their token. Only the token is read; errors name the file and line.
/// </summary>
internal static class SeedSettingsFile
{
    public const string TokenKey = "dfbToken";

    public static string ReadToken(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{path}: cannot read the settings file ({e.Message})");
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                if (line[^1] != ']')
                {
                    throw new UsageException($"{path}:{i + 1}: a section header must look like [DEFAULT]");
                }

                continue;
            }

            var separator = line.IndexOfAny(['=', ':']);
            if (separator <= 0)
            {
                throw new UsageException($"{path}:{i + 1}: expected key=value");
            }

            // configparser's [DEFAULT] values apply to every section and keys are case-insensitive: the first dfbToken wins.
            var key = line[..separator].Trim();
            if (key.Equals(TokenKey, StringComparison.OrdinalIgnoreCase))
            {
                var value = line[(separator + 1)..].Trim();
                if (value.Length == 0 || value.StartsWith('<'))
                {
                    throw new UsageException($"{path}:{i + 1}: {TokenKey} is empty or still the placeholder; paste the team access token after {TokenKey}= (or better, set DROPBOX_ACCESS_TOKEN)");
                }

                return value;
            }
        }

        throw new UsageException($"{path}: no {TokenKey}= line found (expected under [DEFAULT], as in the sample script's parserSettings.ini)");
    }
}
