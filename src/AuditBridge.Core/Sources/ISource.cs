namespace AuditBridge.Sources;

/// <summary>
/// One vendor connector instance (a tenant, its credentials and filters) that reads events page by page.
/// </summary>
public interface ISource
{
    /// <summary>
    /// Reads pages starting after <paramref name="resumeFrom"/> (or from the configured start when null).
    /// Each page carries the checkpoint that is valid once that page's events are stored or delivered.
    /// The sequence ends when the vendor has nothing more right now.
    /// </summary>
    /// <exception cref="SourceException">A failure the source could not recover from; see <see cref="SourceException.IsTransient"/>.</exception>
    IAsyncEnumerable<SourcePage> ReadAsync(Checkpoint? resumeFrom, CancellationToken cancellationToken);
}
