namespace AuditBridge.Simulators.Core;

/// <summary>
/// How the shared factories of <see cref="SimulatorFault{TSelf, TRoute}"/> make a vendor's fault. Only this assembly
/// implements it: each vendor's fault record, explicitly.
/// </summary>
/// <typeparam name="TSelf">The vendor's fault record.</typeparam>
public interface IVendorFault<TSelf>
    where TSelf : SimulatorFault
{
    /// <summary>A fault of <paramref name="kind"/> on the vendor's default routes (all of them).</summary>
    internal static abstract TSelf Create(FaultKind kind);
}
