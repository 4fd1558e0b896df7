namespace AuditBridge.Simulators.Dropbox;

/// <summary>Outcome of one bounded forward scan for matching events.</summary>
/// <param name="Count">How many matching indexes were written to the output span.</param>
/// <param name="Next">Where the next scan starts: the first unreturned match, or the first unscanned index.</param>
/// <param name="HasMore">A further match exists below the upper bound, or the scan budget ran out before knowing.</param>
internal readonly record struct ScanResult(int Count, long Next, bool HasMore);
