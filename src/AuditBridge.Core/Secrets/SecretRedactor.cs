namespace AuditBridge.Secrets;

/// <summary>
/// Replaces every known secret value in a text with <c>***</c>. Applied to every message that leaves the process
/// (errors, warnings, logs), as the last line of defence behind <see cref="Secret.ToString"/>: vendor error bodies
/// and exception messages can echo a token back.
/// </summary>
public sealed class SecretRedactor
{
    private readonly List<string> _values = [];
    private readonly Lock _gate = new();

    /// <summary>Adds a secret (and, for tokens sent as HTTP Basic credentials, callers add the encoded form too).</summary>
    public void Add(Secret secret) => Add(secret.Reveal());

    /// <summary>Adds a raw sensitive value, for example a token received from a vendor.</summary>
    public void Add(string value)
    {
        // Very short values would mask ordinary words; no real credential is this short.
        if (value.Length < 6)
        {
            return;
        }

        lock (_gate)
        {
            if (!_values.Contains(value, StringComparer.Ordinal))
            {
                _values.Add(value);
                _values.Sort(static (a, b) => b.Length.CompareTo(a.Length));
            }
        }
    }

    /// <summary>Returns <paramref name="text"/> with every known secret replaced by <c>***</c>.</summary>
    public string Redact(string text)
    {
        lock (_gate)
        {
            foreach (var value in _values)
            {
                text = text.Replace(value, "***", StringComparison.Ordinal);
            }
        }

        return text;
    }
}
