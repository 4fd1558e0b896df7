using System.Text.Json;
using AuditBridge.Sources.Json;
using AuditBridge.Secrets;

namespace AuditBridge.Sources.Box;

/// <summary>
/// Reads the app config file the Box Developer Console generates for a JWT app (<c>config.json</c>):
/// <c>{"boxAppSettings":{"clientID","clientSecret","appAuth":{"publicKeyID","privateKey","passphrase"}},"enterpriseID"}</c>.
/// Errors name the file and the JSON path to fix, and never contain key material or secrets.
/// </summary>
public static class BoxAppConfig
{
    /// <summary>Reads and checks the app config at <paramref name="path"/>, including that the private key can be decrypted.</summary>
    /// <param name="path">The <c>config.json</c> file.</param>
    /// <param name="passphraseOverride">Replaces <c>boxAppSettings.appAuth.passphrase</c> (keep the passphrase out of the file).</param>
    /// <exception cref="SourceException">Kind <see cref="SourceErrorKind.Authentication"/>, permanent: the file is missing, unreadable or wrong.</exception>
    public static BoxJwtSettings Load(string path, Secret? passphraseOverride)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] json;
        try
        {
            json = SecretFile.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Fail($"cannot read the Box app config file {path} ({e.Message}); download it from the Developer Console (Configuration > Add and Manage Public Keys > Generate a Public/Private Keypair)", e);
        }

        return Parse(json, path, passphraseOverride);
    }

    /// <summary>Like <see cref="Load"/> for a document in memory; <paramref name="origin"/> names it in messages.</summary>
    /// <exception cref="SourceException">Kind <see cref="SourceErrorKind.Authentication"/>, permanent.</exception>
    public static BoxJwtSettings Parse(ReadOnlySpan<byte> json, string origin, Secret? passphraseOverride)
    {
        ArgumentException.ThrowIfNullOrEmpty(origin);
        if (json.StartsWith("\uFEFF"u8))
        {
            json = json[3..];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException e)
        {
            // The reader's message names a character at most, never a value, so it cannot leak key material.
            throw Fail($"the Box app config file {origin} is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}); download it again from the Developer Console", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Fail($"the Box app config file {origin} is a JSON {root.ValueKind}, not the object the Developer Console writes");
            }

            var settings = Object(root, "boxAppSettings", "boxAppSettings", origin);
            var appAuth = Object(settings, "appAuth", "boxAppSettings.appAuth", origin);
            var passphrase = passphraseOverride ?? OptionalSecret(appAuth, "passphrase", "boxAppSettings.appAuth.passphrase", origin);
            var result = new BoxJwtSettings
            {
                ClientId = Required(settings, "clientID", "boxAppSettings.clientID", origin),
                ClientSecret = Required(settings, "clientSecret", "boxAppSettings.clientSecret", origin),
                PublicKeyId = Required(appAuth, "publicKeyID", "boxAppSettings.appAuth.publicKeyID", origin, isIdentifier: true).Reveal(),
                PrivateKey = Required(appAuth, "privateKey", "boxAppSettings.appAuth.privateKey", origin),
                Passphrase = passphrase,
                EnterpriseId = Required(root, "enterpriseID", "enterpriseID", origin, isIdentifier: true),
                Origin = origin,
            };

            // Fail now, naming the file, rather than at the first token request.
            using var key = BoxPrivateKey.Import(result);
            return result;
        }
    }

    private static JsonElement Object(JsonElement parent, string name, string path, string origin)
    {
        if (JsonRead.Object(parent, name) is not { } value)
        {
            throw Fail($"the Box app config file {origin} has no '{path}' object; it is not a JWT app config from the Developer Console");
        }

        return value;
    }

    private static Secret Required(JsonElement parent, string name, string path, string origin, bool isIdentifier = false) =>
        OptionalSecret(parent, name, path, origin, isIdentifier)
        ?? throw Fail($"the Box app config file {origin} has no '{path}'; download the app config again from the Developer Console");

    // Identifiers (the key id, the enterprise id) are kept out of messages too, but they are not credentials and may be short.
    private static Secret? OptionalSecret(JsonElement parent, string name, string path, string origin, bool isIdentifier = false)
    {
        if (JsonRead.Any(parent, name) is not { } value)
        {
            return null;
        }

        // enterpriseID is sometimes written as a number by hand-made configs.
        var text = value.ValueKind switch
        {
            JsonValueKind.String => JsonRead.Text(value),
            JsonValueKind.Number => JsonRead.RawText(value),
            _ => throw Fail($"'{path}' in the Box app config file {origin} must be a string, found a JSON {value.ValueKind}"),
        };
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var where = $"{origin} ({path})";
        if (isIdentifier)
        {
            return Secret.Identifier(text, where);
        }

        return Secret.Check(text, where) is { } problem ? throw Fail(problem) : new Secret(text, where);
    }

    private static SourceException Fail(string message, Exception? inner = null) =>
        new(SourceErrorKind.Authentication, message, isTransient: false, inner);
}
