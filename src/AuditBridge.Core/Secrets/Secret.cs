namespace AuditBridge.Secrets;

/// <summary>
/// A credential value. It never prints itself: <see cref="ToString"/> returns a mask, so a secret that ends up in an
/// interpolated message, a log line or a record's <c>ToString</c> shows <c>***</c> instead of the value.
/// </summary>
public sealed class Secret
{
    /// <summary>Creates a secret from its value and the place it came from.</summary>
    /// <param name="value">The credential; must not be empty.</param>
    /// <param name="origin">Where it was read, for messages (for example <c>env DROPBOX_ACCESS_TOKEN</c>); never the value.</param>
    public Secret(string value, string origin)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        Value = value;
        Origin = origin;
    }

    /// <summary>Where the secret was read from (an environment variable name or a file path), safe to print.</summary>
    public string Origin { get; }

    /// <summary>The credential itself; use it only where it is sent to the vendor.</summary>
    public string Reveal() => Value;

    private string Value { get; }

    /// <summary>Returns a mask, never the value.</summary>
    public override string ToString() => "***";
}
