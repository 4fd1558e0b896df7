namespace AuditBridge.Simulators.Dropbox;

/// <summary>A file or folder template: its <c>PathLogInfo</c> JSON and display name.</summary>
internal sealed record PoolFile(byte[] PathJson, JsonEncodedText DisplayName);
