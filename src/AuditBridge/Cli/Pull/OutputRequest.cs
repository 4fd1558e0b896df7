using AuditBridge.Components;

namespace AuditBridge.Cli.Pull;

/// <summary>Where <c>pull</c> and <c>convert</c> write records, read from the command line through the sinks' definitions.</summary>
/// <param name="Sinks">The outputs chosen (stdout when no other was given), checked and ready to build.</param>
/// <param name="FollowSymlinks">Write the output file (and the <c>--state</c> and <c>--quarantine</c> files) through a symbolic link at its path.</param>
/// <param name="Warnings">Insecure options that are on, one sentence each: printed at every run.</param>
internal sealed record OutputRequest(IReadOnlyList<SinkBinding> Sinks, bool FollowSymlinks, IReadOnlyList<string> Warnings);
