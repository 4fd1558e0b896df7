namespace AuditBridge.Simulators.Box;

/// <summary>A folder with its path from "All Files" (id 0), itself included.</summary>
internal sealed record BoxFolder(string Id, string Name, (string Id, string Name)[] Path);
