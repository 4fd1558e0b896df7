namespace AuditBridge.Simulators.Box;

/// <summary>A Box user as <c>User--Mini</c> describes one.</summary>
internal sealed record BoxUser(string Id, string Name, string Login);
