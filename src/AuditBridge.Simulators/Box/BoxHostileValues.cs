namespace AuditBridge.Simulators.Box;

/// <summary>The awkward values hostile Box events rotate through: the shared rotation, its long value a file name.</summary>
internal static class BoxHostileValues
{
    public static readonly (string Name, string Value)[] All = HostileStrings.Rotation("Very Long File Name ");
}
