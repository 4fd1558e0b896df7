namespace AuditBridge.Events;

/// <summary>Kinds of principals across vendors. Rendered in lower case in every format.</summary>
public enum PrincipalKind
{
    /// <summary>A team member or outside user.</summary>
    User,

    /// <summary>A user acting with administrator rights.</summary>
    Admin,

    /// <summary>An application or integration.</summary>
    App,

    /// <summary>A reseller acting on the team.</summary>
    Reseller,

    /// <summary>The vendor's own systems (Dropbox actor <c>dropbox</c>).</summary>
    System,

    /// <summary>An anonymous user (for example a shared-link visitor).</summary>
    Anonymous,

    /// <summary>A group of users.</summary>
    Group,

    /// <summary>The team or organisation as a whole.</summary>
    Team,
}
