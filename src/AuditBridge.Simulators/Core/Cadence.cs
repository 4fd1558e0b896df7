namespace AuditBridge.Simulators.Core;

/// <summary>"Every Nth" as the datasets count it: indexes N-1, 2N-1, … (the Nth, 2Nth … item counted from one); 0 means never.</summary>
internal static class Cadence
{
    public static bool IsNth(int every, long index) => every > 0 && (index + 1) % every == 0;
}
