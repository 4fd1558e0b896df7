namespace AuditBridge.Simulators.Core;

/// <summary>What a <see cref="Simulator{TEvents, TFault}"/> shows of the API it runs: the faults to come, the requests seen, the dataset.</summary>
/// <typeparam name="TEvents">The vendor's dataset.</typeparam>
/// <typeparam name="TFault">The vendor's fault record.</typeparam>
internal interface ISimulatedApi<out TEvents, TFault> : ISimulatedApi
    where TEvents : EventGenerator
    where TFault : SimulatorFault
{
    FaultQueue<TFault> Faults { get; }

    RequestLog Log { get; }

    TEvents Events { get; }
}
