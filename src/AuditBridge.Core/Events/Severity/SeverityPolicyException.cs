namespace AuditBridge.Events.Severity;

/// <summary>
/// A severity policy file is malformed. The message reads like a compiler diagnostic:
/// <c>path:line:column: problem (key 'vendors.dropbox.categories.sharing')</c>.
/// </summary>
public sealed class SeverityPolicyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SeverityPolicyException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SeverityPolicyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public SeverityPolicyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a problem at a position in a file.</summary>
    /// <param name="filePath">The file (or source name) that was read.</param>
    /// <param name="line">1-based line of the offending token.</param>
    /// <param name="column">1-based column, counted in bytes as <see cref="System.Text.Json.Utf8JsonReader"/> does.</param>
    /// <param name="key">Dotted path of the offending key, empty at the top level.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="innerException">The JSON reader's error, for syntax errors.</param>
    public SeverityPolicyException(string filePath, long line, long column, string key, string problem, Exception? innerException = null)
        : base(FormatMessage(filePath, line, column, key, problem), innerException)
    {
        FilePath = filePath;
        Line = line;
        Column = column;
        Key = key;
    }

    /// <summary>The file that was read; null when the exception was not created for a file position.</summary>
    public string? FilePath { get; }

    /// <summary>1-based line of the problem (0 when unknown).</summary>
    public long Line { get; }

    /// <summary>1-based byte column of the problem (0 when unknown).</summary>
    public long Column { get; }

    /// <summary>Dotted path of the offending key (for example <c>vendors.dropbox.categories.sharing</c>).</summary>
    public string? Key { get; }

    private static string FormatMessage(string filePath, long line, long column, string key, string problem) =>
        string.IsNullOrEmpty(key)
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{filePath}:{line}:{column}: {problem}")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{filePath}:{line}:{column}: {problem} (key '{key}')");
}
