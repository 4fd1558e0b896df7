namespace AuditBridge.Journal.Query;

/// <summary>A normalized field the journal counts by (<see cref="IJournalQuery.CountByFieldAsync"/>, a histogram's stacks).</summary>
public enum EventField
{
    /// <summary>The vendor key (<c>dropbox</c>, <c>box</c>, <c>dashlane</c>).</summary>
    Vendor,

    /// <summary>The configured source name.</summary>
    Source,

    /// <summary>The vendor category.</summary>
    Category,

    /// <summary>The vendor event type.</summary>
    Action,

    /// <summary>The actor's e-mail address, else its name; events without either count under none.</summary>
    Actor,

    /// <summary>The target's e-mail address, else its name.</summary>
    Target,

    /// <summary>The origin IP address.</summary>
    Ip,

    /// <summary>The severity, 0 to 10, as text.</summary>
    Severity,
}
