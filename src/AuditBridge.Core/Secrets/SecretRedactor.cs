namespace AuditBridge.Secrets;

/// <summary>
/// Replaces every known secret value in a text with <c>***</c>. Applied to every message that leaves the process
/// (errors, warnings, logs), as the last line of defence behind <see cref="Secret.ToString"/>: vendor error bodies
/// and exception messages can echo a token back. Text that came from outside goes through
/// <see cref="ExternalText.Describe(string, SecretRedactor, int, bool)"/>, which redacts the whole text before cutting it.
/// </summary>
/// <remarks>
/// Each secret is known in every form it can be echoed in: as given, the credential of an authorization value
/// (<c>Bearer abc…</c> → <c>abc…</c>; <c>Basic</c> → the decoded <c>user:password</c> and the password), and each of
/// those JSON-escaped and URL-encoded. Longer values are replaced first, so a secret that starts with another one is
/// masked whole instead of leaving its tail behind.
/// </remarks>
public sealed class SecretRedactor
{
    // Shortest beginning of a secret masked at the end of a text that was cut: below this, the cut-off piece is more
    // likely an ordinary word than a secret, and too short to be of use to anyone.
    private const int ShortestCutPiece = 4;

    private const string Mask = "***";

    private readonly List<string> _values = [];
    private readonly Lock _gate = new();

    /// <summary>Adds a secret in every form it can be echoed in. An identifier shorter than <see cref="Secret.MinimumLength"/> is not added.</summary>
    public void Add(Secret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        AddForms(secret.Reveal());
    }

    /// <summary>
    /// Adds a sensitive value that is not configured as a <see cref="Secret"/>: a token a vendor issued, or a part of
    /// a secret. Forms shorter than <see cref="Secret.MinimumLength"/> are not added (configured secrets that short
    /// are refused when they are read; see <see cref="Secret.Check"/>).
    /// </summary>
    public void Add(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        AddForms(value);
    }

    /// <summary>Returns <paramref name="text"/> with every known secret replaced by <c>***</c>.</summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (_gate)
        {
            foreach (var value in _values)
            {
                text = text.Replace(value, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary>
    /// Like <see cref="Redact"/> for a text whose end was cut off (the first bytes of a long answer): a secret that
    /// straddled the cut left only its beginning, which is masked too when it is at least 4 characters long.
    /// </summary>
    public string RedactCut(string text)
    {
        text = Redact(text);
        lock (_gate)
        {
            foreach (var value in _values)
            {
                for (var length = Math.Min(value.Length - 1, text.Length); length >= ShortestCutPiece; length--)
                {
                    if (text.AsSpan(text.Length - length).SequenceEqual(value.AsSpan(0, length)))
                    {
                        text = string.Concat(text.AsSpan(0, text.Length - length), Mask);
                        break;
                    }
                }
            }
        }

        return text;
    }

    private void AddForms(string value)
    {
        lock (_gate)
        {
            foreach (var form in SecretForms.Echoed(value))
            {
                if (form.Length >= Secret.MinimumLength && !_values.Contains(form, StringComparer.Ordinal))
                {
                    _values.Add(form);
                }
            }

            // Longest first: replacing a shorter secret that begins a longer one would leave the longer one's tail.
            _values.Sort(static (a, b) => b.Length.CompareTo(a.Length));
        }
    }
}
