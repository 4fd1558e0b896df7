namespace AuditBridge.Sinks;

/// <summary>The checks of the TLS file options that the syslog and http sinks share.</summary>
internal static class TlsOptionRules
{
    /// <summary>Adds one problem per broken rule of the TLS options to <paramref name="errors"/>.</summary>
    /// <param name="errors">Where problems go.</param>
    /// <param name="endpoint">The parsed endpoint for messages, or null when it did not parse (then its TLS use is unknown).</param>
    /// <param name="usesTls">Whether the endpoint is encrypted.</param>
    /// <param name="tlsSchemes">How TLS endpoints are written, for the message (<c>tls://</c>, <c>https://</c>).</param>
    /// <param name="caFile">CaFile option.</param>
    /// <param name="clientCertificateFile">ClientCertificateFile option.</param>
    /// <param name="clientKeyFile">ClientKeyFile option.</param>
    /// <param name="insecureSkipVerify">InsecureSkipVerify option.</param>
    /// <param name="name">How the options are named in messages.</param>
    public static void Validate(
        List<OptionProblem> errors,
        object? endpoint,
        bool usesTls,
        string tlsSchemes,
        string? caFile,
        string? clientCertificateFile,
        string? clientKeyFile,
        bool insecureSkipVerify,
        OptionNamer name)
    {
        if (endpoint is not null && !usesTls)
        {
            // Sending in the clear while the operator believes TLS is configured would be worse than failing.
            foreach (var (property, isSet) in new[]
            {
                ("CaFile", caFile is not null),
                ("ClientCertificateFile", clientCertificateFile is not null),
                ("ClientKeyFile", clientKeyFile is not null),
                ("InsecureSkipVerify", insecureSkipVerify),
            })
            {
                if (isSet)
                {
                    errors.Add(new(property, $"{name(property)} applies to {tlsSchemes} endpoints only, but the endpoint is {endpoint}."));
                }
            }
        }

        if (clientKeyFile is not null && clientCertificateFile is null)
        {
            errors.Add(new("ClientKeyFile", $"{name("ClientKeyFile")} is set without {name("ClientCertificateFile")}."));
        }

        foreach (var (property, path) in new[] { ("CaFile", caFile), ("ClientCertificateFile", clientCertificateFile), ("ClientKeyFile", clientKeyFile) })
        {
            if (path is not null && !System.IO.File.Exists(path))
            {
                errors.Add(new(property, $"{name(property)} '{path}' does not exist."));
            }
        }
    }
}
