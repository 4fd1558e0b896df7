namespace AuditBridge.Components;

/// <summary>One entry of a <see cref="OptionKind.Map"/> or <see cref="OptionKind.SecretMap"/> option.</summary>
/// <param name="Name">The entry's name (a header name).</param>
/// <param name="Text">The value as the front end resolves plain text (YAML: <c>${VAR}</c> interpolated); null when that failed (already reported).</param>
/// <param name="Raw">The value as written: what a secret reference is read from.</param>
internal sealed record OptionEntry(string Name, string? Text, string Raw);
