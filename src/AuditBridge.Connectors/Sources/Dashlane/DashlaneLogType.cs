namespace AuditBridge.Sources.Dashlane;

/// <summary>What the data file (dashlane-log-types.json) says about one log type.</summary>
/// <param name="Message">The documented human message with <c>%(name)s</c> placeholders, or null when none is documented.</param>
/// <param name="Placeholders">Property keys tried first for a placeholder.</param>
/// <param name="TargetEmail">Placeholder naming the target user's e-mail address.</param>
/// <param name="TargetName">Placeholder naming the target user.</param>
/// <param name="ObjectKind">Kind of the item the action touched (<c>credential</c>, <c>group</c>, <c>device</c> …).</param>
/// <param name="ObjectName">Placeholder holding that item's name.</param>
internal sealed record DashlaneLogType(
    string? Message,
    IReadOnlyDictionary<string, string[]> Placeholders,
    string? TargetEmail,
    string? TargetName,
    string? ObjectKind,
    string? ObjectName);
