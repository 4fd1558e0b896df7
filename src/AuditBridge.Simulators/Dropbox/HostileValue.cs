namespace AuditBridge.Simulators.Dropbox;

/// <summary>One awkward value, pre-encoded in the forms the dataset places it in.</summary>
internal sealed class HostileValue
{
    public HostileValue(string name, string value)
    {
        Name = name;
        Value = value;
        Encoded = SimulatorJson.QuotedLenient(value);
        Email = SimulatorJson.QuotedLenient($"\"{value}\" <hostile.sender@northwind.example>");
        Contextual = SimulatorJson.QuotedLenient($"/Hostile/{value}");
        RelativePath = SimulatorJson.QuotedLenient($"/{value}");
    }

    /// <summary>What the value exercises, for diagnostics.</summary>
    public string Name { get; }

    public string Value { get; }

    // Each as a whole JSON string (quotes included), written raw: a value may hold a lone surrogate, which no
    // JsonEncodedText can (see SimulatorJson.QuotedLenient).
    public byte[] Encoded { get; }

    /// <summary>The value as the display part of an e-mail address.</summary>
    public byte[] Email { get; }

    public byte[] Contextual { get; }

    public byte[] RelativePath { get; }
}
