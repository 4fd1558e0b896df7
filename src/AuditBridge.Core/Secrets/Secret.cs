using System.Globalization;

namespace AuditBridge.Secrets;

/// <summary>
/// A credential value. It never prints itself: <see cref="ToString"/> returns a mask, so a secret that ends up in an
/// interpolated message, a log line or a record's <c>ToString</c> shows <c>***</c> instead of the value.
/// </summary>
public sealed class Secret
{
    /// <summary>
    /// The shortest credential accepted: 8 characters. A shorter value cannot be told apart from ordinary words and
    /// numbers in messages, so <see cref="SecretRedactor"/> could not keep it out of logs; it is refused instead.
    /// </summary>
    public const int MinimumLength = 8;

    /// <summary>Creates a secret from its value and the place it came from.</summary>
    /// <param name="value">The credential; at least <see cref="MinimumLength"/> characters, and so is the token part
    /// of an authorization value (<c>Bearer …</c>, the password of <c>Basic …</c>).</param>
    /// <param name="origin">Where it was read, for messages (for example <c>env DROPBOX_ACCESS_TOKEN</c>); never the value.</param>
    /// <exception cref="ArgumentException">The value is too short; the message is <see cref="Check"/>'s, naming the origin only.</exception>
    public Secret(string value, string origin)
        : this(value, origin, isIdentifier: false)
    {
        if (Check(value, origin) is { } problem)
        {
            throw new ArgumentException(problem, nameof(value));
        }
    }

    private Secret(string value, string origin, bool isIdentifier)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        Value = value;
        Origin = origin;
        IsIdentifier = isIdentifier;
    }

    /// <summary>Where the secret was read from (an environment variable name or a file path), safe to print.</summary>
    public string Origin { get; }

    /// <summary>
    /// True for an identifier kept like a secret but not a credential (a Box enterprise id): it has no minimum
    /// length, and is redacted only when it is at least <see cref="MinimumLength"/> characters long.
    /// </summary>
    public bool IsIdentifier { get; }

    private string Value { get; }

    /// <summary>An identifier handled like a secret (never printed) that may be short, such as a Box enterprise id.</summary>
    /// <param name="value">The identifier; must not be empty.</param>
    /// <param name="origin">Where it was read, for messages.</param>
    public static Secret Identifier(string value, string origin) => new(value, origin, isIdentifier: true);

    /// <summary>
    /// Why <paramref name="value"/> cannot be a credential, naming <paramref name="origin"/> and never the value; null
    /// when it can. A value, or the token of an authorization value (<c>Bearer …</c>, <c>Splunk …</c>, the password
    /// of <c>Basic …</c>), shorter than <see cref="MinimumLength"/> is refused.
    /// </summary>
    /// <param name="value">The candidate credential.</param>
    /// <param name="origin">Where it was read (<c>env DROPBOX_APP_KEY</c>, <c>file /etc/auditbridge/token</c>).</param>
    public static string? Check(string value, string origin)
    {
        ArgumentNullException.ThrowIfNull(value);
        var shortest = SecretForms.Credentials(value).MinBy(static part => part.Length)!;
        if (shortest.Length >= MinimumLength)
        {
            return null;
        }

        var what = shortest.Length == value.Length ? "the secret" : "the credential part of the secret";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{what} from {origin} is {shortest.Length} characters long; secrets shorter than {MinimumLength} characters are refused, because such a value cannot be told apart from ordinary text and so could not be kept out of messages. Give the whole credential.");
    }

    /// <summary>The credential itself; use it only where it is sent to the vendor.</summary>
    public string Reveal() => Value;

    /// <summary>Returns a mask, never the value.</summary>
    public override string ToString() => "***";
}
