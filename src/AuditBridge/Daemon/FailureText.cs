using AuditBridge.Journal;
using AuditBridge.Secrets;
using AuditBridge.Sources;

namespace AuditBridge.Daemon;

/// <summary>How a failure is written where people read it (log, status, <c>/healthz</c>) and counted (metrics).</summary>
internal static class FailureText
{
    /// <summary>Redacted, one line, controls escaped: the message may quote a vendor or a receiver.</summary>
    public static string Scrub(SecretRedactor redactor, Exception failure) => ExternalText.Escape(redactor.Redact(failure.Message));

    /// <summary>The <c>error_type</c> metric tag: the kind of failure, never its text.</summary>
    public static string Type(Exception failure) => failure switch
    {
        SourceException s => s.Kind.ToString().ToLowerInvariant(),
        JournalException j => "journal_" + j.Kind.ToString().ToLowerInvariant(),
        _ => failure.GetType().Name.Replace("Exception", string.Empty, StringComparison.Ordinal).ToLowerInvariant(),
    };
}
