using AuditBridge.Sources;

namespace AuditBridge.TestKit.Sources;

/// <summary>
/// One source type over its real data for <see cref="SourceContractTests"/>: the vendor's loopback simulator (or the fake
/// CLI it runs), a source created by the type's own factory, and the faults the contract needs.
/// </summary>
public interface ISourceHarness : IAsyncDisposable
{
    /// <summary>The ids of every event the data holds, as the source writes them (each once).</summary>
    IReadOnlyCollection<string> ExpectedIds { get; }

    /// <summary>
    /// A new source over the data, created by the type's factory with settings that make a whole read take at least three
    /// pages; each call a new instance (a restart). The test disposes it when it is <see cref="IDisposable"/>.
    /// </summary>
    ISource CreateSource();

    /// <summary>Makes the next read meet <paramref name="fault"/>; a transient fault is over once that read failed.</summary>
    void Inject(SourceFault fault);
}
