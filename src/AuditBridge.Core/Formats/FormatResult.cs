namespace AuditBridge.Formats;

/// <summary>What a formatter wrote.</summary>
/// <param name="BytesWritten">Length of the record in bytes.</param>
/// <param name="ShortenedValues">How many values were shortened to meet a size budget (0 when none).</param>
public readonly record struct FormatResult(int BytesWritten, int ShortenedValues);
