namespace AuditBridge.Events;

/// <summary>A file, folder or other item an event touched.</summary>
/// <param name="Kind">Vendor item kind, for example <c>file</c>, <c>folder</c> or <c>paper_document</c>.</param>
/// <param name="Name">Name without path, or title.</param>
/// <param name="Path">Full path, when the vendor gives one.</param>
/// <param name="Id">Vendor item id.</param>
public sealed record EventObject(string Kind, string? Name = null, string? Path = null, string? Id = null);
