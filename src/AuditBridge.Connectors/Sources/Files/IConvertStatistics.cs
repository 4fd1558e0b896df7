namespace AuditBridge.Sources.Files;

/// <summary>What a conversion skipped and what it read, for the summary line.</summary>
public interface IConvertStatistics
{
    /// <summary>Events skipped as invalid (only with <see cref="ConvertSourceOptions.SkipInvalid"/>).</summary>
    long Skipped { get; }

    /// <summary>Where the first skipped event was and why.</summary>
    string? FirstSkipped { get; }

    /// <summary>The layout detected in the input.</summary>
    EventFileLayout? Layout { get; }
}
