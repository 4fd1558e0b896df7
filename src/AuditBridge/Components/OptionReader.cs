using System.Globalization;
using AuditBridge.Secrets;
using AuditBridge.Settings;

namespace AuditBridge.Components;

/// <summary>
/// The one typed reader of component options, for every front end: it takes the text an <see cref="IOptionSource"/>
/// gives, parses and checks it, and reports a bad value in the same words wherever it came from; only where the error
/// points differs (file:line:column and key path, or the flag). A getter returns null when the option is absent or
/// wrong (the error is recorded), so one pass reports every problem.
/// </summary>
internal sealed class OptionReader(IOptionSource source)
{
    public IOptionSource Source => source;

    public bool Has(OptionSpec option) => source.Has(option);

    public string? Text(OptionSpec option) => source.Text(option);

    /// <summary>A path, made absolute against where the front end says relative paths start.</summary>
    public string? Path(OptionSpec option) => source.Text(option) is { } path ? source.FullPath(path) : null;

    public int? Int(OptionSpec option)
    {
        var text = source.Text(option);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < option.Minimum || value > option.Maximum)
        {
            source.Error(option, null, $"must be a whole number from {option.Minimum} to {option.Maximum}, got '{text}'");
            return null;
        }

        return value;
    }

    public bool? Bool(OptionSpec option)
    {
        var text = source.Text(option);
        if (text is null)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        source.Error(option, null, $"must be true or false, got '{text}'");
        return null;
    }

    public TimeSpan? Duration(OptionSpec option)
    {
        var text = source.Text(option);
        if (text is null)
        {
            return null;
        }

        if (!DurationText.TryParse(text, out var duration))
        {
            source.Error(option, null, $"'{text}' is not a duration; write 30s, 5m, 2h, 7d or a number of seconds");
            return null;
        }

        if (option.MinimumDuration is { } minimum && duration < minimum)
        {
            source.Error(option, null, $"must be at least {DurationText.Describe(minimum)}, got '{text}'");
            return null;
        }

        return duration;
    }

    /// <summary>A size such as <c>100MB</c>, <c>1GiB</c>, <c>512k</c> or a number of bytes.</summary>
    public long? Size(OptionSpec option)
    {
        var text = source.Text(option);
        if (text is null)
        {
            return null;
        }

        if (!ConfigSize.TryParse(text, out var bytes))
        {
            source.Error(option, null, $"'{text}' is not a size; write 100MB, 1GB, 512KB or a number of bytes");
            return null;
        }

        return bytes;
    }

    /// <summary>One of the option's choices (compared ignoring case), suggesting the closest on a typo.</summary>
    public string? Choice(OptionSpec option)
    {
        var text = source.Text(option);
        if (text is null)
        {
            return null;
        }

        var match = option.Choices.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            var suggestion = DidYouMean.Suggest(text, option.Choices);
            source.Error(option, null, $"'{text}' is not one of {string.Join(", ", option.Choices)}" + (suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)"));
        }

        return match;
    }

    /// <summary>Reads the option by its kind only to check its value (an option the front end ignores but still checks).</summary>
    public void Check(OptionSpec option)
    {
        _ = option.Kind switch
        {
            OptionKind.Int => Int(option),
            OptionKind.Bool => Bool(option),
            OptionKind.Duration => Duration(option),
            OptionKind.Size => Size(option),
            OptionKind.Choice => Choice(option),
            _ => (object?)null,
        };
    }

    /// <summary>The entries of a map option, in the order given; entries whose value failed are left out.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Map(OptionSpec option) =>
        source.Entries(option) is { } entries
            ? [.. entries.Where(e => e.Text is not null).Select(e => KeyValuePair.Create(e.Name, e.Text!))]
            : null;

    /// <summary>The entries of a secret map option, each read as <see cref="Secret(OptionSpec, bool)"/> reads one secret.</summary>
    public IReadOnlyList<KeyValuePair<string, Secret>>? SecretMap(OptionSpec option)
    {
        if (source.Entries(option) is not { } entries)
        {
            return null;
        }

        var secrets = new List<KeyValuePair<string, Secret>>();
        foreach (var entry in entries)
        {
            if (Secret(option, entry.Name, entry.Raw, isIdentifier: false) is { } secret)
            {
                secrets.Add(KeyValuePair.Create(entry.Name, secret));
            }
        }

        return secrets;
    }

    /// <summary>
    /// A secret: the value must name where the secret is (an environment variable in the front end's form, or
    /// <c>file:PATH</c>); a secret written as itself is refused, since configuration files end up in backups and
    /// command lines in shell history. A secret shorter than <see cref="AuditBridge.Secrets.Secret.MinimumLength"/> is
    /// refused (it could not be redacted), and a secret file larger than <see cref="SecretFile.MaxBytes"/> is not read.
    /// </summary>
    /// <param name="option">The option.</param>
    /// <param name="isIdentifier">An identifier kept like a secret but not a credential (a Box enterprise id): no minimum length.</param>
    public Secret? Secret(OptionSpec option, bool isIdentifier = false) =>
        source.RawText(option) is { } raw ? Secret(option, null, raw, isIdentifier) : null;

    private Secret? Secret(OptionSpec option, string? entry, string raw, bool isIdentifier)
    {
        var isFile = raw.StartsWith("file:", StringComparison.Ordinal);
        if (!isFile && !source.IsVariableReference(raw))
        {
            source.Error(option, entry, source.LiteralSecretRefusal);
            return null;
        }

        if (source.DefersSecrets)
        {
            // Never used: a disabled component is not built. The placeholder only lets the definition check the rest.
            return AuditBridge.Secrets.Secret.Identifier("unresolved secret of a disabled component", "disabled");
        }

        string origin;
        string? value;
        if (isFile)
        {
            (value, origin) = ReadSecretFile(option, entry, source.FullPath(raw["file:".Length..]));
        }
        else
        {
            value = source.ReadVariable(option, entry, raw, out origin);
        }

        if (value is null)
        {
            return null;
        }

        if (isIdentifier)
        {
            return AuditBridge.Secrets.Secret.Identifier(value, origin);
        }

        if (AuditBridge.Secrets.Secret.Check(value, origin) is { } problem)
        {
            source.Error(option, entry, problem);
            return null;
        }

        return new Secret(value, origin);
    }

    private (string? Value, string Origin) ReadSecretFile(OptionSpec option, string? entry, string path)
    {
        var origin = $"file {path}";
        try
        {
            var content = SecretFile.ReadAllText(path).TrimEnd('\r', '\n');
            if (content.Length == 0)
            {
                source.Error(option, entry, $"the file {path} is empty");
                return (null, origin);
            }

            return (content, origin);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            source.Error(option, entry, $"cannot read the secret file {path} ({e.Message})");
            return (null, origin);
        }
    }
}
