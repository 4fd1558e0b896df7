namespace AuditBridge.Sinks;

/// <summary>
/// A sink that can check its destination without sending an event (<c>auditbridge check --probe</c>): connect, shake
/// hands, authenticate where the protocol allows it.
/// </summary>
public interface ISinkProbe
{
    /// <summary>Checks the destination; returns a short description of what was checked.</summary>
    /// <exception cref="SinkException">The destination cannot be reached or refused us.</exception>
    ValueTask<string> ProbeAsync(CancellationToken cancellationToken);
}
