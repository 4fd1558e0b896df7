namespace AuditBridge.Configuration;

/// <summary>Every problem found in a configuration, reported at once (one line each, file:line:column first).</summary>
internal sealed class ConfigurationException : Exception
{
    public ConfigurationException()
        : this([])
    {
    }

    public ConfigurationException(string message)
        : base(message)
    {
        Errors = [];
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public ConfigurationException(IReadOnlyList<ConfigurationError> errors)
        : base(errors.Count == 1 ? errors[0].ToString() : $"{errors.Count} problems:{Environment.NewLine}" + string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<ConfigurationError> Errors { get; }
}
