namespace AuditBridge.Simulators.Dropbox;

/// <summary>Writes hostile values into Dropbox events: as whole pre-encoded JSON strings, since one may hold a lone surrogate.</summary>
internal static class DropboxJson
{
    /// <summary>Writes the hostile value's text as the member, or <paramref name="otherwise"/> for an ordinary event.</summary>
    public static void WriteHostileOr(Utf8JsonWriter writer, JsonEncodedText name, HostileValue? hostile, JsonEncodedText otherwise)
    {
        if (hostile is null)
        {
            writer.WriteString(name, otherwise);
        }
        else
        {
            writer.WriteFragment(name, hostile.Encoded);
        }
    }
}
