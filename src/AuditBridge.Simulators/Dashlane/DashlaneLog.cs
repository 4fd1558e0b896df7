namespace AuditBridge.Simulators.Dashlane;

/// <summary>One generated audit log: its uuid, its time and the exact JSON line dcli prints for it (without newline).</summary>
/// <param name="Uuid">The log's uuid.</param>
/// <param name="DateTimeMs">Its <c>date_time</c> in epoch milliseconds.</param>
/// <param name="LogType">Its <c>log_type</c>.</param>
/// <param name="Category">Its <c>category</c>.</param>
/// <param name="Line">The JSON line, as dcli prints it.</param>
public sealed record DashlaneLog(string Uuid, long DateTimeMs, string LogType, string Category, string Line);
