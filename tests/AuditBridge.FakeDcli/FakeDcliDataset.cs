using System.Globalization;
using AuditBridge.Simulators.Dashlane;

namespace AuditBridge.Fakes.Dcli;

/// <summary>
/// The team's audit-log history the fake prints: <see cref="DashlaneLogGenerator"/> (shared with the demo and the
/// benchmarks) with the fake's configuration, plus what one <c>dcli team logs</c> run prints of it. Tests compute the
/// same list in-process to compare (no gap, no repeat).
/// </summary>
public static class FakeDcliDataset
{
    public const long TeamId = DashlaneLogGenerator.TeamId;

    /// <summary>Values that break naive CEF, syslog, CSV or JSON handling.</summary>
    public static IReadOnlyList<string> HostileValues => DashlaneLogGenerator.HostileValues;

    /// <summary>The whole history, oldest first.</summary>
    public static IReadOnlyList<FakeDcliEvent> Generate(FakeDcliConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var options = new DashlaneLogGeneratorOptions
        {
            Seed = config.Seed,
            Count = config.Count,
            OriginMs = config.OriginMs,
            IntervalMs = config.IntervalMs,
            HostileEvery = config.HostileEvery,
            PoisonEvery = config.PoisonEvery,
        };
        return [.. DashlaneLogGenerator.Generate(options).Select(l => new FakeDcliEvent(l.Uuid, l.DateTimeMs, l.LogType, l.Category, l.Line))];
    }

    /// <summary>
    /// What <c>dcli team logs --start <paramref name="startMs"/> --end <paramref name="endMs"/></c> prints: the service
    /// uses only the dates of the range (saas-apis.md C.6), so every log of the first through the last UTC day, newest
    /// first (the order of the CLI documentation's sample).
    /// </summary>
    public static IReadOnlyList<FakeDcliEvent> Printed(IReadOnlyList<FakeDcliEvent> history, long startMs, long endMs)
    {
        var firstDay = DayStart(startMs);
        var afterLastDay = DayStart(endMs) + 86_400_000;
        return [.. history.Where(e => e.DateTimeMs >= firstDay && e.DateTimeMs < afterLastDay).OrderByDescending(e => e.DateTimeMs)];
    }

    /// <summary>The logs whose <c>date_time</c> lies in [start, end]: what a source asking for that window must emit.</summary>
    public static IReadOnlyList<FakeDcliEvent> Between(IReadOnlyList<FakeDcliEvent> history, long startMs, long endMs) =>
        [.. history.Where(e => e.DateTimeMs >= startMs && e.DateTimeMs <= endMs)];

    private static long DayStart(long ms) => ms - (((ms % 86_400_000) + 86_400_000) % 86_400_000);

    /// <summary>Formats an instant the way the fake's messages do.</summary>
    internal static string Iso(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
