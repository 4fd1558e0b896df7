namespace AuditBridge.Simulators.Dropbox;

/// <summary>The simulator routes a fault can target; combine with <c>|</c>.</summary>
[Flags]
public enum DropboxRoute
{
    /// <summary>No route; not valid for a fault.</summary>
    None = 0,

    /// <summary><c>POST /2/team_log/get_events</c>.</summary>
    GetEvents = 1,

    /// <summary><c>POST /2/team_log/get_events/continue</c>.</summary>
    Continue = 2,

    /// <summary><c>POST /oauth2/token</c>.</summary>
    Token = 4,

    /// <summary>Any of the three.</summary>
    Any = GetEvents | Continue | Token,
}
