namespace AuditBridge.Simulators.Dropbox;

/// <summary>The awkward values hostile Dropbox events rotate through: the shared rotation, then a lone surrogate.</summary>
internal static class HostileValues
{
    public static readonly HostileValue[] All =
    [
        .. HostileStrings.Rotation("Very Long Display Name ").Select(v => new HostileValue(v.Name, v.Value)),

        // Sent as "\ud800": valid JSON syntax, but no text (reading it as a string throws). Python APIs emit these.
        new("lone-surrogate", "lone \uD800 surrogate"),
    ];
}
