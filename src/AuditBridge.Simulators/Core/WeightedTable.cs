namespace AuditBridge.Simulators.Core;

/// <summary>
/// A lookup table in which each value appears as often as its weight, so a uniform pick from it (a hash modulo its
/// length) picks values in those proportions: how the datasets say "a third of the actors are admins".
/// </summary>
internal static class WeightedTable
{
    public static T[] Of<T>(params (T Value, int Weight)[] entries)
    {
        var table = new List<T>(100);
        foreach (var (value, weight) in entries)
        {
            for (var i = 0; i < weight; i++)
            {
                table.Add(value);
            }
        }

        return [.. table];
    }
}
