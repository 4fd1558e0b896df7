using System.Text.Json;

namespace AuditBridge.Simulators.Dropbox;

/// <summary>One awkward value, pre-encoded in the forms the dataset places it in.</summary>
internal sealed class HostileValue
{
    public HostileValue(string name, string value)
    {
        Name = name;
        Value = value;
        Encoded = DropboxJson.Encode(value);
        Email = DropboxJson.Encode($"\"{value}\" <hostile.sender@northwind.example>");
        Contextual = DropboxJson.Encode($"/Hostile/{value}");
        RelativePath = DropboxJson.Encode($"/{value}");
    }

    /// <summary>What the value exercises, for diagnostics.</summary>
    public string Name { get; }

    public string Value { get; }

    public JsonEncodedText Encoded { get; }

    /// <summary>The value as the display part of an e-mail address.</summary>
    public JsonEncodedText Email { get; }

    public JsonEncodedText Contextual { get; }

    public JsonEncodedText RelativePath { get; }
}
