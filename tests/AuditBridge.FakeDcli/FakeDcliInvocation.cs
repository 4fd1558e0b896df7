namespace AuditBridge.Fakes.Dcli;

/// <summary>One run of the fake, as recorded in <see cref="FakeDcliConfig.InvocationLog"/>.</summary>
public sealed record FakeDcliInvocation
{
    /// <summary>Its process id, so a test can check that it was killed.</summary>
    public int Pid { get; init; }

    /// <summary>The arguments it was given.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>True when DASHLANE_ENROLLED_TEAM_DEVICE_KEYS was in its environment.</summary>
    public bool KeysPresent { get; init; }

    /// <summary>Whether the keys equal <see cref="FakeDcliConfig.ExpectedKeys"/> byte for byte; null when none were expected.</summary>
    public bool? KeysMatch { get; init; }

    /// <summary>Names (never values) of the DASHLANE_* variables it saw.</summary>
    public IReadOnlyList<string> DashlaneVariables { get; init; } = [];
}
