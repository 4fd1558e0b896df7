namespace AuditBridge.Sinks.File;

/// <summary>An existing file named by a <see cref="FileNamePattern"/>, with the values its name carries.</summary>
/// <param name="Path">Full path.</param>
/// <param name="Date">The <c>{date}</c> in its name, or <see cref="DateOnly.MinValue"/> when the pattern has none.</param>
/// <param name="Number">The <c>{n}</c> in its name, or 1 when the pattern has none.</param>
internal readonly record struct PatternFile(string Path, DateOnly Date, int Number);
