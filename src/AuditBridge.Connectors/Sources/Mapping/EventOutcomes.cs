using AuditBridge.Events;

namespace AuditBridge.Sources.Mapping;

/// <summary>Success or failure read from an event type's name, for vendors that mark outcomes in snake_case type names.</summary>
internal static class EventOutcomes
{
    /// <summary>
    /// <c>…_fail</c>, <c>…_failed</c>, <c>…_failure</c> are failures, <c>…_success</c>, <c>…_succeeded</c> successes
    /// (Dropbox's <c>login_fail</c>, <c>device_link_success</c>; Dashlane's <c>sso_login_failed</c>); anything else is unknown.
    /// </summary>
    public static EventOutcome FromSuffix(string typeName)
    {
        if (typeName.EndsWith("_fail", StringComparison.Ordinal) || typeName.EndsWith("_failed", StringComparison.Ordinal) || typeName.EndsWith("_failure", StringComparison.Ordinal))
        {
            return EventOutcome.Failure;
        }

        return typeName.EndsWith("_success", StringComparison.Ordinal) || typeName.EndsWith("_succeeded", StringComparison.Ordinal)
            ? EventOutcome.Success
            : EventOutcome.Unknown;
    }
}
