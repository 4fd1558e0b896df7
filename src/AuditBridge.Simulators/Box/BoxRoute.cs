namespace AuditBridge.Simulators.Box;

/// <summary>The simulator routes a fault can target; combine with <c>|</c>.</summary>
[Flags]
public enum BoxRoute
{
    /// <summary>No route (0); not valid for a fault.</summary>
    None,

    /// <summary><c>GET /2.0/events</c>.</summary>
    Events = 1,

    /// <summary><c>POST /oauth2/token</c>.</summary>
    Token = 2,

    /// <summary>Both.</summary>
    Any = Events | Token,
}
